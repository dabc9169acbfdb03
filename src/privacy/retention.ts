import fsp from 'node:fs/promises';
import path from 'node:path';
import { Op, QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { Session } from '../sessions/model';
import { LtiLogin } from '../lti/login-model';
import { EmailOutbox, Notification } from '../notifications/model';
import { purgeExpiredExports } from './exports';
import { retryTransaction } from '../db/retry';

/**
 * Activity-log keys kept past RETENTION_ACTIVITY_DETAIL_DAYS: the structure analytics, participation
 * scores and PD hours count (kinds, lengths, links between rows). Free text and choices — titles,
 * reasons, vote choices, roles, dates typed by people — go.
 */
export const ACTIVITY_KEYS_KEPT = [
  'kind', 'length', 'threadId', 'postId', 'problemId', 'meetingId', 'authorId', 'authorMembershipId', 'menteeMembershipId',
  'links', 'result', 'eligible', 'scaffold', 'minutes', 'anonymous', 'reduced',
] as const;

export type RetentionConfig = Pick<
  Config,
  'DATA_DIR' | 'RETENTION_EXPORT_HOURS' | 'RETENTION_SESSIONS_DAYS' | 'RETENTION_LOGINS_DAYS' | 'RETENTION_LTI_RECORDS_DAYS' | 'RETENTION_EMAIL_DAYS' | 'RETENTION_NOTIFICATIONS_DAYS' | 'RETENTION_ACTIVITY_DETAIL_DAYS'
>;

export interface RetentionResult {
  sessions: number;
  logins: number;
  ltiRecords: number;
  emails: number;
  emailFiles: number;
  notifications: number;
  activityDetail: number;
  exports: number;
}

const DAY = 24 * 3600_000;
const BATCH = 1000;

/**
 * Remove what is past the retention periods (environment, README "Privacy"), or with `dryRun`
 * only count it. Idempotent, so safe with several workers; the confidentiality-incident register
 * is never touched (kept at least 5 years).
 */
export async function applyRetention(sequelize: Sequelize, config: RetentionConfig, opts: { dryRun?: boolean; now?: Date } = {}): Promise<RetentionResult> {
  const now = (opts.now ?? new Date()).getTime();
  const before = (days: number) => new Date(now - days * DAY);
  const dry = Boolean(opts.dryRun);
  const run = async (model: { count: (o: object) => Promise<number>; destroy: (o: object) => Promise<number> }, where: object) => (dry ? model.count({ where }) : model.destroy({ where }));
  const ltiWhere = { collection: { [Op.in]: ['idtoken', 'contexttoken'] }, createdAt: { [Op.lt]: before(config.RETENTION_LTI_RECORDS_DAYS) } };
  const ltiRecords = sequelize.models.LtiRecord;
  return {
    sessions: await run(Session, { expiresAt: { [Op.lt]: before(config.RETENTION_SESSIONS_DAYS) } }),
    logins: await run(LtiLogin, { createdAt: { [Op.lt]: before(config.RETENTION_LOGINS_DAYS) } }),
    ltiRecords: ltiRecords ? await run(ltiRecords, ltiWhere) : 0,
    // Days after sending; an e-mail that gave up counts from its last attempt. Pending ones are never touched.
    emails: await run(EmailOutbox, {
      [Op.or]: [
        { status: 'sent', sentAt: { [Op.lt]: before(config.RETENTION_EMAIL_DAYS) } },
        { status: 'failed', updatedAt: { [Op.lt]: before(config.RETENTION_EMAIL_DAYS) } },
      ],
    }),
    emailFiles: await oldOutboxFiles(config, before(config.RETENTION_EMAIL_DAYS), dry),
    notifications: await run(Notification, { createdAt: { [Op.lt]: before(config.RETENTION_NOTIFICATIONS_DAYS) } }),
    activityDetail: await reduceActivityDetail(sequelize, before(config.RETENTION_ACTIVITY_DETAIL_DAYS), dry),
    // Exports carry their own deadline (RETENTION_EXPORT_HOURS after they were ready).
    exports: await purgeExpiredExports(config, new Date(now), dry),
  };
}

/** E-mails written to `${DATA_DIR}/outbox/` (no SMTP server) older than the e-mail retention. */
async function oldOutboxFiles(config: RetentionConfig, cutoff: Date, dry: boolean): Promise<number> {
  const dir = path.resolve(config.DATA_DIR, 'outbox');
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  let n = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile() || stat.mtime >= cutoff) continue;
    if (!dry) await fsp.rm(file, { force: true });
    n++;
  }
  return n;
}

/** The detail of an activity row as kept after the retention period (null when nothing is left). */
export function reducedDetail(data: string | null): string | null {
  if (!data) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  const kept = Object.fromEntries(ACTIVITY_KEYS_KEPT.filter((k) => parsed[k] !== undefined).map((k) => [k, parsed[k]]));
  return JSON.stringify({ ...kept, reduced: true });
}

/** Reduce old activity rows to what is counted, in batches by id (the log may hold millions of rows); `detail_reduced` marks the rows done. */
async function reduceActivityDetail(sequelize: Sequelize, cutoff: Date, dry: boolean): Promise<number> {
  let after = 0;
  let changed = 0;
  for (;;) {
    const rows = await sequelize.query<{ id: number; data: string | null }>(
      `SELECT id, data FROM activities WHERE detail_reduced = ? AND created_at < ? AND id > ? AND data IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
      { replacements: [false, cutoff, after], type: QueryTypes.SELECT },
    );
    if (!rows.length) return changed;
    after = Number(rows[rows.length - 1].id);
    changed += rows.length;
    if (dry) continue;
    await retryTransaction(sequelize, async (transaction) => {
      for (const r of rows) await sequelize.query('UPDATE activities SET data = ?, detail_reduced = ? WHERE id = ?', { replacements: [reducedDetail(r.data), true, r.id], transaction });
    });
  }
}
