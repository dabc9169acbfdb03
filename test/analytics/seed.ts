/**
 * A seeded community for the analytics queries: two cohorts, ~60 memberships (facilitators, a
 * mentor, members, observers; invited, inactive, newcomers), thousands of activities with
 * realistic verbs spread over 12 weeks (bulkCreate), problem requests with leads and solutions,
 * decided proposals with votes, meetings attended, charter acknowledgements — and a second
 * community whose activity must never show. Returns the plan so tests compute expectations
 * independently of src/analytics.
 */
import { Community, Cohort, Membership, type MembershipStatus } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Activity } from '../../src/activity/model';
import { CharterAcknowledgement, CharterVersion } from '../../src/charter/model';
import { Proposal } from '../../src/governance/model';
import type { CommunityRole } from '../../src/kernel/roles';
import { buildCommunity } from '../factories';
import { mulberry32 } from '../../src/seed/random';

const DAY = 86_400_000;

export interface PlannedMember {
  id: number;
  cohortId: number;
  role: CommunityRole;
  status: MembershipStatus;
  joinedAt: Date;
  lastLaunchAt: Date | null;
  lastVisitAt: Date | null;
  ackAt: Date | null;
}

export interface PlannedAct {
  membershipId: number | null;
  verb: string;
  at: Date;
  subjectId: number | null;
  data: Record<string, unknown> | null;
}

export interface Plan {
  community: Community;
  cohorts: number[];
  members: PlannedMember[];
  acts: PlannedAct[];
  proposals: Array<{ id: number; decidedAt: Date; eligible: number }>;
  now: Date;
}

/** Contribution verbs with their weights (written and shared contributions). */
const WEIGHTED: Array<[string, number]> = [
  ['thread.create', 12], ['post.reply', 30], ['post.knowledge', 10], ['comment.create', 6], ['journal.create', 4],
  ['resource.share', 8], ['resource.endorse', 6], ['post.rise_above', 2],
];
const NOISE = ['reaction.add', 'launch', 'thread.follow', 'meeting.rsvp', 'post.edit', 'notifications.read_all', 'charter.acknowledge'];

function pick(rand: () => number): string {
  const total = WEIGHTED.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [verb, w] of WEIGHTED) if ((x -= w) < 0) return verb;
  return 'post.reply';
}

function dataFor(verb: string, rand: () => number): Record<string, unknown> | null {
  if (verb === 'thread.create') return { kind: rand() < 0.3 ? 'knowledge' : 'discussion', length: 300 };
  if (verb === 'journal.create') return { visibility: 'community', adaptation: rand() < 0.25 ? { type: 'resource', id: 1 } : null };
  if (verb === 'post.rise_above') return { links: Array.from({ length: 2 + Math.floor(rand() * 3) }, (_, i) => i + 1) };
  return { length: 200 };
}

async function addMember(c: { community: Community; cohort: Cohort }, cohortId: number, role: CommunityRole, status: MembershipStatus, joinedAt: Date, launched: Date | null, n: number) {
  const user = await User.create({ platformId: c.cohort.platformId, sub: `seed-${c.community.id}-${n}`, name: `Seed Person ${n}` });
  const m = await Membership.create({ userId: user.id, communityId: c.community.id, cohortId, role, ltiRoles: [], status, source: launched ? 'launch' : 'roster', lastLaunchAt: launched, lastVisitAt: launched, createdAt: joinedAt });
  return m;
}

/**
 * Seed a new community (or an existing one, e.g. set up through a real launch); `now` anchors
 * every date (activities run over the 12 weeks before it).
 */
