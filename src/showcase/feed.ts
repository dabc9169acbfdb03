/** The showcase as an Atom feed (RFC 4287): one entry per published item, its HTML escaped as `type="html"` content. */
import type { TFunction } from 'i18next';
import { escapeHtml } from '../content/sanitize';
import type { PublicShowcase, PublicItem } from './public';

const x = (s: string) => escapeHtml(s);

function entryTitle(t: TFunction, i: PublicItem): string {
  return i.entry.type === 'story' ? t(`stories.cycle.${i.entry.cycle}`) : i.entry.title;
}

/** The feed document; `base` is the showcase's public address. */
export function atomFeed(t: TFunction, s: PublicShowcase, base: string): string {
  const entries = s.items.map((i) => {
    const html = i.entry.html + (i.entry.solutionHtml ? `<h3>${x(t('showcase.public.solution'))}</h3>${i.entry.solutionHtml}` : '') + (i.entry.evidence ? `<p>${x(t('stories.evidence'))} ${x(i.entry.evidence)}</p>` : '');
    return [
      '  <entry>',
      `    <id>${x(`${base}#item-${i.itemId}`)}</id>`,
      `    <title>${x(`${t(`showcase.type.${i.entry.type}`)} — ${entryTitle(t, i)}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(`${base}#item-${i.itemId}`)}"/>`,
      `    <updated>${i.publishedAt.toISOString()}</updated>`,
      `    <author><name>${x(i.author ?? t('showcase.public.anonymous'))}</name></author>`,
      `    <content type="html">${x(html)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${x(base)}</id>`,
    `  <title>${x(s.community.title)}</title>`,
    `  <subtitle>${x(t('showcase.public.subtitle'))}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${x(`${base}/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(base)}"/>`,
    `  <updated>${(s.updated ?? new Date(0)).toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
