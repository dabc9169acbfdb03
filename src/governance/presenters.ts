import type { TFunction } from 'i18next';
import { Op } from 'sequelize';
import { Proposal, Vote, ProposalVoter } from './model';
import { RULE_CHOICES, REASON_REQUIRED } from './rules';
import { proposalCan } from './policy';
import { ownVote } from './vote';
import { renderMarkdown } from '../content/document-markdown';
import { lineDiff } from '../charter/diff';
import { CharterVersion } from '../charter/model';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { formatInZone } from '../content/time';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

export interface View {
  zone: string;
  lang: 'fr' | 'en';
  t: TFunction;
  url: Url;
}

/** The addresses of the governance pages of a community: the list, the form of each kind, the charter. */
export function governanceLinks(communityId: number, url: Url) {
  const base = `/c/${communityId}/proposals`;
  const open = (kind: string) => url(`${base}/new`, { kind });
  return { list: url(base), create: url(base), charter: url(`/c/${communityId}/charter`), open: { decision: open('decision'), poll: open('poll'), amendment: open('amendment') } as Record<string, string> };
}

/** A proposal in a list. */
export function proposalSummary(p: Proposal, v: View) {
  return { id: p.id, href: v.url(`/c/${p.communityId}/proposals/${p.id}`), title: p.title, kind: p.kind, rule: p.rule, status: p.status, anonymous: p.anonymous, deadline: formatInZone(p.deadline, v.zone, v.lang), deadlineIso: p.deadline.toISOString(), result: p.outcome?.result ?? null };
}

/** Open proposals first (soonest deadline), then the latest decisions. */
export async function proposalLists(communityId: number, v: View) {
  const [open, decided] = await Promise.all([
    Proposal.findAll({ where: { communityId, status: 'open' }, order: [['deadline', 'ASC']] }),
    Proposal.findAll({ where: { communityId, status: { [Op.notIn]: ['open', 'closing'] } }, order: [['decidedAt', 'DESC']], limit: 50 }),
  ]);
  return { open: open.map((p) => proposalSummary(p, v)), decided: decided.map((p) => proposalSummary(p, v)) };
}

function optionLabel(p: Proposal, key: string, v: View): string {
  if (p.rule !== 'poll') return v.t(`governance.choices.${key}`);
  const label = p.options.find((o) => o.key === key)?.label ?? key;
  return p.pollMode === 'time' ? formatInZone(new Date(label), v.zone, v.lang) : label;
}

/** Live participation. Named votes are public to members; anonymous tallies stay hidden until the close (a live count would reveal each new ballot). */
async function liveVotes(p: Proposal, v: View) {
  if (p.anonymous) return { participants: await ProposalVoter.count({ where: { proposalId: p.id } }), voters: [] };
  const votes = await Vote.findAll({ where: { proposalId: p.id }, order: [['updatedAt', 'ASC']] });
  const members = await Membership.findAll({ where: { id: votes.map((x) => x.membershipId) }, include: [{ model: User, as: 'user' }] });
  const names = new Map(members.map((m) => [m.id, m.user ? displayName(m.user) : '']));
  return {
    participants: votes.length,
    voters: votes.map((x) => ({ name: names.get(x.membershipId) ?? '', choices: (JSON.parse(x.choice) as string[]).map((k) => optionLabel(p, k, v)).join(', '), reason: x.reason ?? '' })),
  };
}

async function amendmentView(p: Proposal) {
  if (!p.amendment) return null;
  const base = p.baseVersion ? await CharterVersion.findOne({ where: { communityId: p.communityId, version: p.baseVersion } }) : null;
  // The vote page shows the charter as it reads before and after, rendered, beside the comparison.
  return { baseVersion: p.baseVersion, html: renderMarkdown(p.amendment.body), beforeHtml: renderMarkdown(base?.body ?? ''), rules: p.amendment.rules, diff: lineDiff(base?.body ?? '', p.amendment.body) };
}

/** Everything the proposal page shows, as plain data. */
export async function proposalDetail(p: Proposal, actor: Actor, secret: string, v: View) {
  const opener = p.openedBy ? await Membership.findByPk(p.openedBy, { include: [{ model: User, as: 'user' }] }) : null;
  const keys = p.rule === 'poll' ? p.options.map((o) => o.key) : RULE_CHOICES[p.rule];
  const outcome = p.outcome
    ? { ...p.outcome, tally: Object.entries(p.outcome.tally).map(([k, n]) => ({ label: optionLabel(p, k, v), n })), winners: p.outcome.winners.map((k) => optionLabel(p, k, v)) }
    : null;
  const timeOptions = p.pollMode === 'time' ? p.options.map((o) => ({ label: optionLabel(p, o.key, v), iso: o.label })) : [];
  // A time poll's winning slot can be scheduled as a meeting, the form filled with its time and title.
  const winningSlot = outcome ? timeOptions.find((o) => outcome.winners.includes(o.label)) : undefined;
  return {
    ...proposalSummary(p, v),
    bodyHtml: renderMarkdown(p.body),
    openedBy: opener?.user ? displayName(opener.user) : '',
    pollMode: p.pollMode,
    quorumPercent: p.quorumPercent,
    choices: keys.map((k) => ({ key: k, label: optionLabel(p, k, v), reasonRequired: REASON_REQUIRED.has(k) })),
    multiple: p.rule === 'poll' && p.pollMode !== 'single',
    timeOptions,
    mine: await ownVote(actor.membershipId, p, secret),
    live: await liveVotes(p, v),
    outcome,
    amendment: await amendmentView(p),
    can: proposalCan(actor, p),
    links: {
      list: v.url(`/c/${p.communityId}/proposals`),
      vote: v.url(`/c/${p.communityId}/proposals/${p.id}/vote`),
      charterVersion: outcome?.charterVersion ? v.url(`/c/${p.communityId}/charter/versions/${outcome.charterVersion}`) : null,
      scheduleMeeting: winningSlot ? v.url(`/c/${p.communityId}/meetings/new`, { at: winningSlot.iso, title: p.title }) : null,
    },
  };
}

/** Proposals' titles by id: the charter's history names the decisions that adopted its versions (registered from src/features.ts). */
export async function proposalTitles(communityId: number, ids: number[]): Promise<Map<number, string>> {
  const proposals = await Proposal.findAll({ where: { communityId, id: ids }, attributes: ['id', 'title'] });
  return new Map(proposals.map((p) => [p.id, p.title]));
}