export async function seedCommunity(now = new Date(), seed = 7, existing?: { community: Community; cohort: Cohort }): Promise<Plan> {
  const rand = mulberry32(seed); // deterministic, so a failure can be replayed
  const c = existing ?? (await buildCommunity());
  // An instance's save() never changes createdAt; the static update does.
  await Community.update({ createdAt: new Date(now.getTime() - 130 * DAY) }, { where: { id: c.community.id }, silent: true });
  const second = await Cohort.create({ communityId: c.community.id, platformId: c.cohort.platformId, deploymentId: c.cohort.deploymentId, contextId: `seed-b-${Date.now()}`, contextTitle: 'Cohorte B' });
  const cohorts = [c.cohort.id, second.id];
  const members: PlannedMember[] = [];
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  for (let n = 0; n < 62; n++) {
    const role: CommunityRole = n < 2 ? 'facilitator' : n === 2 ? 'mentor' : n < 5 ? 'observer' : 'member';
    const newcomer = n >= 55;
    const status: MembershipStatus = n >= 45 && n < 52 ? 'invited' : n >= 52 && n < 55 ? 'inactive' : newcomer && n % 3 === 0 ? 'invited' : 'active';
    const joinedAt = newcomer ? ago(3 + (n - 55) * 3) : ago(100 + rand() * 25);
    const launched = status === 'invited' ? null : new Date(joinedAt.getTime() + DAY / 2);
    const m = await addMember(c, cohorts[n % 3 === 2 ? 1 : 0], role, status, joinedAt, launched, n);
    const visit = launched ? new Date(Math.min(now.getTime() - 3600_000, launched.getTime() + rand() * 90 * DAY)) : null;
    if (visit) await m.update({ lastVisitAt: visit });
    members.push({ id: m.id, cohortId: m.cohortId, role, status, joinedAt, lastLaunchAt: launched, lastVisitAt: visit, ackAt: null });
  }
  const acts = planActivities(members, rand, now);
  const proposals = await planDecisions(c.community, members, acts, rand, now);
  await acknowledgeCharter(c.community.id, members, rand, now);
  await Activity.bulkCreate(acts.map((a) => ({ communityId: c.community.id, membershipId: a.membershipId, verb: a.verb, subjectId: a.subjectId, subjectType: a.subjectId === null ? null : a.verb === 'vote.cast' || a.verb === 'proposal.decided' ? 'proposal' : 'post', data: a.data ? JSON.stringify(a.data) : null, createdAt: a.at })));
  await noiseCommunity(now);
  return { community: c.community, cohorts, members, acts, proposals, now };
}

/** Contributions and noise for every member who launched, problems with leads, meetings attended. */
function planActivities(members: PlannedMember[], rand: () => number, now: Date): PlannedAct[] {
  const acts: PlannedAct[] = [];
  const launched = members.filter((m) => m.lastLaunchAt && m.role !== 'observer');
  launched.forEach((m, i) => {
    const perWeek = i % 5 === 0 ? 5 : i % 5 === 1 ? 1.5 : i % 5 === 2 ? 0.5 : i % 5 === 3 ? 0.15 : 0;
    const from = Math.max(m.joinedAt.getTime(), now.getTime() - 84 * DAY);
    const n = Math.round(perWeek * ((now.getTime() - from) / (7 * DAY)));
    for (let k = 0; k < n; k++) {
      const verb = pick(rand);
      acts.push({ membershipId: m.id, verb, at: new Date(from + rand() * (now.getTime() - from - 60_000)), subjectId: Math.floor(rand() * 500), data: dataFor(verb, rand) });
    }
    for (let k = 0; k < 50; k++) acts.push({ membershipId: m.id, verb: NOISE[Math.floor(rand() * NOISE.length)], at: new Date(from + rand() * (now.getTime() - from - 60_000)), subjectId: null, data: null });
  });
  const helpers = launched.filter((_, i) => i % 5 < 3);
  for (let p = 1; p <= 30; p++) {
    const asker = launched[Math.floor(rand() * launched.length)];
    const at = new Date(now.getTime() - rand() * 84 * DAY);
    acts.push({ membershipId: asker.id, verb: 'problem.create', at, subjectId: 9000 + p, data: { length: 400 } });
    if (rand() < 0.3) continue;
    const first = new Date(at.getTime() + (0.2 + rand() * 72) * 3600_000);
    for (let l = 0; l < 1 + Math.floor(rand() * 3); l++) {
      acts.push({ membershipId: helpers[Math.floor(rand() * helpers.length)].id, verb: 'lead.create', at: new Date(first.getTime() + l * 5 * 3600_000), subjectId: 7000 + p * 10 + l, data: { problemId: 9000 + p } });
    }
    if (rand() < 0.5) acts.push({ membershipId: asker.id, verb: rand() < 0.7 ? 'solution.accept' : 'problem.resolve', at: new Date(first.getTime() + 30 * 3600_000), subjectId: 9000 + p, data: { problemId: 9000 + p } });
  }
  for (let k = 0; k < 6; k++) {
    const at = new Date(now.getTime() - (5 + k * 13) * DAY);
    for (const m of launched) if (rand() < 0.45) acts.push({ membershipId: m.id, verb: 'meeting.attended', at, subjectId: 300 + k, data: { minutes: 60 } });
  }
  return acts;
}

