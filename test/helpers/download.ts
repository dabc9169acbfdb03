import { PDFParse } from 'pdf-parse';
import type { Member } from '../sharing/helpers';

/**
 * A file a member downloads (PDF, CSV…), as bytes: the Member helpers read pages as text. The
 * session travels here as in `Member.get`, so a change of session carrier only changes helpers.
 */
export async function downloadAs(toolUrl: string, member: Member, path: string, query: Record<string, string | number> = {}): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const u = new URL(path, toolUrl);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
  u.searchParams.set('s', member.s);
  const res = await fetch(u.href);
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
