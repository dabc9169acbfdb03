import { Op } from 'sequelize';
import { Membership } from '../kernel/community';
import { namesOf } from '../content/people';
import { dateView } from '../content/dates';
import { MentoringCheckin, MentoringGoal, MentoringMessage, Mentorship } from './model';
import { inPair, pairCan, type MentoringActor } from './policy';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Display names of memberships of one community, in two queries. */
export async function memberNames(communityId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await Membership.findAll({ where: { communityId, id: { [Op.in]: [...new Set(ids)] } }, attributes: ['id', 'userId'] });
  const names = await namesOf(rows.map((m) => m.userId));
  return new Map(rows.map((m) => [m.id, names.get(m.userId) ?? '']));
}

/** Pair rows for a list: who, status, since when, and the link (to see it, not necessarily to read its space). */
export async function presentPairs(actor: Actor, pairs: Mentorship[], url: Url) {
  const names = await memberNames(actor.communityId, pairs.flatMap((p) => [p.menteeId, p.mentorId]));
  return pairs.map((p) => ({
    id: p.id,
    href: url(`/c/${actor.communityId}/mentoring/${p.id}`),
    mentee: names.get(p.menteeId) ?? '',
    mentor: names.get(p.mentorId) ?? '',
    status: p.status,
    mine: inPair(actor, p),
    toAnswer: p.mentorId === actor.membershipId && p.status === 'requested',
    since: dateView(p.respondedAt ?? p.createdAt, actor.lang),
  }));
}

/** The mentoring page: my pairs and requests; for facilitators, every pair of the community (existence and status only). */
export async function mentoringOverview(actor: Actor & MentoringActor, url: Url) {
  const mine = await Mentorship.findAll({ where: { communityId: actor.communityId, [Op.or]: [{ menteeId: actor.membershipId }, { mentorId: actor.membershipId }] }, order: [['id', 'DESC']] });
  const all = actor.role === 'facilitator' ? await Mentorship.findAll({ where: { communityId: actor.communityId }, order: [['id', 'DESC']], limit: 200 }) : [];
  return { mine: await presentPairs(actor, mine, url), all: await presentPairs(actor, all, url) };
}

/** The addresses of the mentoring pages: the overview, the request form (and its mentee picker), the request. */
export function mentoringLinks(communityId: number, url: Url) {
  const base = `/c/${communityId}/mentoring`;
  return { list: url(base), new: url(`${base}/new`), request: url(base) };
}

/** The addresses of one pair's page: its actions and its space's forms. */
function pairLinks(communityId: number, pairId: number, url: Url) {
  const base = `/c/${communityId}/mentoring/${pairId}`;
  return {
    list: url(`/c/${communityId}/mentoring`),
    accept: url(`${base}/accept`),
    decline: url(`${base}/decline`),
    close: url(`${base}/close`),
    invite: url(`${base}/invite`),
    goals: url(`${base}/goals`),
    checkins: url(`${base}/checkins`),
    messages: url(`${base}/messages`),
  };
}

/** One pair's page. The private space (messages, goals, check-ins) is loaded only when the actor may read it. */
export async function presentPair(actor: Actor & MentoringActor, pair: Mentorship, url: Url) {
  const can = pairCan(actor, pair);
  const names = await memberNames(actor.communityId, [pair.menteeId, pair.mentorId, pair.requestedBy, ...(pair.closedBy ? [pair.closedBy] : [])]);
  const person = (id: number) => ({ id, name: names.get(id) ?? '', href: url(`/c/${actor.communityId}/people/${id}`) });
  const base = {
    id: pair.id,
    links: pairLinks(actor.communityId, pair.id, url),
    mentee: person(pair.menteeId),
    mentor: person(pair.mentorId),
    requestedBy: names.get(pair.requestedBy) ?? '',
    byFacilitator: pair.requestedBy !== pair.menteeId,
    status: pair.status,
    facilitatorsInvited: pair.facilitatorsInvited,
    created: dateView(pair.createdAt, actor.lang),
    closed: dateView(pair.closedAt, actor.lang),
    closedBy: pair.closedBy ? (names.get(pair.closedBy) ?? '') : '',
    isMentee: actor.membershipId === pair.menteeId,
  };
  if (!can.read) return { pair: base, can, space: null };
  const [messages, goals, checkins] = await Promise.all([
    MentoringMessage.findAll({ where: { mentorshipId: pair.id }, order: [['id', 'ASC']], limit: 500 }),
    MentoringGoal.findAll({ where: { mentorshipId: pair.id }, order: [['id', 'ASC']] }),
    MentoringCheckin.findAll({ where: { mentorshipId: pair.id }, order: [['id', 'DESC']] }),
  ]);
  const authors = await memberNames(actor.communityId, [...messages.map((m) => m.authorId), ...checkins.map((c) => c.authorId)]);
  return {
    pair: { ...base, message: pair.message },
    can,
    space: {
      messages: messages.map((m) => ({ id: m.id, author: authors.get(m.authorId) ?? '', mine: m.authorId === actor.membershipId, html: m.bodyHtml, at: dateView(m.createdAt, actor.lang) })),
      goals: goals.map((g) => ({ id: g.id, title: g.title, done: !!g.doneAt, href: url(`/c/${actor.communityId}/mentoring/${pair.id}/goals/${g.id}`) })),
      checkins: checkins.map((c) => ({ id: c.id, author: authors.get(c.authorId) ?? '', html: c.noteHtml, at: dateView(c.createdAt, actor.lang) })),
    },
  };
}