/** Five proposals decided over the weeks; votes cast in the days before (some before the 4-week window). */
async function planDecisions(community: Community, members: PlannedMember[], acts: PlannedAct[], rand: () => number, now: Date) {
  const eligibleNow = members.filter((m) => (m.status === 'active' || m.status === 'invited') && m.role !== 'observer');
  const voters = eligibleNow.filter((m) => m.lastLaunchAt);
  const out: Plan['proposals'] = [];
  for (const daysAgo of [80, 61, 40, 26, 5]) {
    const decidedAt = new Date(now.getTime() - daysAgo * DAY);
    const p = await Proposal.create({ communityId: community.id, kind: 'decision', title: `Proposal ${daysAgo}`, body: '', rule: 'consent', deadline: decidedAt, status: 'adopted', decidedAt });
    const share = 0.2 + rand() * 0.6;
    for (const m of voters) if (rand() < share) acts.push({ membershipId: m.id, verb: 'vote.cast', at: new Date(decidedAt.getTime() - (0.5 + rand() * 6) * DAY), subjectId: p.id, data: { changed: false } });
    acts.push({ membershipId: null, verb: 'proposal.decided', at: decidedAt, subjectId: p.id, data: { result: 'adopted', eligible: eligibleNow.length } });
    out.push({ id: p.id, decidedAt, eligible: eligibleNow.length });
  }
  return out;
}

/** Most launched members acknowledged the charter soon after joining (some twice: a later version). */
async function acknowledgeCharter(communityId: number, members: PlannedMember[], rand: () => number, now: Date) {
  const version = (await CharterVersion.findOne({ where: { communityId }, order: [['version', 'ASC']] })) ?? (await CharterVersion.create({ communityId, version: 1, body: 'Charter v1', proposedBy: null, proposalId: null }));
  const second = await CharterVersion.create({ communityId, version: version.version + 1, body: 'Charter v2', rules: version.rules, proposedBy: null, proposalId: null });
  const rows: Array<Record<string, unknown>> = [];
  for (const m of members) {
    if (!m.lastLaunchAt || rand() < 0.3) continue;
    m.ackAt = new Date(Math.min(now.getTime() - 60_000, m.lastLaunchAt.getTime() + rand() * 4 * DAY));
    rows.push({ communityId, membershipId: m.id, charterVersionId: version.id, createdAt: m.ackAt });
    if (rand() < 0.2) rows.push({ communityId, membershipId: m.id, charterVersionId: second.id, createdAt: new Date(m.ackAt.getTime() + DAY) });
  }
  await CharterAcknowledgement.bulkCreate(rows);
}

/** Another community with its own busy members: nothing of it may appear in the seeded one's figures. */
async function noiseCommunity(now: Date) {
  const c = await buildCommunity();
  const rand = mulberry32(99);
  const m = await addMember(c, c.cohort.id, 'member', 'active', new Date(now.getTime() - 50 * DAY), new Date(now.getTime() - 50 * DAY), 1000 + c.community.id);
  const rows = Array.from({ length: 400 }, () => ({ communityId: c.community.id, membershipId: m.id, verb: pick(rand), createdAt: new Date(now.getTime() - rand() * 40 * DAY) }));
  rows.push({ communityId: c.community.id, membershipId: m.id, verb: 'problem.create', createdAt: new Date(now.getTime() - DAY) });
  await Activity.bulkCreate(rows);
}
