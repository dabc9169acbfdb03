/**
 * Every request CoPeR makes to an LMS (token, NRPS, AGS, JWKS, dynamic registration) goes out
 * with the same `User-Agent`: `CoPeR/<version> (+PUBLIC_URL)`. Canvas requires one on API calls
 * (enforced from January 2026, LTIJS-NOTES.md) and LMS administrators read it in their logs to
 * tell which tool is calling.
 */
import fs from 'node:fs';
import path from 'node:path';

function packageVersion(): string {
  for (const dir of [path.resolve(__dirname, '../..'), path.resolve(__dirname, '../../..')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'coper' && pkg.version) return pkg.version;
    } catch {
      // not here: try the next candidate (src/ under tsx, dist/src/ when compiled)
    }
  }
  return '0.0.0';
}

const VERSION = packageVersion();
let agent = `CoPeR/${VERSION}`;

/** Called once at start-up with the public address, so the LMS can reach whoever runs the tool. */
export function configureUserAgent(publicUrl: string): void {
  agent = `CoPeR/${VERSION} (+${publicUrl})`;
}

/** The User-Agent sent on every LMS request. */
export function userAgent(): string {
  return agent;
}

/** `fetch` to an LMS: our User-Agent and a timeout, whatever the caller's headers. */
export function lmsFetch(url: string | URL, init: RequestInit & { headers?: Record<string, string> } = {}, timeoutMs = 30_000): Promise<Response> {
  return fetch(url, { ...init, headers: { ...init.headers, 'user-agent': agent }, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
}

/** The platform's own words for a refusal: Moodle `reason`, Canvas `errors.message`, OAuth `error`. */
export async function platformMessage(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  try {
    const j = JSON.parse(text) as { reason?: unknown; message?: unknown; error?: unknown; errors?: unknown };
    const errors = j.errors as { message?: unknown } | Array<{ message?: unknown }> | undefined;
    const fromErrors = Array.isArray(errors) ? errors[0]?.message : errors?.message;
    const msg = [j.reason, fromErrors, j.message, j.error].find((v) => typeof v === 'string' && v);
    return String(msg ?? (text || res.statusText)).slice(0, 900);
  } catch {
    return (text || res.statusText).slice(0, 900);
  }
}
