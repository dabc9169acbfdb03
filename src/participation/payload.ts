/**
 * What to send for one member's column: the score, its maximum, progress values and a comment
 * that explains it (without a comment, Moodle erases the feedback shown in the gradebook).
 */
import type { Community } from '../communities/model';
import { translator, type Lang } from '../i18n';
import { PdEntry } from '../pd/model';
import { hours } from '../pd/cycles';
import type { ScoreKind } from './model';
import { memberScore } from './points';
import { KINDS, rulesOf } from './rules';

/** The values of one score publish (AGS §3.4.6). */
export interface ScoreValues {
  scoreGiven: number;
  scoreMaximum: number;
  comment: string;
  activityProgress: 'Initialized' | 'InProgress' | 'Completed';
  gradingProgress: 'FullyGraded';
}

/** The language of a comment: the member's locale. */
export function commentLang(locale: string | null | undefined): Lang {
  return locale && /^fr/i.test(locale) ? 'fr' : 'en';
}

// Moodle records scoreGiven only with gradingProgress FullyGraded; the score is final as of now.
function progress(given: number, maximum: number): ScoreValues['activityProgress'] {
  if (given <= 0) return 'Initialized';
  return given >= maximum ? 'Completed' : 'InProgress';
}

/** The current values of one member's column, computed from the ledger and the activity log. */
export async function scoreValues(kind: ScoreKind, community: Pick<Community, 'id' | 'settings' | 'createdAt'>, membershipId: number, lang: Lang, now = new Date()): Promise<ScoreValues> {
  const t = translator(lang);
  const rules = rulesOf(community.settings);
  const fmt = (n: number) => n.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 });
  if (kind === 'pd_hours') {
    const minutes = (await PdEntry.sum('minutes', { where: { communityId: community.id, membershipId, status: 'approved' } })) || 0;
    const h = hours(Number(minutes));
    const given = Math.min(h, rules.pdTargetHours);
    const comment = t('participation.comment_pd', { hours: fmt(h), target: fmt(rules.pdTargetHours) });
    return { scoreGiven: given, scoreMaximum: rules.pdTargetHours, comment, activityProgress: progress(given, rules.pdTargetHours), gradingProgress: 'FullyGraded' };
  }
  const s = await memberScore(community, membershipId, now, rules);
  const parts = KINDS.filter((k) => s.byKind[k].count > 0).map((k) => t(`participation.kind_count.${k}`, { count: s.byKind[k].count }));
  const adjusted = s.adjustments.reduce((sum, a) => sum + a.points, 0);
  // A contribution that did not count says why (rather than "no contribution counted yet" right after a post).
  const tooShort = s.items.filter((i) => i.reason === 'too_short').length;
  const comment = [
    t('participation.comment', { earned: fmt(s.earned), maximum: fmt(s.maximum), percent: Math.round(s.ratio * 100), count: s.earned }),
    parts.length ? `${parts.join(', ')}.` : tooShort ? '' : t('participation.comment_none'),
    tooShort ? t('participation.comment_too_short', { count: tooShort, min: rules.minLength }) : '',
    adjusted ? t('participation.comment_adjusted', { points: fmt(adjusted), count: adjusted }) : '',
    s.left > 0 ? t('participation.comment_left', { left: fmt(s.left), count: s.left }) : t('participation.comment_reached'),
  ].filter(Boolean).join(' ');
  return { scoreGiven: s.scoreGiven, scoreMaximum: s.maximum, comment, activityProgress: progress(s.scoreGiven, s.maximum), gradingProgress: 'FullyGraded' };
}
