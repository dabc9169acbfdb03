import type { Actor } from '../../kernel/actor';
import type { Thread, ThreadKind } from '../model';
import { listPath } from './list';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/**
 * The addresses of the discussion pages, built once here so views never assemble a path. Form
 * actions are plain paths (forms carry the session in a hidden field): `url` adds no query to them.
 */

/** A list page (discussions or knowledge building): starting a thread, the scaffolds, the moderation log. */
export function listLinks(actor: Actor, kind: ThreadKind, url: Url) {
  const cid = actor.communityId;
  return { newThread: url(`/c/${cid}/threads/new`, { kind }), scaffolds: url(`/c/${cid}/scaffolds`), moderationLog: url(`/c/${cid}/moderation`) };
}

/** The new-thread form: where it posts, and back to its list. */
export function newThreadLinks(actor: Actor, kind: ThreadKind, url: Url) {
  return { action: url(`/c/${actor.communityId}/threads`), cancel: url(listPath(actor.communityId, kind)) };
}

/** A thread page and its forms. */
export function threadLinks(actor: Actor, thread: Pick<Thread, 'id' | 'kind'>, url: Url) {
  const base = `/c/${actor.communityId}/threads/${thread.id}`;
  return {
    /** The thread's own path (the copy-link, the scaffold filter, the pager). */
    base,
    thread: url(base),
    list: url(listPath(actor.communityId, thread.kind)),
    follow: url(`${base}/follow`),
    pin: url(`${base}/pin`),
    lock: url(`${base}/lock`),
    riseAbove: url(`${base}/rise-above`),
    reply: url(`${base}/posts`),
    adapt: url(`/c/${actor.communityId}/journal/new`, { source: `thread:${thread.id}` }),
    scaffold: (key: string) => url(base, { scaffold: key }),
  };
}

/** A post's own pages and forms (edit, delete, flag, moderation). */
export function postLinks(actor: Actor, postId: number, url: Url) {
  const base = `/c/${actor.communityId}/posts/${postId}`;
  return {
    post: url(base),
    edit: url(`${base}/edit`),
    delete: url(`${base}/delete`),
    flag: url(`${base}/flag`),
    hide: url(`${base}/hide`),
    restore: url(`${base}/restore`),
    dismissFlags: url(`${base}/flags/dismiss`),
    move: url(`${base}/move`),
  };
}

/** The scaffold editor's form. */
export const scaffoldLinks = (actor: Actor, url: Url) => ({ action: url(`/c/${actor.communityId}/scaffolds`) });
