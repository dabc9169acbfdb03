import type { Response } from 'express';
import type { MemberContext } from '../web/pipeline';
import { Post, type Thread } from './model';
import { communityScaffolds, scaffoldLabel } from './scaffolds';
import { namesOf } from '../content/people';
import type { Actor } from '../kernel/actor';
import { htmlToText } from '../content/sanitize';
import { threadLinks } from './presenters/links';

/** A scaffold key the community offers (null when none was chosen; false when unknown or archived). */
export async function validScaffold(actor: Actor, key: string | undefined): Promise<string | null | false> {
  if (!key) return null;
  const scaffolds = await communityScaffolds(actor.communityId);
  return scaffolds.some((s) => s.key === key && s.active) ? key : false;
}

/** Markdown quote of a post, for "quote" replies: "> **Name**:" then the quoted lines. */
export function quoteMarkdown(author: string, source: string): string {
  const name = author.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
  const lines = source.split('\n').slice(0, 20).map((l) => `> ${l}`);
  return `> **${name}** :\n${lines.join('\n')}\n\n`;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The passage a member selected before "Quote" (public/js/compose.js), when it is really text of
 * that post; otherwise null and the whole post is quoted.
 */
export function selectedPart(bodyHtml: string, selection: unknown): string | null {
  if (typeof selection !== 'string' || selection.length === 0 || selection.length > 1000) return null;
  const wanted = squash(selection);
  return wanted && squash(htmlToText(bodyHtml)).includes(wanted) ? wanted : null;
}

/**
 * The reply page: the post answered (if any), shown above the form, and the form prefilled with a
 * quote when asked. Works without script, keyboard first.
 */
export async function replyFormPage(
  { actor, t, url }: MemberContext,
  res: Response,
  thread: Thread,
  opts: { to?: unknown; quote?: boolean; selection?: unknown; body?: string; scaffold?: unknown },
  errors: Record<string, string>,
) {
  const toId = Number(opts.to);
  const target = Number.isSafeInteger(toId) && toId > 0 ? await Post.findOne({ where: { id: toId, threadId: thread.id } }) : null;
  const visible = target && !target.deletedAt && !target.hiddenAt ? target : null;
  const names = await namesOf([visible?.authorId]);
  const author = visible ? (names.get(visible.authorId ?? -1) ?? '') : '';
  const body = opts.body ?? (opts.quote && visible ? quoteMarkdown(author, selectedPart(visible.bodyHtml, opts.selection) ?? visible.bodyMd) : '');
  const scaffolds = thread.kind === 'knowledge' ? (await communityScaffolds(actor.communityId)).filter((s) => s.active).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) })) : [];
  res.locals.navCurrent = thread.kind === 'knowledge' ? 'knowledge' : 'discussions';
  res.render('discussions/reply', {
    title: t('discussions.reply_title', { title: thread.title }),
    thread: { id: thread.id, title: thread.title, kind: thread.kind },
    target: visible ? { id: visible.id, author, html: visible.bodyHtml } : null,
    scaffolds,
    values: { body, parent: visible ? String(visible.id) : '', scaffold: typeof opts.scaffold === 'string' ? opts.scaffold : '' },
    errors,
    links: threadLinks(actor, thread, url),
  });
}
