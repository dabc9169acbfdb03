import { Op } from 'sequelize';
import { MemberFollow, Profile, PROFILE_FIELDS } from './model';
import { profileTagsOf } from './tags';
import { levelOf } from './visibility';
import { tagsToInput } from '../content/tags';
import { Post, Thread } from '../discussions/model';
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

/** A member's latest contributions anyone may read (no private entry, nothing deleted or hidden). */
export async function recentContributions(communityId: number, userIds: number[], url: Url, lang: Actor['lang'], limit = 5) {
  if (userIds.length === 0) return [];
  const posts = await Post.findAll({
    where: { communityId, authorId: { [Op.in]: userIds }, deletedAt: null, hiddenAt: null },
    include: [{ model: Thread, as: 'thread', where: { deletedAt: null, visibility: 'community', kind: { [Op.in]: ['discussion', 'knowledge', 'journal', 'problem'] } }, attributes: ['id', 'kind', 'title', 'communityId', 'firstPostId'] }],
    order: [['id', 'DESC']],
    limit,
  });
  return posts.map((p) => ({
    authorId: p.authorId,
    title: p.thread!.title,
    kind: p.thread!.kind,
    opening: p.id === p.thread!.firstPostId,
    href: p.id === p.thread!.firstPostId ? threadHref(url, p.thread!) : url(`/c/${communityId}/posts/${p.id}`),
    excerpt: excerpt(htmlToText(p.bodyHtml), 140),
    at: dateView(p.createdAt, lang),
  }));
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
