/// <reference lib="dom" />
// Functions passed to page.evaluate() run in Chromium: they need the DOM types (tests only; the build excludes test/).
import type { Page } from 'playwright-core';

/**
 * What the page tells about script execution and containment: the global flag and dialogs set by
 * payloads, event-handler attributes, script-capable elements, dangerous URLs, foreign forms, and
 * post bodies leaving their post.
 */
export async function inspect(page: Page): Promise<{ issues: string[]; posts: number; bodies: number }> {
  return page.evaluate(() => {
    const issues: string[] = [];
    const w = window as unknown as { __xss?: unknown };
    if (w.__xss) issues.push('window.__xss was set');
    // The product's own scripts (local files under /public/js, and Turbo under /public/vendor) are the only ones allowed.
    const foreign = Array.from(document.scripts).filter((s) => !/^\/public\/(js|vendor)\/[a-z0-9-]+\.js$/.test(s.getAttribute('src') ?? ''));
    if (foreign.length) issues.push(`${foreign.length} script element(s)`);
    const main = document.querySelector('main')!;
    const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc', 'srcset', 'lowsrc', 'dynsrc'];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) issues.push(`${el.tagName} has ${name}`);
        if (name === 'style' && main.contains(el)) issues.push(`${el.tagName} has a style attribute`);
        if (urlAttrs.includes(name) && /^\s*(javascript|data|vbscript):/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))) issues.push(`${el.tagName} ${name}=${attr.value.slice(0, 40)}`);
      }
    }
    for (const el of Array.from(main.querySelectorAll('iframe, frame, object, embed, script, style, base, meta, link:not([rel="stylesheet"]), svg, math, template, img, video, audio, input[autofocus], textarea[autofocus], select[autofocus], details[open], marquee'))) {
      issues.push(`forbidden element ${el.tagName} in main`);
    }
    for (const f of Array.from(document.forms)) if (!/^\/c\/\d+\//.test(f.getAttribute('action') ?? '')) issues.push(`foreign form action ${f.getAttribute('action')}`);
    const allowed = new Set(['P', 'BR', 'STRONG', 'EM', 'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A', 'HR', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN']);
    for (const el of Array.from(document.querySelectorAll('.post-body *'))) if (!allowed.has(el.tagName)) issues.push(`tag ${el.tagName} in a post body`);
    const posts = Array.from(document.querySelectorAll('article.post'));
    for (const a of posts) {
      if (!a.querySelector(':scope > footer.post-actions')) issues.push(`post ${a.id} lost its footer (container broken)`);
      const body = a.querySelector(':scope > .post-body');
      if (!body) continue;
      const br = body.getBoundingClientRect();
      const ar = a.getBoundingClientRect();
      if (br.left < ar.left - 1 || br.right > ar.right + 1 || br.top < ar.top - 1 || br.bottom > ar.bottom + 1) issues.push(`post ${a.id} body outside its post`);
    }
    return { issues, posts: posts.length, bodies: document.querySelectorAll('article.post > .post-body').length };
  });
}
