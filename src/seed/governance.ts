/**
 * The governance seeder: proposals over the months (decisions, polls, one charter amendment),
 * named votes from the members who were there, outcomes computed by the real decision rules
 * (governance/rules.ts decide()), the adopted amendment as charter version 2, and the last
 * proposals still open so the home page has something to vote on.
 */
import type { Transaction } from 'sequelize';
import { Proposal, Vote } from '../governance/model';
import { CharterVersion, CharterAcknowledgement, type DecisionRule } from '../charter/model';
import { decide, RULE_CHOICES, REASON_REQUIRED, type Ballot } from '../governance/rules';
import type { Rng } from './random';
import { Authors } from './people';
import { fill, lexicon, paragraph } from './text';
import { charterText, CHARTER_RULES, acknowledgements } from './charter';
import { activity, actor, insertRows, type SeedContext, type SeedPerson } from './context';
import { singleTransaction } from '../db/retry';

const TITLES = ['Adopter {practice} comme pratique commune', 'Créer un groupe de travail sur {topic}', 'Inviter une personne experte sur {topic}', 'Documenter nos pratiques sur {topic}'];
const POLL_TITLES = ['Quel thème pour la prochaine rencontre?', 'Quel format préférez-vous pour nos rencontres?', 'Quelle ressource traduire en premier?'];
const POLL_OPTIONS = [['Évaluation', 'Accueil des nouveaux', 'Collaboration'], ['En personne', 'Visioconférence', 'Hybride'], ['Le guide pratique', 'La vidéo', 'Le gabarit', 'L’article']];
const REASONS = ['Je crains que ce soit trop lourd pour les petites équipes.', 'Il faudrait d’abord en discuter en rencontre.', 'Pas avant la fin de la session, svp.'];

interface ProposalPlan {
  id: number;
  opener: SeedPerson;
  createdAt: Date;
  deadline: Date;
  kind: 'decision' | 'amendment' | 'poll';
  rule: DecisionRule;
  title: string;
  options: Array<{ key: string; label: string }>;
  ballots: Array<{ voter: SeedPerson; at: Date; choices: string[]; reason: string | null }>;
}

/** How many proposals: a couple for a small community, one per 2,000 posts for larger ones. */
export function proposalCount(posts: number): number {
  return Math.min(60, Math.max(2, Math.round(posts / 2000)));
}

function planProposal(ctx: SeedContext, rng: Rng, authors: Authors, id: number, index: number, count: number, amendmentAt: number): ProposalPlan {
  const open = index >= count - Math.min(2, Math.ceil(count / 4));
  const createdAt = open ? new Date(ctx.timeline.now.getTime() - rng.int(1, 4) * 24 * 3600_000) : ctx.timeline.at(0.1 + (0.8 * (index + rng.float())) / count);
  const deadline = new Date(createdAt.getTime() + rng.int(7, 14) * 24 * 3600_000);
  const opener = index === amendmentAt ? authors.facilitators()[0] : authors.pick(rng, createdAt);
  const kind = index === amendmentAt ? 'amendment' : rng.chance(0.3) ? 'poll' : 'decision';
  const poll = rng.int(0, POLL_TITLES.length - 1);
  const rule: DecisionRule = kind === 'poll' ? 'poll' : kind === 'amendment' ? 'consent' : rng.chance(0.6) ? 'consent' : 'majority';
  const title = kind === 'poll' ? POLL_TITLES[poll] : kind === 'amendment' ? 'Modifier la charte : ajouter nos rencontres mensuelles' : fill(rng, rng.pick(TITLES), lexicon(rng, ctx.domain, 'fr'));
  const options = kind === 'poll' ? POLL_OPTIONS[poll].map((label, i) => ({ key: `o${i + 1}`, label })) : [];
  const plan: ProposalPlan = { id, opener, createdAt, deadline, kind, rule, title, options, ballots: [] };
  const end = deadline < ctx.timeline.now ? deadline : ctx.timeline.now;
  const voters = new Map<number, SeedPerson>();
  // Turnout: a quarter to three quarters of those who write, and never more than a few hundred voters.
  for (let k = Math.round(Math.min(authors.count(), 300) * (0.25 + 0.5 * rng.float())); k > 0; k--) {
    const at = ctx.timeline.moment(rng, createdAt, end);
    const who = authors.pick(rng, at);
    if (voters.has(who.userId)) continue;
    voters.set(who.userId, who);
    plan.ballots.push({ voter: who, at, ...choose(rng, plan) });
  }
  return plan;
}

/** A voter's choice: mostly in favour; objections and blocks come with a reason, as the rules require. */
function choose(rng: Rng, p: ProposalPlan): { choices: string[]; reason: string | null } {
  if (p.rule === 'poll') return { choices: [p.options[rng.weighted(p.options.map((_, i) => p.options.length - i))].key], reason: null };
  const choices = RULE_CHOICES[p.rule];
  // The amendment passed: nobody objected to it.
  const weights = p.kind === 'amendment' ? [0.85, 0.15, 0] : p.rule === 'consent' ? [0.8, 0.15, 0.05] : [0.6, 0.3, 0.1];
  const choice = choices[rng.weighted(weights)];
  return { choices: [choice], reason: REASON_REQUIRED.has(choice) ? rng.pick(REASONS) : rng.chance(0.1) ? rng.pick(REASONS) : null };
}

