import type { Express } from 'express';
import type { Sequelize } from 'sequelize';
import type { Member } from './sharing';

/** What a hostile client can put in a request body, sent as-is (no browser normalization). */
export interface RawBody {
  contentType: string | null;
  /** Bytes after the session fields (form encodings) or the whole body (other types). */
  body: Buffer | string;
}

export interface RawAnswer {
  status: number;
  text: string;
}

/**
 * POST `raw` as `member`: the session rides in the member's cookie; form-encoded bodies get the
 * CSRF field first, JSON bodies get it as a property, so that a refusal is the body's fault, never
 * the session's.
 */
export async function postRaw(toolUrl: string, member: Member, path: string, raw: RawBody): Promise<RawAnswer> {
  const session = `_csrf=${encodeURIComponent(member.csrf)}&`;
  let body: Buffer | string = raw.body;
  if (raw.contentType?.startsWith('application/x-www-form-urlencoded')) body = Buffer.concat([Buffer.from(session), Buffer.from(raw.body)]);
  if (raw.contentType?.startsWith('application/json') && typeof raw.body === 'string' && raw.body.startsWith('{')) {
    body = `{"_csrf":${JSON.stringify(member.csrf)},${raw.body.slice(1)}`;
  }
  const headers: Record<string, string> = {};
  if (raw.contentType) headers['content-type'] = raw.contentType;
  const cookie = member.agent.cookies.header(new URL(toolUrl));
  if (cookie) headers.cookie = cookie;
  const res = await fetch(new URL(path, toolUrl), { method: 'POST', body: new Uint8Array(Buffer.from(body)), headers, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

type Part = { name: string; value?: string; filename?: string; type?: string; data?: Buffer };

/** A multipart body built by hand (browsers would refuse to send these), with the member's CSRF field (the session is in the cookie). */
export function multipart(member: Member, parts: Part[]): RawBody {
  const boundary = '----coperfuzz' + Date.now().toString(36);
  const chunks: Buffer[] = [];
  const all: Part[] = [{ name: '_csrf', value: member.csrf }, ...parts];
  for (const p of all) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`, 'latin1'));
    chunks.push(p.data ?? Buffer.from(p.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** Every POST route of the app, as declared on its routers (`/c/:communityId/threads`…). */
export function postRoutes(app: Express): string[] {
  return routesOf(app, 'post');
}

/** Every route of the app answering `method`, as declared on its routers. */
export function routesOf(app: Express, method: 'get' | 'post'): string[] {
  const out: string[] = [];
  type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        if (layer.route.methods[method]) out.push(...paths.filter((p): p is string => typeof p === 'string'));
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** Row count of every table (names from the database itself), to assert that nothing was written. */
export async function rowCounts(sequelize: Sequelize, exclude: Set<string>): Promise<Record<string, number>> {
  const tables = (await sequelize.getQueryInterface().showAllTables()).map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName));
  const out: Record<string, number> = {};
  for (const t of tables.sort()) {
    if (exclude.has(t)) continue;
    const q = sequelize.getDialect() === 'mysql' ? `SELECT COUNT(*) AS n FROM \`${t}\`` : `SELECT COUNT(*) AS n FROM "${t}"`;
    const [rows] = (await sequelize.query(q)) as [Array<{ n: number | string }>, unknown];
    out[t] = Number(rows[0].n);
  }
  return out;
}

/** A stack trace or a raw error in a page is a leak, whatever the status. */
export function leaksInternals(text: string): boolean {
  return /\n\s+at \S+ \(|node_modules|\.ts:\d+:\d+|SequelizeDatabaseError|SQLITE_|ER_[A-Z_]+|TypeError|ReferenceError/.test(text);
}
