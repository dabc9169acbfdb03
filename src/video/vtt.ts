/**
 * WebVTT captions: checked (the "WEBVTT" signature, valid UTF-8, at least one cue with a timing
 * line) and read into cues for the transcript and search. Cue text loses its tags (<v Name>, <i>…)
 * since it is shown as plain text.
 */
export interface Cue {
  start: number;
  text: string;
}

export const VTT_MAX_BYTES = 1024 * 1024;

const TIMING = /^(?:(\d{1,3}):)?(\d{2}):(\d{2})[.,](\d{3})\s+-->\s+(?:(\d{1,3}):)?(\d{2}):(\d{2})[.,](\d{3})/;

export function parseVtt(buf: Buffer): { ok: true; cues: Cue[] } | { ok: false; error: string } {
  let src: string;
  try {
    src = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { ok: false, error: 'video.errors.vtt' };
  }
  src = src.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^WEBVTT(?:[ \t][^\n]*)?(?:\n|$)/.test(src) || src.includes('\0')) return { ok: false, error: 'video.errors.vtt' };
  const cues: Cue[] = [];
  for (const block of src.split(/\n{2,}/).slice(1)) {
    const lines = block.split('\n').filter((l) => l.length);
    const i = lines.findIndex((l) => l.includes('-->'));
    if (i < 0 || i > 1) continue; // NOTE, STYLE, REGION blocks
    const m = TIMING.exec(lines[i]);
    if (!m) return { ok: false, error: 'video.errors.vtt' };
    const start = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    const text = lines
      .slice(i + 1)
      .join(' ')
      .replace(/<[^>]*>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&nbsp;/g, ' ')
      .trim();
    if (text) cues.push({ start, text });
  }
  if (!cues.length) return { ok: false, error: 'video.errors.vtt_empty' };
  return { ok: true, cues };
}
