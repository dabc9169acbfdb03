import { escapeHtml } from '../content/sanitize';
import { fold } from '../content/fold';

/**
 * The matched passage of a document, as safe HTML: a window of text around the first match,
 * matches wrapped in <mark>. Computed here rather than by the engine so both databases give
 * the same passage (MariaDB has no snippet function).
 */
export function snippetHtml(text: string, terms: string[], width = 220): string {
  const chars = [...text];
  // Fold character by character so offsets in the folded text map back to the original.
  const folded = chars.map(foldChar);
  const joined = folded.join('');
  const charAt: number[] = [];
  folded.forEach((f, i) => {
    for (let k = 0; k < f.length; k++) charAt.push(i);
  });
  charAt.push(chars.length);
  const toCharIndex = (pos: number) => charAt[Math.min(pos, charAt.length - 1)];
  const matches: Array<[number, number]> = [];
  const needles = terms.map(fold).filter(Boolean);
  const re = needles.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${needles.map(escapeRe).join('|')})[\\p{L}\\p{N}]*`, 'gu') : null;
  if (re) for (const m of joined.matchAll(re)) matches.push([toCharIndex(m.index!), toCharIndex(m.index! + m[0].length - 1) + 1]);
  const first = matches[0]?.[0] ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(chars.length, start + width);
  let html = start > 0 ? '…' : '';
  let cursor = start;
  for (const [a, b] of matches) {
    if (a < cursor || b > end) continue;
    html += escapeHtml(chars.slice(cursor, a).join('')) + '<mark>' + escapeHtml(chars.slice(a, b).join('')) + '</mark>';
    cursor = b;
  }
  html += escapeHtml(chars.slice(cursor, end).join('')) + (end < chars.length ? '…' : '');
  return html;
}

/** One character folded (an accent alone stays itself); ASCII, most of any text, needs no Unicode normalization. */
function foldChar(c: string): string {
  if (c.length === 1 && c.charCodeAt(0) < 128) return c.toLowerCase();
  return fold(c) || c;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
