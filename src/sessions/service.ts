import crypto from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import { Session, type LaunchInfo } from './model';
import { User } from '../users/model';
import { columnsOf, instanceFrom } from '../db/rows';
import type { Config } from '../config';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The stored id of a session token (its sha256). */
export const sessionIdOf = hash;

export interface SessionLimits {
  idleMinutes: number;
  absoluteMinutes: number;
}

/** The configured limits of a session (idle and absolute). */
export function sessionLimits(config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_MINUTES'>): SessionLimits {
  return { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteMinutes: config.SESSION_ABSOLUTE_MINUTES };
}

/** Open a session for a launch; returns the token the browser carries (only its hash is stored). */
export async function createSession(
  limits: SessionLimits,
  s: { userId: number; platformId: number; cohortId: number | null; launch: LaunchInfo },
  transaction?: Transaction,
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  await Session.create(
    { id: hash(token), ...s, lastSeenAt: now, expiresAt: new Date(now.getTime() + limits.idleMinutes * 60_000) },
    { transaction },
  );
  return token;
}

/** More columns for the statement that resumes a session (the page's next needs), joined on `s` (sessions) and `u` (users). */
export interface AlongWithSession {
  select: string;
  join: string;
  replacements: Record<string, unknown>;
}

/**
 * Find a live session and extend its idle expiry (never past the absolute one). The row is
 * touched at most once a minute so reading pages does not turn into a write per request.
 * `along` reads more in the same statement (a community page's membership kernel); its
 * columns come back in `row`.
 */
export async function resumeSession(limits: SessionLimits, token: string, along?: AlongWithSession): Promise<{ session: Session; user: User; row: Record<string, unknown> } | null> {
  if (!token || token.length > 100) return null;
  // Every page starts here: the session and its user in one plain statement (src/db/rows.ts).
  const [row] = await Session.sequelize!.query<Record<string, unknown>>(
    `SELECT ${columnsOf(Session, 's', 's.')}, ${columnsOf(User, 'u', 'u.')}${along ? `, ${along.select}` : ''} FROM sessions s JOIN users u ON u.id = s.user_id${along ? ` ${along.join}` : ''} WHERE s.id = :id`,
    { type: QueryTypes.SELECT, replacements: { ...along?.replacements, id: hash(token) } },
  );
  if (!row) return null;
  const session = instanceFrom(Session, row, 's.');
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) return null;
  const absoluteEnd = session.createdAt.getTime() + limits.absoluteMinutes * 60_000;
  if (absoluteEnd <= now) return null;
  if (now - session.lastSeenAt.getTime() > 60_000) {
    const expiresAt = new Date(Math.min(now + limits.idleMinutes * 60_000, absoluteEnd));
    await session.update({ lastSeenAt: new Date(now), expiresAt });
  }
  return { session, user: instanceFrom(User, row, 'u.'), row };
}

/**
 * A session that is no longer live (expired or past its absolute lifetime) but still on file:
 * the expired-session page uses its launch to offer a relaunch from the LMS.
 */
export async function endedSession(token: string): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  return Session.findByPk(hash(token));
}

/** Record the carrier a session settled on (checked once, right after the launch). */
export async function recordCarrier(sessionId: string, carrier: 'cookie' | 'tab'): Promise<void> {
  await Session.update({ carrier }, { where: { id: sessionId } });
}

/** Point a session at the cohort it now belongs to (after community setup or joining). */
export async function attachCohort(sessionId: string, cohortId: number, transaction?: Transaction): Promise<void> {
  await Session.update({ cohortId }, { where: { id: sessionId }, transaction });
}

/** CSRF token for a session: an HMAC of its id, checked on every form post (not relying on SameSite). */
export function csrfToken(secret: string, sessionId: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function checkCsrf(secret: string, sessionId: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfToken(secret, sessionId));
  const given = Buffer.from(presented);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export async function purgeExpiredSessions(): Promise<number> {
  return Session.destroy({ where: { expiresAt: { [Op.lt]: new Date() } } });
}
