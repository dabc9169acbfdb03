import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Op, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { Membership } from '../kernel/community';
import { translator, type Lang } from '../i18n';
import { diskStore } from '../resources/storage';
import { notify } from '../notifications/service';
import { collectPersonalData } from './collect';
import { buildArchive } from './archive';
import { audit } from './model';
import { PrivacyExport } from './export-model';
import { retryTransaction } from '../db/retry';

/** Where export files live; keys are ours (32 hex), never a name a person chose. */
export function exportPath(config: Pick<Config, 'DATA_DIR'>, key: string): string {
  if (!/^[a-f0-9]{32}$/.test(key)) throw new Error(`invalid export key: ${key}`);
  return path.resolve(config.DATA_DIR, 'exports', `${key}.zip`);
}

/** Queue an export for the member (one at a time: a queued or running one is returned as is). */
export async function requestExport(membership: Membership, lang: Lang): Promise<PrivacyExport> {
  const open = await PrivacyExport.findOne({ where: { userId: membership.userId, status: { [Op.in]: ['queued', 'running'] } } });
  if (open) return open;
  return PrivacyExport.create({ userId: membership.userId, membershipId: membership.id, status: 'queued', progress: 0, lang });
}

/** The member's exports still useful to show (not expired), newest first. */
export function exportsOf(userId: number): Promise<PrivacyExport[]> {
  return PrivacyExport.findAll({
    where: { userId, [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: new Date() } }] },
    order: [['id', 'DESC']],
    limit: 5,
  });
}

/**
 * Build the queued exports: claim one (a lease keeps several workers apart), collect, write the
 * ZIP, then notify the member. Progress moves as tables are read and when the file is written.
 */
export async function runQueuedExports(sequelize: Sequelize, config: Config, opts: { max?: number } = {}): Promise<number> {
  let done = 0;
  for (let i = 0; i < (opts.max ?? 5); i++) {
    const next = await PrivacyExport.findOne({ where: { [Op.or]: [{ status: 'queued' }, { status: 'running', leaseUntil: { [Op.lt]: new Date() } }] }, order: [['id', 'ASC']] });
    if (!next) break;
    // The claim: only one worker turns this row to running (a stale lease may be taken over).
    const [claimed] = await PrivacyExport.update(
      { status: 'running', leaseUntil: new Date(Date.now() + 10 * 60_000) },
      { where: { id: next.id, [Op.or]: [{ status: 'queued' }, { status: 'running', leaseUntil: { [Op.lt]: new Date() } }] } },
    );
    if (!claimed) continue;
    await buildOne(sequelize, config, next.id).catch(async () => PrivacyExport.update({ status: 'failed' }, { where: { id: next.id } }));
    done++;
  }
  return done;
}

async function buildOne(sequelize: Sequelize, config: Config, id: number): Promise<void> {
  const row = (await PrivacyExport.findByPk(id))!;
  await row.update({ progress: 10 });
  const data = await collectPersonalData(sequelize, row.userId);
  await row.update({ progress: 60 });
  const zip = await buildArchive(data, { lang: row.lang, t: translator(row.lang), store: diskStore(config.DATA_DIR) });
  const key = crypto.randomBytes(16).toString('hex');
  const file = exportPath(config, key);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, zip, { mode: 0o600 });
  const expiresAt = new Date(Date.now() + config.RETENTION_EXPORT_HOURS * 3600_000);
  await retryTransaction(sequelize, async (t) => {
    await row.update({ status: 'ready', progress: 100, fileKey: key, size: zip.length, expiresAt, leaseUntil: null }, { transaction: t });
    const member = await Membership.findByPk(row.membershipId, { transaction: t });
    if (member) {
      await notify(t, { communityId: member.communityId, recipients: [member.id], kind: 'privacy.export_ready', subject: { type: 'privacy_export', id: row.id }, link: `/c/${member.communityId}/my-data` });
    }
    await audit('export', 'worker', { tables: data.tables.length, rows: data.tables.reduce((n, x) => n + x.rows.length, 0) }, t);
  });
}

/** Remove expired exports and their files (retention); `dryRun` only counts them. */
export async function purgeExpiredExports(config: Pick<Config, 'DATA_DIR'>, now: Date, dryRun: boolean): Promise<number> {
  const expired = await PrivacyExport.findAll({ where: { expiresAt: { [Op.lt]: now } } });
  if (dryRun) return expired.length;
  for (const e of expired) {
    if (e.fileKey) await fsp.rm(exportPath(config, e.fileKey), { force: true });
    await e.destroy();
  }
  return expired.length;
}
