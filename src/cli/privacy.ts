import fsp from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Runtime } from '../bootstrap';
import { Platform } from '../kernel/platform';
import { User } from '../users/model';
import { translator } from '../i18n';
import { diskStore } from '../resources/storage';
import { collectPersonalData } from '../privacy/collect';
import { buildArchive } from '../privacy/archive';
import { audit } from '../privacy/model';
import { runErasure, afterErasure } from '../privacy/requests';
import { applyRetention } from '../privacy/retention';
import { removedAnything } from '../privacy/jobs';
import { addIncident, incidentSchema, listIncidents, registerAs } from '../privacy/incidents';
import { UsageError } from './usage';
import { retryTransaction } from '../db/retry';

export const PRIVACY_USAGE = `privacy export --issuer URL --user SUB --out FILE
                                          write everything CoPeR holds about a person to a ZIP (JSON, CSV, README)
  privacy erase --issuer URL --user SUB [--keep-contributions]
                                          erase a person now (an institution administrator's decision); their contributions
                                          are removed unless --keep-contributions keeps them under "former member"
  privacy retention [--dry-run]          remove what is past the retention periods (RETENTION_*); --dry-run only counts it
  privacy incident add --date YYYY-MM-DD [--discovered YYYY-MM-DD] --nature TEXT --data TEXT --people TEXT
                       --risk low|serious --assessment TEXT --measures TEXT [--notified TEXT]
  privacy incident list
  privacy incident export [--format csv|json] [--out FILE]
                                          the register of confidentiality incidents (kept at least 5 years)`;

/** The person named by (issuer, LMS `sub`), as LTI identifies them. */
async function findPerson(issuer: string | undefined, sub: string | undefined): Promise<User> {
  if (!issuer || !sub) throw new UsageError('privacy: --issuer and --user are required');
  const platforms = await Platform.findAll({ where: { issuer } });
  if (!platforms.length) throw new UsageError(`No platform with issuer ${issuer}.`);
  const user = await User.findOne({ where: { platformId: platforms.map((p) => p.id), sub } });
  if (!user) throw new UsageError(`No person with LMS id ${sub} on ${issuer}.`);
  return user;
}

/** `privacy export | erase` (DESIGN.md "Fixed contracts"). */
export async function privacyCommand(rt: Runtime, args: string[], out: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') {
    const { values } = parseArgs({ args: rest, options: { issuer: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } }, strict: true });
    if (!values.out) throw new UsageError('privacy export: --out FILE is required');
    const user = await findPerson(values.issuer, values.user);
    const lang = user.locale?.startsWith('en') ? 'en' : 'fr';
    const data = await collectPersonalData(rt.sequelize, user.id);
    const zip = await buildArchive(data, { lang, t: translator(lang), store: diskStore(rt.config.DATA_DIR) });
    await fsp.writeFile(values.out, zip, { mode: 0o600 });
    await audit('export', 'cli', { tables: data.tables.length, rows: data.tables.reduce((n, t) => n + t.rows.length, 0) });
    out(`Wrote ${values.out}: ${data.tables.length} kinds of data, ${data.tables.reduce((n, t) => n + t.rows.length, 0)} records.`);
    return 0;
  }
  if (sub === 'erase') {
    const { values } = parseArgs({ args: rest, options: { issuer: { type: 'string' }, user: { type: 'string' }, 'keep-contributions': { type: 'boolean' } }, strict: true });
    const user = await findPerson(values.issuer, values.user);
    if (user.erasedAt) throw new UsageError('This person has already been erased.');
    const keepContributions = Boolean(values['keep-contributions']);
    const result = await retryTransaction(rt.sequelize, (t) => runErasure(rt.sequelize, user.id, { keepContributions, actor: 'cli' }, t));
    const files = await afterErasure(rt.config, result);
    const deleted = Object.values(result.deleted).reduce((n, v) => n + v, 0);
    const removed = Object.values(result.removed).reduce((n, v) => n + v, 0);
    out(`Erased: ${deleted} records deleted, ${keepContributions ? 'contributions kept under "former member"' : `${removed} contributions removed`}, ${result.scrubbed} mentions replaced, ${files} files removed.`);
    out('Grades already sent to the LMS are not withdrawn: the LMS keeps them.');
    return 0;
  }
  if (sub === 'incident') return incidentCommand(rest, out);
  if (sub === 'retention') {
    const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' } }, strict: true });
    const dryRun = Boolean(values['dry-run']);
    const result = await applyRetention(rt.sequelize, rt.config, { dryRun });
    if (!dryRun && removedAnything(result)) await audit('retention', 'cli', { ...result });
    out(dryRun ? 'Would remove (dry run, nothing changed):' : 'Removed:');
    out(`  expired sessions            ${result.sessions}   (older than ${rt.config.RETENTION_SESSIONS_DAYS} days after expiry)`);
    out(`  login attempts              ${result.logins}   (older than ${rt.config.RETENTION_LOGINS_DAYS} days)`);
    out(`  LTI launch records          ${result.ltiRecords}   (older than ${rt.config.RETENTION_LTI_RECORDS_DAYS} days)`);
    out(`  e-mails sent                ${result.emails}   (older than ${rt.config.RETENTION_EMAIL_DAYS} days)`);
    out(`  e-mail files in the outbox  ${result.emailFiles}`);
    out(`  notifications               ${result.notifications}   (older than ${rt.config.RETENTION_NOTIFICATIONS_DAYS} days)`);
    out(`  activity details reduced    ${result.activityDetail}   (older than ${rt.config.RETENTION_ACTIVITY_DETAIL_DAYS} days)`);
    out(`  data exports expired        ${result.exports}   (${rt.config.RETENTION_EXPORT_HOURS} hours after they were ready)`);
    return 0;
  }
  throw new UsageError(`usage:\n  ${PRIVACY_USAGE}`);
}

/** `privacy incident add | list | export`: the confidentiality-incident register. */
async function incidentCommand(args: string[], out: (s: string) => void): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    const names = ['date', 'discovered', 'nature', 'data', 'people', 'risk', 'assessment', 'measures', 'notified'] as const;
    const { values } = parseArgs({ args: rest, options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), strict: true });
    const input = incidentSchema.parse(values);
    const incident = await addIncident(input);
    out(`Recorded incident #${incident.id} of ${incident.occurredOn} (risk: ${incident.risk}).`);
    if (incident.risk === 'serious') out('A risk of serious injury: the Commission d\'accès à l\'information and the people concerned must be notified promptly.');
    return 0;
  }
  if (verb === 'list') {
    const rows = await listIncidents();
    if (!rows.length) out('The register is empty.');
    for (const r of rows) out(`#${r.id}  ${r.occurredOn}  risk=${r.risk}  ${r.nature.replace(/\s+/g, ' ').slice(0, 80)}`);
    return 0;
  }
  if (verb === 'export') {
    const { values } = parseArgs({ args: rest, options: { format: { type: 'string' }, out: { type: 'string' } }, strict: true });
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new UsageError('privacy incident export: --format csv or json');
    const text = registerAs(format, await listIncidents());
    if (values.out) {
      await fsp.writeFile(values.out, text, { mode: 0o600 });
      out(`Wrote ${values.out}.`);
    } else out(text);
    return 0;
  }
  throw new UsageError(`usage:\n  ${PRIVACY_USAGE}`);
}
