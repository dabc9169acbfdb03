import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { harness } from '../helpers/harness';
import { seedCommunity, type Plan, type PlannedAct } from './seed';
import { dashboardFor } from '../../src/analytics/service';
import { resolvePeriod, type Period } from '../../src/analytics/period';
import { Community } from '../../src/kernel/community';

const ZONE = 'America/Toronto';

/** The test's own reading of the verbs it generated (independent of src/analytics/kinds.ts). */
function kindOf(a: PlannedAct): string | null {
  switch (a.verb) {
    case 'thread.create':
      return a.data?.kind === 'knowledge' ? 'learning' : 'sharing';
    case 'journal.create':
      return a.data?.adaptation ? 'learning' : 'sharing';
    case 'post.reply': case 'comment.create': case 'resource.share': case 'resource.endorse':
      return 'sharing';
    case 'post.knowledge': case 'post.rise_above':
      return 'learning';
    case 'problem.create': case 'lead.create': case 'solution.accept': case 'problem.resolve':
      return 'solving';
    case 'vote.cast': case 'meeting.attended':
      return 'governance';
    default:
      return null; // launches, reactions, follows, RSVPs, edits, charter acknowledgements, decisions
  }
}

/** Every expected figure of a window, computed by plain loops over the plan. */
function expected(plan: Plan, since: Date, until: Date, cohortId: number | null) {
  const ids = new Set(plan.members.filter((m) => cohortId === null || m.cohortId === cohortId).map((m) => m.id));
  const inWin = (a: PlannedAct) => a.at >= since && a.at < until && a.membershipId !== null && ids.has(a.membershipId);
  const contributions = plan.acts.filter((a) => inWin(a) && kindOf(a));
  const perWeek = new Map<string, Record<string, number>>();
  for (const a of contributions) {
    const wk = DateTime.fromJSDate(a.at, { zone: ZONE }).startOf('week').toISODate()!;
    const row = perWeek.get(wk) ?? { sharing: 0, learning: 0, solving: 0, governance: 0 };
    row[kindOf(a)!]++;
    perWeek.set(wk, row);
  }
  const totals = new Map<number, number>();
  for (const a of contributions) totals.set(a.membershipId!, (totals.get(a.membershipId!) ?? 0) + 1);
  const weeks = Math.ceil(Math.round((until.getTime() - since.getTime()) / 86_400_000) / 7); // whole days (a DST change adds an hour)
  const threshold = Math.max(2, Math.ceil(weeks / 2));
  const roster = plan.members.filter((m) => ids.has(m.id) && m.joinedAt < until && (m.status === 'active' || m.status === 'invited') && m.role !== 'observer');
  const dist = { active: 0, occasional: 0, reader: 0, never: 0 };
  for (const m of roster) {
    const n = totals.get(m.id) ?? 0;
    dist[n >= threshold ? 'active' : n > 0 ? 'occasional' : m.status === 'invited' ? 'never' : 'reader']++;
  }
  const everContributed = (id: number) => plan.acts.some((a) => a.membershipId === id && kindOf(a) && a.at < until);
  const newcomers = roster.filter((m) => m.joinedAt >= since && m.joinedAt < until).map((m) => ({ id: m.id, charter: m.ackAt !== null && m.ackAt < until, contributed: everContributed(m.id) }));
  return { perWeek, totals, dist, roster: roster.length, newcomers, problems: problemsOf(plan, ids, inWin, until), depth: depthOf(plan, inWin), decisions: decisionsOf(plan, ids, since, until, cohortId === null ? null : roster.length) };
}

/** Problems opened in the window; their leads and solutions by the window's end (by the cohort's members when filtered). */
function problemsOf(plan: Plan, ids: Set<number>, inWin: (a: PlannedAct) => boolean, until: Date) {
  const created = plan.acts.filter((a) => a.verb === 'problem.create' && inWin(a));
  const delays: number[] = [];
  let solved = 0;
  for (const p of created) {
    const related = plan.acts.filter((a) => a.data?.problemId === p.subjectId && a.at < until && ids.has(a.membershipId!));
    const leads = related.filter((a) => a.verb === 'lead.create').map((a) => a.at.getTime());
    if (leads.length) delays.push((Math.min(...leads) - p.at.getTime()) / 3600_000);
    if (related.some((a) => a.verb === 'solution.accept' || a.verb === 'problem.resolve')) solved++;
  }
  delays.sort((x, y) => x - y);
  const mid = Math.floor(delays.length / 2);
  const median = delays.length ? Math.round((delays.length % 2 ? delays[mid] : (delays[mid - 1] + delays[mid]) / 2) * 10) / 10 : null;
  return { created: created.length, withLead: delays.length, solved, median };
}

