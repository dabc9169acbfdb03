import type { Actor } from '../kernel/actor';
import type { PostKind, ThreadKind, Visibility } from './model';

/** How long an author may edit a post (discussion replies, comments); journal entries stay editable. */
export const EDIT_WINDOW_MINUTES = 60;

/** What the sharing policies read of the actor (kernel/actor.ts). */
export type PolicyActor = Pick<Actor, 'role' | 'userId'>;
export interface ThreadSubject {
  kind: ThreadKind;
  authorId: number | null;
  visibility: Visibility;
  locked: boolean;
  firstPostId: number | null;
}
export interface PostSubject {
  id: number;
  authorId: number | null;
  kind: PostKind;
  parentId: number | null;
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

/** Observers read only; every other role contributes. */
export const contributes = (a: PolicyActor) => a.role !== 'observer';
/** Moderation belongs to the community's facilitators (co-facilitators included). */
export const facilitates = (a: PolicyActor) => a.role === 'facilitator';
export const owns = (a: PolicyActor, s: { authorId: number | null }) => s.authorId !== null && s.authorId === a.userId;
const conversational = (t: ThreadSubject) => t.kind === 'discussion' || t.kind === 'knowledge';

/** Who may do what with a thread. Pure: (actor, thread) → boolean; views get a `can` map from these. */
export const threadPolicy = {
  /** A private journal entry is its author's alone — facilitators included. */
  view: (a: PolicyActor, t: ThreadSubject) => t.visibility === 'community' || owns(a, t),
  start: (a: PolicyActor) => contributes(a),
  reply: (a: PolicyActor, t: ThreadSubject) => contributes(a) && threadPolicy.view(a, t) && (!t.locked || facilitates(a)),
  follow: (a: PolicyActor, t: ThreadSubject) => contributes(a) && threadPolicy.view(a, t) && conversational(t),
  pin: (a: PolicyActor, t: ThreadSubject) => facilitates(a) && conversational(t),
  lock: (a: PolicyActor, t: ThreadSubject) => facilitates(a) && t.visibility === 'community',
  riseAbove: (a: PolicyActor, t: ThreadSubject) => t.kind === 'knowledge' && threadPolicy.reply(a, t),
};

function withinEditWindow(p: PostSubject, now: Date): boolean {
  return now.getTime() - p.createdAt.getTime() <= EDIT_WINDOW_MINUTES * 60_000;
}

/** Who may do what with a post, given its thread. */
export const postPolicy = {
  /** Own posts only, while visible, within the window (a journal entry's body: any time). */
  edit: (a: PolicyActor, t: ThreadSubject, p: PostSubject, now = new Date()) =>
    contributes(a) &&
    owns(a, p) &&
    !p.deletedAt &&
    !p.hiddenAt &&
    (!t.locked || facilitates(a)) &&
    ((t.kind === 'journal' && p.id === t.firstPostId) || withinEditWindow(p, now)),
  /** Own posts only; the post keeps its place ("removed by its author"). */
  delete: (a: PolicyActor, _t: ThreadSubject, p: PostSubject) => contributes(a) && owns(a, p) && !p.deletedAt,
  /** "Useful" / "I tried it" on someone else's visible post. */
  react: (a: PolicyActor, t: ThreadSubject, p: PostSubject) => contributes(a) && threadPolicy.view(a, t) && !owns(a, p) && !p.deletedAt && !p.hiddenAt,
  hide: (a: PolicyActor, _t: ThreadSubject, p: PostSubject) => facilitates(a) && !p.hiddenAt && !p.deletedAt,
  restore: (a: PolicyActor, _t: ThreadSubject, p: PostSubject) => facilitates(a) && !!p.hiddenAt,
  /** A top-level reply (with its own replies) may move to another conversation; an opening post may not. */
  move: (a: PolicyActor, t: ThreadSubject, p: PostSubject) => facilitates(a) && conversational(t) && p.parentId === null && p.id !== t.firstPostId,
  /** Facilitators read a hidden post (to decide on restoring it); others see a placeholder. */
  seeHidden: (a: PolicyActor) => facilitates(a),
  /** Any contributor who reads a visible post of someone else may flag it for the facilitators. */
  flag: (a: PolicyActor, t: ThreadSubject, p: PostSubject) => contributes(a) && threadPolicy.view(a, t) && !owns(a, p) && !p.deletedAt && !p.hiddenAt,
  /** Facilitators settle flags: hide the post, or keep it and dismiss them. */
  dismissFlags: (a: PolicyActor) => facilitates(a),
};

/** Community-level permissions of the sharing features. */
export const sharingPolicy = {
  manageScaffolds: (a: PolicyActor) => facilitates(a),
  readModerationLog: (a: PolicyActor) => facilitates(a),
};

export type PostCan = { [K in keyof typeof postPolicy]: boolean };
export type ThreadCan = { [K in keyof typeof threadPolicy]: boolean };

/** The `can` map of a post for views. */
export function postCan(a: PolicyActor, t: ThreadSubject, p: PostSubject, now = new Date()): PostCan {
  return {
    edit: postPolicy.edit(a, t, p, now),
    delete: postPolicy.delete(a, t, p),
    react: postPolicy.react(a, t, p),
    hide: postPolicy.hide(a, t, p),
    restore: postPolicy.restore(a, t, p),
    move: postPolicy.move(a, t, p),
    seeHidden: postPolicy.seeHidden(a),
    flag: postPolicy.flag(a, t, p),
    dismissFlags: postPolicy.dismissFlags(a),
  };
}

/** The `can` map of a thread for views. */
export function threadCan(a: PolicyActor, t: ThreadSubject): ThreadCan {
  return {
    view: threadPolicy.view(a, t),
    start: threadPolicy.start(a),
    reply: threadPolicy.reply(a, t),
    follow: threadPolicy.follow(a, t),
    pin: threadPolicy.pin(a, t),
    lock: threadPolicy.lock(a, t),
    riseAbove: threadPolicy.riseAbove(a, t),
  };
}
