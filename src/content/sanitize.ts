import sanitizeHtml from 'sanitize-html';

/** rel on every user link: no opener access, no referrer, no ranking credit (user-generated content). */
export const LINK_REL = 'noopener noreferrer nofollow ugc';

/** Escape text for HTML (text nodes and quoted attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The allowlist for user content: prose, lists, quotes, code, tables and http(s)/mailto links.
 * No script, style, iframe, form, image, SVG or MathML survives, and no attribute but a link's
 * href/title (sanitize-html drops `javascript:`/`data:` URLs, including entity-obfuscated ones).
 * Headings shift down two levels so user text never competes with the page outline.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
    'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], ol: ['start'], th: ['align'], td: ['align'], span: ['class'] },
  allowedClasses: { span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'noembed', 'noframes', 'xmp', 'plaintext', 'svg', 'math', 'object', 'embed'],
  parseStyleAttributes: false,
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    // Only absolute http(s) and mailto links stay links (sanitize-html checks the scheme again);
    // any other link keeps its text and loses its href.
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      if (!/^(https?:\/\/[^\s]|mailto:[^\s])/i.test(href)) return { tagName: 'span', attribs: {} };
      const out: Record<string, string> = { href, rel: LINK_REL, target: '_blank' };
      if (attribs.title) out.title = attribs.title;
      return { tagName, attribs: out };
    },
  },
};

/**
 * Sanitize HTML produced from user Markdown. `textFilter` receives already-escaped text and may
 * return markup (used for @mentions; never for user-controlled markup).
 */
export function sanitizeUserHtml(html: string, textFilter?: (escaped: string, tag: string) => string): string {
  return sanitizeHtml(html, textFilter ? { ...OPTIONS, textFilter } : OPTIONS);
}

/** Plain text of sanitized HTML (for search, lengths and excerpts): tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|li|h\d|pre|blockquote|tr)>|<br\s*\/?>/gi, '$& '), { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
    if (e[0] !== '#') return named[e.toLowerCase()];
    const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}
