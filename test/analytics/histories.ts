/**
 * Constructed activity histories for the stage rules: members join, launch and act on given
 * days; `at(day)` returns the History the database loader would return at that instant (roster
 * joined before it, activities and first traces before it), so tests go histories → signals → stage.
 */
import { computeSignals } from '../../src/analytics/signals';
import { readStage, type StageReading } from '../../src/analytics/stage';
import { CONTRIBUTION_VERBS } from '../../src/analytics/kinds';
import type { Act, History, RosterEntry } from '../../src/analytics/history';
import type { MembershipStatus } from '../../src/kernel/community';
import type { CommunityRole } from '../../src/kernel/roles';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 14); // a Monday, 9:00 in Montréal

/** Day n of the story (fractional days allowed). */
export const day = (n: number) => new Date(T0 + n * DAY);

interface MemberSpec {
  joined?: number;
  launched?: number | null;
  status?: MembershipStatus;
  role?: CommunityRole;
  /** Acknowledge the charter the day they launch. */
  ack?: boolean;
}

export class Story {
  private roster: Array<RosterEntry & { launchDay: number | null }> = [];
  private acts: Act[] = [];
  private nextProblem = 1;
  private decided: History['decisions'] = [];
  charter = true;

  /** A proposal decided on day `d`: these members voted, out of `eligible`. */
  decision(d: number, voters: number[], eligible: number): this {
    this.decided.push({ proposalId: this.decided.length + 1, title: `Proposal ${this.decided.length + 1}`, decidedAt: day(d), result: 'adopted', voters, eligible });
    return this;
  }

  /** Add `n` members (launched on the day they joined unless said otherwise); returns their ids. */
  members(n: number, spec: MemberSpec = {}): number[] {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = this.roster.length + 1;
      const joined = spec.joined ?? 0;
      const launchDay = spec.launched === undefined ? joined : spec.launched;
      this.roster.push({
        membershipId: id, name: `Member ${id}`, erased: false, role: spec.role ?? 'member', status: spec.status ?? (launchDay === null ? 'invited' : 'active'),
        cohortId: 1, joinedAt: day(joined), lastLaunchAt: null, lastVisitAt: null, charterAckAt: null, firstContributionAt: null, profileAt: null, mentoredAt: null, launchDay,
      });
      ids.push(id);
      if (spec.ack && launchDay !== null) this.act(id, 'charter.acknowledge', launchDay + 0.1);
    }
    return ids;
  }

  /** Member `who` does `verb` on day `d` (subject and data optional). */
  act(who: number | null, verb: string, d: number, data: Record<string, unknown> | null = null, subjectId: number | null = null): this {
    this.acts.push({ verb, membershipId: who, at: day(d), subjectId, data });
    return this;
  }

  /** Each of `who` does `verb` `times` times, spread over days [from, to). */
  spread(who: number[], verb: string, times: number, from: number, to: number, data: Record<string, unknown> | null = null): this {
    for (const m of who) for (let i = 0; i < times; i++) this.act(m, verb, from + ((i + 0.5) * (to - from)) / times, data);
    return this;
  }

  /** A problem request by `who` on day `d`, a lead after `leadAfter` days (or none), solved or not. */
  problem(who: number, d: number, helper: number, leadAfter: number | null, solved = false): this {
    const id = this.nextProblem++;
    this.act(who, 'problem.create', d, null, id);
    if (leadAfter !== null) this.act(helper, 'lead.create', d + leadAfter, { problemId: id });
    if (solved && leadAfter !== null) this.act(who, 'solution.accept', d + leadAfter + 0.5, { problemId: id });
    return this;
  }

  /** The History the loader would return at day `d`, for the 12 weeks before it. */
  at(d: number): History {
    const until = day(d);
    const before = (a: Act) => a.at < until;
    const acts = this.acts.filter(before).sort((x, y) => x.at.getTime() - y.at.getTime());
    const first = (id: number, verbs: string[]) => acts.find((a) => a.membershipId === id && verbs.includes(a.verb))?.at ?? null;
    const roster = this.roster
      .filter((r) => r.joinedAt < until)
      .map(({ launchDay, ...r }) => {
        const launched = launchDay !== null && day(launchDay) < until;
        return { ...r, status: r.status === 'active' && !launched ? ('invited' as const) : r.status, lastLaunchAt: launched ? day(launchDay!) : null, charterAckAt: first(r.membershipId, ['charter.acknowledge']), firstContributionAt: first(r.membershipId, [...CONTRIBUTION_VERBS]) };
      });
    const problems = acts.filter((a) => a.verb === 'problem.create');
    return { communityId: 1, communityCreatedAt: day(0), charterExists: this.charter, roster, acts, since: day(d - 84), until, lastProblemAt: problems.length ? problems[problems.length - 1].at : null, decisions: this.decided.filter((x) => x.decidedAt < until) };
  }

  /** The stage read at day `d` (window: the 4 weeks before it). */
  stageAt(d: number): StageReading {
    return readStage(computeSignals(this.at(d), { since: day(d - 28), until: day(d) }));
  }
}
