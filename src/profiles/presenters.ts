import { QueryTypes } from 'sequelize';
import { MemberFollow, Profile, PROFILE_FIELDS } from './model';
import { profileTagsOf } from './tags';
import { levelOf } from './visibility';
import { tagsToInput } from '../content/tags';
import { Post } from '../discussions/model';
import { dateView } from '../content/dates';
import { excerpt } from '../content/markdown';
import { htmlToText } from '../content/sanitize';
import type { MemberCard, MemberRecord } from './members';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Where a thread of any visible kind is read. */
export function threadHref(url: Url, t: { id: number; kind: string; communityId: number }): string {
  if (t.kind === 'journal') return url(`/c/${t.communityId}/journal/${t.id}`);
  if (t.kind === 'problem') return url(`/c/${t.communityId}/problems/${t.id}`);
  return url(`/c/${t.communityId}/threads/${t.id}`);
}

/**
 * A member's latest contributions anyone may read (no private entry, nothing deleted or hidden).
 * Plain SQL with only the columns shown: the community home asks for it on every request of a
 * member who follows others, and Sequelize's include building and instances were most of its cost.
 */
export async function recentContributions(communityId: number, userIds: number[], url: Url, lang: Actor['lang'], limit = 5) {
  if (userIds.length === 0) return [];
  const rows = await Post.sequelize!.query<{ id: number; author_id: number; body_html: string; created_at: Date | string; thread_id: number; kind: string; title: string; first_post_id: number | null }>(
    `SELECT p.id, p.author_id, p.body_html, p.created_at, t.id AS thread_id, t.kind, t.title, t.first_post_id
     FROM posts p JOIN threads t ON t.id = p.thread_id AND t.deleted_at IS NULL AND t.visibility = 'community' AND t.kind IN (:kinds)
     WHERE p.community_id = :communityId AND p.author_id IN (:userIds) AND p.deleted_at IS NULL AND p.hidden_at IS NULL
     ORDER BY p.id DESC LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { communityId, userIds, limit, kinds: CONTRIBUTION_KINDS } },
  );
  return rows.map((p) => {
    const id = Number(p.id);
    const opening = id === Number(p.first_post_id);
    return {
      authorId: Number(p.author_id),
      title: p.title,
      kind: p.kind,
      opening,
      href: opening ? threadHref(url, { id: Number(p.thread_id), kind: p.kind, communityId }) : url(`/c/${communityId}/posts/${id}`),
      excerpt: postExcerpt(id, p.body_html),
      at: dateView(p.created_at instanceof Date ? p.created_at : new Date(p.created_at), lang),
    };
  });
}

const CONTRIBUTION_KINDS = ['discussion', 'knowledge', 'journal', 'problem'];

/** Excerpts already made, by post (the same few posts show on every home): sanitizing their HTML was a large share of the page. */
const excerpts = new Map<number, { html: string; text: string }>();
const EXCERPTS_LIMIT = 2_000;

function postExcerpt(postId: number, html: string): string {
  const known = excerpts.get(postId);
  if (known && known.html === html) return known.text;
  const text = excerpt(htmlToText(html), 140);
  if (excerpts.size >= EXCERPTS_LIMIT) excerpts.delete(excerpts.keys().next().value!);
  excerpts.set(postId, { html, text });
  return text;
}

/** Is the actor following this member? */
export async function isFollowing(followerId: number, followedId: number): Promise<boolean> {
  return (await MemberFollow.count({ where: { followerId, followedId } })) > 0;
}

/** The edit form's values: the saved profile, or the LMS's institution as a starting point. */
export async function profileFormValues(rec: MemberRecord): Promise<Record<string, string>> {
  const p = rec.profile ?? (await Profile.findOne({ where: { membershipId: rec.membershipId } }));
  const tags = (await profileTagsOf([rec.membershipId])).get(rec.membershipId) ?? { expertise: [], learning: [] };
  const values: Record<string, string> = {
    roleTitle: p?.roleTitle ?? '',
    institution: p?.institution ?? rec.lmsInstitution ?? '',
    yearsPractice: p?.yearsPractice != null ? String(p.yearsPractice) : '',
    experience: p?.experience ?? '',
    expertise: tagsToInput(tags.expertise),
    learning: tagsToInput(tags.learning),
    helpWith: p?.helpWith ?? '',
    wantToLearn: p?.wantToLearn ?? '',
    languages: p?.languages ?? '',
    intro: p?.introMd ?? '',
  };
  for (const f of PROFILE_FIELDS) values[`vis_${f}`] = levelOf(p?.visibility, f);
  return values;
}

/** A member card with its addresses: the profile page, and each expertise as a directory filter and as a who-can-help question. */
export function linkedCard<C extends MemberCard>(card: C, communityId: number, url: Url) {
  const people = `/c/${communityId}/people`;
  return {
    ...card,
    href: url(`${people}/${card.membershipId}`),
    expertise: card.expertise.map((tag) => ({ ...tag, href: url(people, { tag: tag.slug }), helpHref: url(people, { help: tag.label }) })),
  };
}

/** The addresses of a profile page (`membershipId` is the member shown). */
export function profileLinks(communityId: number, membershipId: number, url: Url) {
  const c = `/c/${communityId}`;
  return {
    edit: url(`${c}/profile/edit`),
    timeZone: url(`${c}/meetings/timezone`),
    follow: url(`${c}/people/${membershipId}/follow`),
    askHelp: url(`${c}/problems/new`, { to: membershipId }),
    askMentor: url(`${c}/mentoring/new`, { mentor: membershipId }),
  };
}

/** The addresses of the edit form. */
export function profileFormLinks(communityId: number, url: Url) {
  return { save: url(`/c/${communityId}/profile`), cancel: url(`/c/${communityId}/profile`) };
}