function depthOf(plan: Plan, inWin: (a: PlannedAct) => boolean) {
  const n = (verb: string) => plan.acts.filter((a) => a.verb === verb && inWin(a)).length;
  const starts = n('thread.create') + n('journal.create');
  const buildOn = n('post.reply') + n('post.knowledge') + n('post.rise_above') + n('comment.create');
  const synthesized = plan.acts.filter((a) => a.verb === 'post.rise_above' && inWin(a)).reduce((s, a) => s + (a.data!.links as number[]).length, 0);
  return { starts, buildOn, riseAbove: n('post.rise_above'), synthesized };
}

function decisionsOf(plan: Plan, ids: Set<number>, since: Date, until: Date, cohortEligible: number | null) {
  return plan.proposals
    .filter((p) => p.decidedAt >= since && p.decidedAt < until)
    .map((p) => {
      const voters = new Set(plan.acts.filter((a) => a.verb === 'vote.cast' && a.subjectId === p.id && ids.has(a.membershipId!)).map((a) => a.membershipId));
      return { proposalId: p.id, voters: voters.size, eligible: cohortEligible ?? p.eligible };
    });
}

describe('analytics queries on a seeded community (thousands of activities)', function () {
  this.timeout(120_000);
  let plan: Plan;
  let community: Community;
  before(async () => {
    await harness();
    plan = await seedCommunity();
    community = (await Community.findByPk(plan.community.id))!;
  });

  const check = async (period: Period, cohortId: number | null) => {
    const { figures: f } = await dashboardFor(community, period, cohortId);
    const e = expected(plan, period.since, period.until, cohortId);
    assert.ok(plan.acts.length > 3000, `${plan.acts.length} activities`);
    assert.ok([...e.totals.values()].reduce((s, n) => s + n, 0) > (cohortId === null ? 300 : 150), 'the window holds hundreds of contributions');
    const weeks = new Set<string>();
    for (let d = DateTime.fromJSDate(period.since, { zone: ZONE }); d < DateTime.fromJSDate(period.until, { zone: ZONE }); d = d.plus({ days: 1 })) weeks.add(d.startOf('week').toISODate()!);
    assert.deepEqual(f.series.map((b) => b.start), [...weeks], 'one bucket per calendar week, empty ones included');
    for (const b of f.series) assert.deepEqual(b.byKind, e.perWeek.get(b.start) ?? { sharing: 0, learning: 0, solving: 0, governance: 0 }, `week of ${b.start}`);
    assert.equal(f.series.reduce((s, b) => s + b.total, 0), [...e.totals.values()].reduce((s, n) => s + n, 0), 'every contribution falls in a bucket');
    for (const m of f.members) assert.equal(m.total, e.totals.get(m.entry.membershipId) ?? 0, `member ${m.entry.membershipId}`);
    assert.deepEqual(f.distribution, { counts: e.dist, roster: e.roster });
    assert.deepEqual(f.newcomers.map((n) => ({ id: n.entry.membershipId, charter: n.charter, contributed: n.contributed })).sort((x, y) => x.id - y.id), e.newcomers.sort((x, y) => x.id - y.id));
    assert.deepEqual({ created: f.problems.created, withLead: f.problems.withLead, solved: f.problems.solved, median: f.problems.medianHoursToFirstLead }, e.problems);
    assert.deepEqual({ starts: f.depth.starts, buildOn: f.depth.buildOn, riseAbove: f.depth.riseAbove, synthesized: f.depth.synthesized }, e.depth);
    assert.deepEqual(f.decisions.rows.map((r) => ({ proposalId: r.proposalId, voters: r.voters, eligible: r.eligible })), e.decisions);
    return { f, e };
  };

  it('returns the expected figures for the last 4 weeks', async () => {
    const { f, e } = await check(resolvePeriod({ period: '4w' }, community.createdAt, plan.now), null);
    assert.ok(e.newcomers.length >= 5 && e.problems.created > 0 && e.decisions.length === 2, 'the window holds newcomers, problems and two decisions');
    assert.equal(f.signals.contributors, [...e.totals.keys()].filter((id) => plan.members.find((m) => m.id === id && (m.status === 'active' || m.status === 'invited') && m.role !== 'observer')).length);
  });

  it('returns the expected figures for 12 weeks, for one cohort only', async () => {
    const period = resolvePeriod({ period: '12w' }, community.createdAt, plan.now);
    const { f } = await check(period, plan.cohorts[1]);
    assert.ok(f.members.every((m) => m.entry.cohortId === plan.cohorts[1]));
    assert.equal(f.decisions.rows.length, 5);
  });

  it('returns the expected figures for custom dates and for the whole life of the community', async () => {
    const to = DateTime.fromJSDate(plan.now, { zone: ZONE }).minus({ days: 10 });
    await check(resolvePeriod({ period: 'custom', from: to.minus({ days: 45 }).toISODate()!, to: to.toISODate()! }, community.createdAt, plan.now), null);
    const { f } = await check(resolvePeriod({ period: 'all' }, community.createdAt, plan.now), null);
    assert.equal(f.unit, 'week', '130 days stay weekly (26 weeks or fewer)');
  });
});
