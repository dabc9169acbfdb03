import type { Sequelize, Transaction } from 'sequelize';
import { tableNames } from './graph';

/** Tables the text scrub leaves alone: the identity row itself (erase.ts), encrypted ltijs records, bookkeeping. */
const SKIP = new Set(['users', 'lti_records', 'schema_migrations', 'privacy_audit', 'privacy_incidents']);

const TEXTUAL = /char|text|clob|json/i;

/** The forms a name takes in stored text: as written, and HTML-escaped (rendered Markdown, e-mail bodies). */
function variants(s: string): string[] {
  const html = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return [...new Set([s, html])];
}

/** LIKE pattern matching a literal anywhere (%, _ and the escape character escaped with "!", the same on SQLite and MariaDB). */
function contains(s: string): string {
  return `%${s.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Replace the person's name and e-mail with "former member" in every text column of every table:
 * a mention in someone's post, a notification ("Alex replied"), a queued e-mail to another member,
 * a search document. Walks the live schema, so a new table is covered without a list to keep.
 * Returns the number of cells changed.
 */
export async function scrubText(sequelize: Sequelize, identity: string[], label: string, transaction: Transaction): Promise<number> {
  if (!identity.length) return 0;
  const qi = sequelize.getQueryInterface();
  const q = (n: string) => qi.quoteIdentifier(n);
  let changed = 0;
  for (const table of await tableNames(sequelize)) {
    if (SKIP.has(table)) continue;
    const desc = await qi.describeTable(table);
    const cols = Object.entries(desc).filter(([, d]) => TEXTUAL.test(String(d.type))).map(([c]) => c);
    for (const col of cols) {
      for (const needle of identity.flatMap(variants)) {
        const [, meta] = (await sequelize.query(`UPDATE ${q(table)} SET ${q(col)} = REPLACE(${q(col)}, ?, ?) WHERE ${q(col)} LIKE ? ESCAPE '!'`, {
          replacements: [needle, label, contains(needle)],
          transaction,
        })) as [unknown, unknown];
        const m = meta as { changes?: number; affectedRows?: number } | undefined;
        changed += m?.changes ?? m?.affectedRows ?? 0;
      }
    }
  }
  return changed;
}
