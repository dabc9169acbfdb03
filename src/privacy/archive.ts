import { strToU8, zipSync, type Zippable } from 'fflate';
import { stringify } from 'csv-stringify/sync';
import ejs from 'ejs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import type { FileStore } from '../resources/storage';
import type { PersonalData, Row, TableData } from './collect';

/** The export's format; bumped when a file's shape changes (README.txt and schema.json say which). */
export const EXPORT_SCHEMA_VERSION = 1;

const VIEWS = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../views' : '../../views');

async function bytesOf(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}

function columnsOf(rows: Row[]): string[] {
  const cols = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) cols.add(k);
  return [...cols];
}

/** CSV as spreadsheets open it: UTF-8 with a byte-order mark, formula-like text neutralized (OWASP). */
function csvOf(t: TableData): string {
  const cols = columnsOf(t.rows);
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  return '\uFEFF' + stringify([cols, ...t.rows.map((r) => cols.map((c) => cell(r[c])))], { record_delimiter: 'windows' });
}

/** The uploaded files of the person's resources, as `files/<resource id>-<name>`. */
async function uploadedFiles(data: PersonalData, store: FileStore): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const resources = data.tables.find((t) => t.table === 'resources')?.rows ?? [];
  const out: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const r of resources) {
    if (r.author_id !== data.userId || typeof r.file_key !== 'string') continue;
    if (!(await store.exists(r.file_key))) continue;
    const safe = String(r.file_name ?? 'file').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120);
    out.push({ name: `files/${r.id}-${safe}`, bytes: await bytesOf((await store.open(r.file_key)).stream) });
  }
  return out;
}

/**
 * The person's export as a ZIP: a readable index.html, a README.txt in their language, and per
 * table one JSON file (schema and version inside) and one CSV file, plus their uploaded files.
 */
export async function buildArchive(data: PersonalData, opts: { lang: Lang; t: TFunction; store: FileStore; now?: Date }): Promise<Uint8Array> {
  const now = (opts.now ?? new Date()).toISOString();
  const files = await uploadedFiles(data, opts.store);
  const zip: Zippable = {};
  const tables = data.tables.map((t) => ({ ...t, columns: columnsOf(t.rows), json: `data/${t.table}.json`, csv: `data/${t.table}.csv` }));
  for (const t of tables) {
    const doc = { schema: 'coper-personal-data', version: EXPORT_SCHEMA_VERSION, exportedAt: now, table: t.table, source: t.source, foundThrough: t.via, columns: t.columns, rows: t.rows };
    zip[t.json] = strToU8(JSON.stringify(doc, null, 2));
    zip[t.csv] = strToU8(csvOf(t));
  }
  for (const f of files) zip[f.name] = f.bytes;
  const schema = { schema: 'coper-personal-data', version: EXPORT_SCHEMA_VERSION, tables: tables.map((t) => ({ table: t.table, source: t.source, foundThrough: t.via, columns: t.columns, rows: t.rows.length })) };
  zip['schema.json'] = strToU8(JSON.stringify(schema, null, 2));
  const view = { t: opts.t, lang: opts.lang, now, version: EXPORT_SCHEMA_VERSION, tables, files: files.map((f) => f.name) };
  zip['README.txt'] = strToU8(await ejs.renderFile(path.join(VIEWS, 'privacy/export-readme.ejs'), view));
  zip['index.html'] = strToU8(await ejs.renderFile(path.join(VIEWS, 'privacy/export-index.ejs'), view));
  return zipSync(zip, { level: 6, mtime: new Date(now) });
}
