/**
 * CSV export of a dashboard table, for Excel as facilitators open it: UTF-8 with a byte-order
 * mark (else Excel reads accents as Latin-1), headers in the reader's language, and the
 * separators Excel expects in that language (fr-CA: ';' between fields and a decimal comma;
 * en: ',' and a decimal point). Text that Excel would run as a formula is neutralized (OWASP
 * "CSV injection").
 */
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../i18n';
import type { Cell, Table } from './tables';
import { communityZone } from '../content/zone';

export const BOM = '\uFEFF';

/** A cell as text: numbers with the language's decimal mark, formula-like text prefixed with an apostrophe. */
export function csvCell(v: Cell, lang: Lang): string {
  if (v === null) return '';
  if (typeof v === 'number') return lang === 'fr' ? String(v).replace('.', ',') : String(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Header cells with the zone their dates are counted in ("Week (America/Toronto)"): a column whose
 * values are days (YYYY-MM-DD) says in which zone, since a day starts at a different instant in each.
 */
export function zonedHeader(header: string[], body: Cell[][], zone = communityZone()): string[] {
  return header.map((h, i) => (body.some((r) => typeof r[i] === 'string' && DAY.test(r[i] as string)) ? `${h} (${zone})` : h));
}

/** The table as a CSV document (BOM, header row, CRLF line ends as RFC 4180 says). */
export function tableCsv(table: Table, lang: Lang): string {
  const body = table.rows.map((r) => r.cells);
  const rows = [zonedHeader(table.columns, body), ...body].map((cells) => cells.map((c) => csvCell(c, lang)));
  return BOM + stringify(rows, { delimiter: lang === 'fr' ? ';' : ',', record_delimiter: 'windows' });
}

/** The download's file name: community, table and period, ASCII only. */
export function csvFileName(communityId: number, table: string, from: string, to: string): string {
  return `coper-${communityId}-${table}-${from}-${to}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}
