import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const ALLOWED = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'del', 'ins', 'h1', 'h2'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

/**
 * The documents a community writes together: its charter and amendments, proposals, meeting
 * minutes (posts go through markdown.ts, which shows raw HTML as text and highlights mentions).
 * Render member-written Markdown to HTML that is safe to print with <%- %>: marked renders,
 * sanitize-html keeps a small allow-list (no script, no style, no event handler, http(s) links only).
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true }) as string;
  return sanitizeHtml(html, ALLOWED);
}
