import { translator } from '../i18n';
import { formatScore, progress, type ScoreSource } from '../gradebook/sources';
import { memberScore } from './points';
import { KINDS, rulesOf } from './rules';

/**
 * The participation column: points earned out of the community's target, with a comment that
 * explains the score (without a comment, Moodle erases the feedback shown in the gradebook).
 */
export const participationScore: ScoreSource = {
  maximum: (community) => rulesOf(community.settings).target,
  label: (community) => `Participation — ${community.title}`,
  async values(community, membershipId, lang, now) {
    const t = translator(lang);
    const fmt = (n: number) => formatScore(n, lang);
    const rules = rulesOf(community.settings);
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
  },
};
