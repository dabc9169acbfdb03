import crypto from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { User } from '../users/model';
import { Platform } from '../kernel/platform';
import { translator, type Lang } from '../i18n';
import { DomainError } from '../kernel/errors';
import { personColumns } from './graph';
import { membershipIdsOf } from './collect';
import { removeContributions } from './contributions';
import { scrubText } from './scrub';
import { currentCharter } from '../charter/service';

export interface ErasureResult {
  /** Rows deleted, per table. */
  deleted: Record<string, number>;
  /** Contributions removed (text blanked or rows deleted), per table; empty when kept. */
  removed: Record<string, number>;
  /** Text cells where the person's name or e-mail was replaced by "former member". */
  scrubbed: number;
  /** Uploaded files to remove once the transaction has committed. */
  fileKeys: string[];
  /** Export files (under `${DATA_DIR}/exports/`) to remove once the transaction has committed. */
  exportKeys: string[];
  /** What to look for in files written outside the database (e-mails in the outbox folder). */
  identity: string[];
}

const q = (sequelize: Sequelize, name: string) => sequelize.getQueryInterface().quoteIdentifier(name);

/** The strings that identify the person in text: full name, given + family name, e-mail (short ones are too common to replace). */
function identityStrings(u: User): string[] {
  const given = [u.givenName, u.familyName].filter(Boolean).join(' ');
  return [...new Set([u.name, given, u.email].map((s) => s?.trim() ?? '').filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
}

/**
 * Erase a person: their identity everywhere (name, e-mail, picture, LMS `sub`, profile,
 * mentoring space, preferences, sessions, queued e-mails, LTI records) and, unless kept, their
 * contributions. Kept contributions stay in place under "former member"; the user row remains as
 * an anonymous tombstone so threads keep their shape, and a later launch from the same LMS account
 * starts a new, empty identity (its `sub` is no longer on file). Grades already sent to the LMS
 * are not retracted: the LMS is the record. Runs in the caller's transaction.
 */
export async function eraseUser(sequelize: Sequelize, userId: number, opts: { keepContributions: boolean }, transaction: Transaction): Promise<ErasureResult> {
  const user = await User.findByPk(userId, { transaction });
  if (!user) throw new DomainError('not_found', 'errors.not_found');
  if (user.erasedAt) throw new DomainError('conflict', 'privacy.errors.already_erased');
  const lang: Lang = user.locale?.startsWith('en') ? 'en' : 'fr';
  const label = translator(lang)('privacy.former_member');
  const identity = identityStrings(user);
  const membershipIds = await membershipIdsOf(sequelize, userId, transaction);
  const exports = await sequelize.query<{ file_key: string | null }>('SELECT file_key FROM privacy_exports WHERE user_id = ?', { replacements: [userId], type: QueryTypes.SELECT, transaction });
  const result: ErasureResult = { deleted: {}, removed: {}, scrubbed: 0, fileKeys: [], exportKeys: exports.map((e) => e.file_key).filter((k): k is string => Boolean(k)), identity };

  if (!opts.keepContributions) {
    const removed = await removeContributions(sequelize, { userId, membershipIds, keepIn: await communitiesKeepingContributions(sequelize, userId, transaction) }, transaction);
    result.removed = removed.counts;
    result.fileKeys = removed.fileKeys;
  }
  for (const col of await personColumns(sequelize)) {
    if (col.erase !== 'delete') continue;
    const ids = col.to === 'users' ? [userId] : membershipIds;
    if (!ids.length) continue;
    const [, meta] = (await sequelize.query(`DELETE FROM ${q(sequelize, col.table)} WHERE ${q(sequelize, col.column)} IN (${ids.map(() => '?').join(',')})`, {
      replacements: ids,
      transaction,
    })) as [unknown, unknown];
    const n = affected(meta);
    if (n) result.deleted[col.table] = (result.deleted[col.table] ?? 0) + n;
  }
  result.deleted.lti_records = await forgetLtiRecords(sequelize, user, transaction);
  result.scrubbed = await scrubText(sequelize, identity, label, transaction);
  await sequelize.query(`UPDATE memberships SET status = 'removed', lti_roles = '[]', last_launch_at = NULL, last_visit_at = NULL, previous_visit_at = NULL WHERE user_id = ?`, {
    replacements: [userId],
    transaction,
  });
  await user.update(
    { sub: `erased:${crypto.randomBytes(12).toString('hex')}`, name: null, givenName: null, familyName: null, email: null, picture: null, locale: null, lastLaunchAt: null, erasedAt: new Date() },
    { transaction },
  );
  return result;
}

/** Rows changed by a DELETE: SQLite reports `{ changes }`, MariaDB `{ affectedRows }`. */
function affected(meta: unknown): number {
  const m = meta as { changes?: number; affectedRows?: number } | number | undefined;
  if (typeof m === 'number') return m;
  return m?.changes ?? m?.affectedRows ?? 0;
}

/** ltijs's id and context tokens name the person's `sub` in their index; login attempts carry it as login_hint. */
async function forgetLtiRecords(sequelize: Sequelize, user: User, transaction: Transaction): Promise<number> {
  const platform = await Platform.findByPk(user.platformId, { transaction });
  const records = await sequelize.query<{ id: number; idx: string }>(`SELECT id, idx FROM lti_records WHERE collection IN ('idtoken', 'contexttoken')`, { type: QueryTypes.SELECT, transaction });
  const ids = records.filter((r) => safeJson(r.idx).user === user.sub).map((r) => r.id);
  if (ids.length) await sequelize.query(`DELETE FROM lti_records WHERE id IN (${ids.map(() => '?').join(',')})`, { replacements: ids, transaction });
  if (platform) {
    const logins = await sequelize.query<{ state: string; params: string }>(`SELECT state, params FROM lti_logins WHERE issuer = ?`, { replacements: [platform.issuer], type: QueryTypes.SELECT, transaction });
    const states = logins.filter((l) => safeJson(l.params).login_hint === user.sub).map((l) => l.state);
    if (states.length) await sequelize.query(`DELETE FROM lti_logins WHERE state IN (${states.map(() => '?').join(',')})`, { replacements: states, transaction });
  }
  return ids.length;
}

function safeJson(s: string): Record<string, unknown> {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The person's communities whose charter keeps the contributions of erased members (their choice does not apply there). */
export async function communitiesKeepingContributions(sequelize: Sequelize, userId: number, transaction?: Transaction): Promise<number[]> {
  const rows = await sequelize.query<{ community_id: number }>('SELECT DISTINCT community_id FROM memberships WHERE user_id = ?', { replacements: [userId], type: QueryTypes.SELECT, transaction });
  const keep: number[] = [];
  for (const { community_id: id } of rows) if ((await currentCharter(Number(id), transaction))?.rules.erasure === 'keep') keep.push(Number(id));
  return keep;
}
