import { Marked, type Tokens } from 'marked';
import { escapeHtml, htmlToText, sanitizeUserHtml } from './sanitize';

/**
 * Markdown → HTML with raw HTML turned into visible text (nobody needs HTML in a post, and an
 * escaped tag cannot be re-interpreted), images shown as links (no tracking pixels, CSP allows
 * no remote frames anyway). The result still goes through the sanitizer: defence in depth.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    image(token: Tokens.Image): string {
      return `<a href="${escapeHtml(token.href)}">${escapeHtml(token.text || token.href)}</a>`;
    },
  },
});

export interface Rendered {
  /** Sanitized HTML, safe to output raw. */
  html: string;
  /** Plain text (search, excerpts). */
  text: string;
  /** Characters of the text (Unicode code points), recorded for minimum-length scoring. */
  length: number;
}

/** A mention to highlight: the name as written after "@". */
export interface MentionName {
  name: string;
}

/** Render and sanitize user Markdown; @mentions of the given names are highlighted. */
export function renderMarkdown(source: string, mentions: MentionName[] = []): Rendered {
  const raw = marked.parse(source) as string;
  const html = sanitizeUserHtml(raw, mentions.length ? mentionFilter(mentions) : undefined).trim();
  const text = htmlToText(html);
  return { html, text, length: [...text].length };
}

/** Highlight "@Name" in text nodes (not in code, nor inside links). Names are escaped here. */
function mentionFilter(mentions: MentionName[]) {
  // Longest names first, so "@Marie Tremblay-Roy" is not cut at "@Marie Tremblay".
  const names = [...new Set(mentions.map((m) => escapeHtml(m.name)))].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (escaped: string, tag: string): string => {
    if (tag === 'code' || tag === 'pre' || tag === 'a') return escaped;
    return escaped.replace(pattern, (m) => `<span class="mention">${m}</span>`);
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A short plain-text excerpt (for lists and link labels). */
export function excerpt(text: string, max = 160): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
