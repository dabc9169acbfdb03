/** Stories as plain data for the views: author, cycle, date, the contribution it is about, what the viewer may do. */
import { namesOf } from '../content/people';
import { dateView } from '../content/dates';
import type { Actor } from '../kernel/actor';
import type { ValueStory } from './model';
import type { Reaction } from '../discussions/model';
import { storyPolicy } from './policy';
import { describeSubjects } from './subject';
import { humanSize } from '../resources/presenters';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Present stories for one viewer; a contribution the viewer can no longer see is shown without its title. */
export async function presentStories(actor: Actor, stories: ValueStory[], url: Url) {
  const [names, subjects] = await Promise.all([namesOf(stories.map((s) => s.authorId)), describeSubjects(actor, stories)]);
  return stories.map((s) => {
    const subject = subjects.get(`${s.subjectType}:${s.subjectId}`);
    return {
      id: s.id,
      author: names.get(s.authorId) ?? '',
      cycle: s.cycle,
      html: s.bodyHtml,
      evidence: s.evidence,
      file: s.evidenceFileKey ? { name: s.evidenceFileName ?? '', size: humanSize(s.evidenceFileSize, actor.lang), href: url(`/c/${actor.communityId}/stories/${s.id}/evidence`) } : null,
      created: dateView(s.createdAt, actor.lang),
      subject: subject ? { title: subject.title, href: url(subject.path) } : null,
      canRemove: storyPolicy.remove(actor, s),
      removeAction: url(`/c/${actor.communityId}/stories/${s.id}/delete`),
    };
  });
}

export type StoryView = Awaited<ReturnType<typeof presentStories>>[number];

/** The "I tried it" marks a facilitator may follow up, with who, what and when. */
export async function presentPromptCandidates(actor: Actor, reactions: Reaction[], url: Url) {
  const [names, subjects] = await Promise.all([namesOf(reactions.map((r) => r.userId)), describeSubjects(actor, reactions.map((r) => ({ subjectType: 'post', subjectId: r.postId })))]);
  return reactions
    .filter((r) => subjects.has(`post:${r.postId}`))
    .map((r) => ({ id: r.id, member: names.get(r.userId) ?? '', subject: { title: subjects.get(`post:${r.postId}`)!.title, href: url(subjects.get(`post:${r.postId}`)!.path) }, tried: dateView(r.createdAt, actor.lang) }));
}

/** Where the community page's forms go. */
export function storyLinks(actor: Actor, url: Url) {
  return { index: url(`/c/${actor.communityId}/stories`), prompt: url(`/c/${actor.communityId}/stories/prompts`) };
}

/** The stories of one contribution: where they are told. */
export const subjectStoriesPath = (subject: { path: string }) => `${subject.path}/stories`;
