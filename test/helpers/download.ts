import { PDFParse } from 'pdf-parse';
import type { Member } from './sharing';
import type { Harness } from './harness';
import { withSession } from './session';

/**
 * A file a member downloads (PDF, CSV…), as bytes: the Member helpers read pages as text. The
 * session travels as the session helpers send it, so a change of carrier only changes helpers.
 */
export async function downloadAs(h: Harness, member: Member, path: string, query: Record<string, string | number> = {}): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const u = new URL(path, h.toolUrl);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
  const res = await fetch(u.href, withSession(h, member.agent));
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The text of a PDF (pdf-parse), to assert what an institution would read. */
export async function pdfTextOf(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
