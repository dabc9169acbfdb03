/**
 * The composition root: every feature's models and activity listeners, listed once, here at the
 * entry level (ARCHITECTURE.md). Lower layers (`db/`, `web/`, `content/`) never list features;
 * a new feature adds its lines here, in `routes.ts` and, for background work, in `worker/runner.ts`.
 */
import type { Sequelize } from 'sequelize';
import { onActivity, onActivityRows, type ActivityListener } from './activity/listeners';
import type { CommunityHook } from './web/community-hooks';
import type { MetricsSources } from './web/metrics';
import { clusterMetrics } from './cluster';
import { ScoreOutbox } from './gradebook/model';
import { EmailOutbox } from './notifications/model';
import { charterBannerHook } from './charter/banner';
import { governanceHomeHook } from './governance/home-section';
import { bellHook } from './notifications/bell';
import { peopleHomeHook } from './onboarding/home';
import { facilitationHomeHook } from './facilitation/home';
import { lengthRuleHook } from './participation/length-hint';
import { initPlatformModels } from './kernel/platform';
import { initUserModels } from './users/model';
import { initCommunityModels } from './kernel/community';
import { initActivityModels } from './activity/model';
import { initSessionModels } from './sessions/model';
import { initDraftModels } from './drafts/model';
import { initLoginModels } from './lti/login-model';
import { initRosterModels } from './lms/model';
import { initGovernanceModels } from './governance/model';
import { initCharterModels } from './charter/model';
import { initMeetingModels } from './meetings/model';
import { initNotificationModels } from './notifications/model';
import { notifyForActivity } from './notifications/coverage';
import { initContentModels } from './content/model';
import { initDiscussionModels } from './discussions/model';
import { initFlagModels } from './discussions/flag-model';
import { initResourceModels } from './resources/model';
import { initSearchModels } from './search/model';
import { initParticipationModels } from './participation/model';
import { initGradebookModels } from './gradebook/model';
import { installScoreSources } from './gradebook/sources';
import { participationScore } from './participation/score-source';
import { pdHoursScore } from './pd/score-source';
import { queueScoreForActivity } from './participation/listener';
import { initPdModels } from './pd/model';
import { initAttestationModels } from './pd/attestation';
import { applyAttendance } from './pd/ledger';
import { addToDaily, addRowsToDaily } from './analytics/daily';
import { initProfileModels } from './profiles/model';
import { initProblemModels } from './problems/model';
import { initMentoringModels } from './mentoring/model';
import { initOnboardingModels } from './onboarding/model';
import { initStoryModels } from './stories/model';
import { initShowcaseModels } from './showcase/model';
import { initPrivacyModels } from './privacy/model';
import { initFacilitationModels } from './facilitation/model';
import { initVideoModels } from './video/model';
import { withdrawClipFiles } from './video/files';
import { captionsText } from './video/search';
import { onResourceWithdrawn } from './resources/extensions';
import { addResourceText } from './search/indexer';

const modelInits: Array<(sequelize: Sequelize) => void> = [
  initPlatformModels,
  initUserModels,
  initCommunityModels,
  initActivityModels,
  initSessionModels,
  initLoginModels,
  initRosterModels,
  initGovernanceModels,
  initCharterModels,
  initMeetingModels,
  initNotificationModels,
  // Sharing: tags, threads and posts, flags, resources, search documents.
  initContentModels,
  initDiscussionModels,
  initResourceModels,
  initSearchModels,
  initFlagModels,
  initVideoModels,
  initParticipationModels,
  initGradebookModels,
  initPdModels,
  initAttestationModels,
  // Learning and solving: profiles, problems, mentoring, onboarding.
  initProfileModels,
  initProblemModels,
  initMentoringModels,
  initOnboardingModels,
  initDraftModels,
  initStoryModels,
  initShowcaseModels,
  initPrivacyModels,
  initFacilitationModels,
];

/**
 * Who reacts to an activity, in the order they run (inside the activity's transaction,
 * `activity/listeners.ts`): the notification coverage table, the participation score to resend,
 * the PD-hours line of a confirmed attendance, the dashboard's daily roll-ups.
 */
export const activityListeners: Array<[name: string, listener: ActivityListener]> = [
  ['notifications.coverage', notifyForActivity],
  ['participation.score', queueScoreForActivity],
  ['pd.attendance', applyAttendance],
  ['analytics.daily', addToDaily],
];

/** Work on every community page for the layout, in order (`web/community-hooks.ts`): the bell, the charter banner, home sections, the length rule. */
export const communityHooks: CommunityHook[] = [bellHook, charterBannerHook, governanceHomeHook, peopleHomeHook, facilitationHomeHook, lengthRuleHook];

/** The outboxes whose depth `/metrics` reports, and the cluster's merged metrics. */
export const metricsSources: MetricsSources = {
  outboxes: [
    ['scores', ScoreOutbox],
    ['emails', EmailOutbox],
  ],
  clusterMetrics,
};

/**
 * What features add to resources of their own kinds: a video clip's poster and captions are
 * withdrawn with it (deletion, erasure), and its captions are searched with it. (Its player on the
 * resource page is added by its router, which has the configuration: src/video/routes.ts.)
 */
function installResourceExtensions(): void {
  onResourceWithdrawn('video.clip', withdrawClipFiles);
  addResourceText('video.captions', captionsText);
}

/** Bind every model to the app's Sequelize instance, register the activity listeners, the gradebook's score sources and what features add to resources (every process: web, worker, CLI). */
export function initModels(sequelize: Sequelize): void {
  for (const init of modelInits) init(sequelize);
  for (const [name, listener] of activityListeners) onActivity(name, listener);
  // Rows written in bulk (seeds) notify nobody, but the roll-ups must still count them.
  onActivityRows('analytics.daily', (rows, transaction) => addRowsToDaily(sequelize, rows, transaction));
  installScoreSources({ participation: participationScore, pd_hours: pdHoursScore });
  installResourceExtensions();
}