export async function seedGovernance(ctx: SeedContext): Promise<void> {
  const rng = ctx.rng.derive('governance');
  const authors = new Authors(ctx.people);
  const count = proposalCount(ctx.options.posts);
  const eligible = ctx.people.filter((p) => (p.status === 'active' || p.status === 'invited') && p.role !== 'observer').length;
  await singleTransaction(ctx.sequelize, async (t) => {
    let id = await ctx.ids.reserve(Proposal, count, t);
    const plans = Array.from({ length: count }, (_, i) => planProposal(ctx, rng, authors, id++, i, count, Math.floor(count / 2)));
    await insertRows(ctx, Proposal, plans.map((p) => proposalRow(ctx, rng, p, eligible)), t);
    await insertRows(ctx, Vote, plans.flatMap((p) => p.ballots.map((b) => ({ proposalId: p.id, membershipId: b.voter.membershipId, choice: JSON.stringify(b.choices), reason: b.reason, createdAt: b.at, updatedAt: b.at }))), t);
    for (const p of plans) queueActivities(ctx, p, eligible);
    const amendment = plans.find((p) => p.kind === 'amendment');
    if (amendment && amendment.deadline < ctx.timeline.now) await adoptAmendment(ctx, amendment, t);
    ctx.shared.proposals = plans.map((p) => ({ id: p.id, title: p.title, createdAt: p.createdAt, deadline: p.deadline }));
  });
}

function outcomeOf(p: ProposalPlan, eligible: number) {
  const ballots: Ballot[] = p.ballots.map((b) => ({ choices: b.choices, reason: b.reason, voter: b.voter.name }));
  return decide({ rule: p.rule, options: p.options.map((o) => o.key), pollMode: p.rule === 'poll' ? 'single' : null, quorumPercent: p.rule === 'majority' ? CHARTER_RULES.quorum : null, eligible, ballots });
}

function proposalRow(ctx: SeedContext, rng: Rng, p: ProposalPlan, eligible: number): Record<string, unknown> {
  const closed = p.deadline < ctx.timeline.now;
  const outcome = closed ? { ...outcomeOf(p, eligible), ...(p.kind === 'amendment' ? { charterVersion: 2 } : {}) } : null;
  const status = !outcome ? 'open' : outcome.result === 'adopted' ? 'adopted' : outcome.result === 'closed' ? 'closed' : 'rejected';
  return {
    id: p.id, communityId: ctx.community.id, openedBy: p.opener.membershipId, kind: p.kind, title: p.title, body: paragraph(rng, 'fr', lexicon(rng, ctx.domain, 'fr'), 3),
    rule: p.rule, quorumPercent: p.rule === 'majority' ? CHARTER_RULES.quorum : null, pollMode: p.rule === 'poll' ? 'single' : null, options: p.options, anonymous: false,
    amendment: p.kind === 'amendment' ? { body: charterText(2), rules: CHARTER_RULES } : null, baseVersion: p.kind === 'amendment' ? 1 : null,
    deadline: p.deadline, status, outcome, decidedAt: closed ? p.deadline : null, createdAt: p.createdAt, updatedAt: closed ? p.deadline : p.createdAt,
  };
}

function queueActivities(ctx: SeedContext, p: ProposalPlan, eligible: number): void {
  activity(ctx, { createdAt: p.createdAt, ...actor(p.opener), verb: 'proposal.open', subject: { type: 'proposal', id: p.id }, data: { kind: p.kind, rule: p.rule } });
  for (const b of p.ballots) activity(ctx, { createdAt: b.at, ...actor(b.voter), verb: 'vote.cast', subject: { type: 'proposal', id: p.id }, data: { choices: b.choices, changed: false } });
  if (p.deadline >= ctx.timeline.now) return;
  const o = outcomeOf(p, eligible);
  activity(ctx, { createdAt: p.deadline, userId: null, membershipId: null, verb: 'proposal.decided', subject: { type: 'proposal', id: p.id }, data: { result: o.result, tally: o.tally, participants: o.participants, eligible } });
}

/** The adopted amendment becomes charter version 2 at its deadline; members acknowledge it again, fewer so far. */
async function adoptAmendment(ctx: SeedContext, p: ProposalPlan, t: Transaction): Promise<void> {
  const charter = ctx.shared.charter as { id: number; version: number } | undefined;
  if (!charter || charter.version !== 1) return;
  const id = await ctx.ids.reserve(CharterVersion, 1, t);
  await insertRows(ctx, CharterVersion, [{ id, communityId: ctx.community.id, version: 2, body: charterText(2), rules: CHARTER_RULES, proposedBy: p.opener.membershipId, proposalId: p.id, createdAt: p.deadline, updatedAt: p.deadline }], t);
  activity(ctx, { createdAt: p.deadline, userId: null, membershipId: null, verb: 'charter.amend', subject: { type: 'charter_version', id }, data: { version: 2, proposalId: p.id } });
  await insertRows(ctx, CharterAcknowledgement, acknowledgements(ctx, id, 2, p.deadline, 0.5), t);
  ctx.shared.charter = { id, version: 2 };
}
