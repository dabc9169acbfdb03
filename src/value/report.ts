/**
 * The value report's data for a period and an optional cohort: the dashboard's figures (read
 * through the analytics service, so the numbers are the dashboard's), a few more counts from the
 * activity log, and the stories of the period. Every query is scoped to the community.
 */
import { Op } from 'sequelize';
import { Activity } from '../activity/model';
import { CharterVersion } from '../charter/model';
import type { Community } from '../kernel/community';
import { dashboardFor } from '../analytics/service';
import { parseData } from '../analytics/history';
import type { Period } from '../analytics/period';
import { listStories } from '../stories/service';
import { STORY_CYCLES, type StoryCycle, type ValueStory } from '../stories/model';
import { valueIndicators, type CycleIndicators, type ExtraCounts } from './indicators';

type CommunityRef = Pick<Community, 'id' | 'createdAt' | 'settings'>;

/** Verbs the report counts beside the dashboard's figures. */
const VERBS = ['meeting.attended', 'resource.share', 'journal.create', 'reaction.add', 'reaction.remove'];

export interface ValueReport {
  period: Period;
  cohortId: number | null;
  cycles: CycleIndicators[];
  stories: ValueStory[];
}

/** The report for a period (and cohort). */
export async function valueReport(community: CommunityRef, period: Period, cohortId: number | null): Promise<ValueReport> {
  const { figures, extras } = await dashboardFor(community, period, cohortId);
  // A cohort narrows to its memberships, as the dashboard's cohort filter does.
  const members = cohortId === null ? null : figures.members.map((m) => m.entry.membershipId);
  const when = { [Op.gte]: period.since, [Op.lt]: period.until };
  const [acts, charterVersions, stories] = await Promise.all([
    Activity.findAll({ attributes: ['verb', 'data'], where: { communityId: community.id, verb: VERBS, createdAt: when, membershipId: members ?? { [Op.ne]: null } }, raw: true }),
    CharterVersion.count({ where: { communityId: community.id, createdAt: when } }),
    listStories(community.id, { since: period.since, until: period.until, ...(members ? { membershipIds: members } : {}) }, 500),
  ]);
  const count = (verb: string, test: (d: Record<string, unknown> | null) => boolean = () => true) => acts.filter((a) => a.verb === verb && test(parseData(a.data))).length;
  const tried = (d: Record<string, unknown> | null) => d?.kind === 'tried';
  const byCycle = Object.fromEntries(STORY_CYCLES.map((c) => [c, stories.filter((s) => s.cycle === c).length])) as Record<StoryCycle, number>;
  const counts: ExtraCounts = {
    attendance: count('meeting.attended'),
    resources: count('resource.share'),
    adaptations: count('journal.create', (d) => Boolean(d?.adaptation)),
    // "I tried it" marks made in the period; one taken back in the period is not counted.
    trials: Math.max(0, count('reaction.add', tried) - count('reaction.remove', tried)),
    charterVersions,
    stories: byCycle,
  };
  return { period, cohortId, cycles: valueIndicators(figures, extras, counts), stories };
}
