import { diffLines, diffWords } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One line of a comparison: unchanged, added, removed, or changed (then its words say what). */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed' | 'changed';
  text: string;
  parts: DiffPart[];
}

const linesOf = (value: string) => value.replace(/\n$/, '').split('\n');
/** Spacing never matters in Markdown prose: runs of spaces and tabs count as one, line ends are trimmed. */
const normalize = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/ +$/gm, '');

/**
 * A comparison of two charter texts that reads like an amendment (issue 19), as plain data for
 * the view to escape: lines compared ignoring whitespace (a line whose spacing changed is
 * unchanged), a removed line followed by an added one shown as one changed line with its words
 * struck or inserted, and blank lines never shown as added or removed.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  const parts = diffLines(normalize(before), normalize(after), { ignoreWhitespace: true });
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) {
      for (const text of linesOf(part.value)) out.push({ kind: 'same', text, parts: [{ kind: 'same', text }] });
      continue;
    }
    const removed = part.removed ? linesOf(part.value).filter((l) => l.trim()) : [];
    const next = part.removed && parts[i + 1]?.added ? parts[++i] : part.added ? part : null;
    const added = next ? linesOf(next.value).filter((l) => l.trim()) : [];
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const words = diffWords(removed[k], added[k]).map((w) => ({ kind: (w.added ? 'added' : w.removed ? 'removed' : 'same') as DiffPart['kind'], text: w.value }));
      const same = words.every((w) => w.kind === 'same');
      out.push({ kind: same ? 'same' : 'changed', text: added[k], parts: same ? [{ kind: 'same', text: added[k] }] : words });
    }
    for (const text of removed.slice(paired)) out.push({ kind: 'removed', text, parts: [{ kind: 'removed', text }] });
    for (const text of added.slice(paired)) out.push({ kind: 'added', text, parts: [{ kind: 'added', text }] });
  }
  return out;
}
