import { translator } from '../i18n';
import { formatScore, progress, type ScoreSource } from '../gradebook/sources';
import { rulesOf } from '../participation/rules';
import { PdEntry } from './model';
import { hours } from './cycles';

/** The PD-hours column: approved hours out of the community's PD target. */
export const pdHoursScore: ScoreSource = {
  maximum: (community) => rulesOf(community.settings).pdTargetHours,
  label: (community) => `Heures de formation continue / PD hours — ${community.title}`,
  async values(community, membershipId, lang) {
    const t = translator(lang);
    const target = rulesOf(community.settings).pdTargetHours;
    const minutes = (await PdEntry.sum('minutes', { where: { communityId: community.id, membershipId, status: 'approved' } })) || 0;
    const h = hours(Number(minutes));
    const given = Math.min(h, target);
    const comment = t('participation.comment_pd', { hours: formatScore(h, lang), target: formatScore(target, lang) });
    return { scoreGiven: given, scoreMaximum: target, comment, activityProgress: progress(given, target), gradingProgress: 'FullyGraded' };
  },
};
