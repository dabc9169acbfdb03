/**
 * The composition root: every feature's models and activity listeners, listed once, here at the
 * entry level (ARCHITECTURE.md). Lower layers (`db/`, `web/`, `content/`) never list features;
 * a new feature adds its lines here, in `routes.ts` and, for background work, in `worker/runner.ts`.
 */
import type { Sequelize } from 'sequelize';
import { onActivity, type ActivityListener } from './activity/listeners';
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
import { initProfileModels } from './profiles/model';
import { initProblemModels } from './problems/model';
import { initMentoringModels } from './mentoring/model';
import { initOnboardingModels } from './onboarding/model';
import { initStoryModels, storyCounts } from './stories/model';
import { initShowcaseModels } from './showcase/model';
import { initPrivacyModels } from './privacy/model';
import { initFacilitationModels } from './facilitation/model';
import { initVideoModels } from './video/model';
import { withdrawClipFiles } from './video/files';
import { captionsText } from './video/search';
import { onResourceWithdrawn, addResourceIndexer, addResourceCount } from './resources/extensions';
import { resourceThreadSubject } from './resources/thread-subject';
import { addPostIndexer, addThreadSubject, addPostCount } from './discussions/extensions';
import { addResourceText, indexPost, unindexPost, indexResource } from './search/indexer';

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
 * the PD-hours line of a confirmed attendance.
 */
export const activityListeners: Array<[name: string, listener: ActivityListener]> = [
  ['notifications.coverage', notifyForActivity],
  ['participation.score', queueScoreForActivity],
  ['pd.attendance', applyAttendance],
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

/**
 * What features add to threads, posts and resources they do not own: a resource's comment thread
 * is seen and shown where the resource is; search indexes every post and resource as it changes;
 * value stories are counted on each post and resource. So discussions and resources name neither
 * search nor stories, and discussions does not name resources.
 */
function installSharingExtensions(): void {
  addThreadSubject('resource', resourceThreadSubject);
  addPostIndexer('search', { index: indexPost, remove: unindexPost });
  addResourceIndexer('search', indexResource);
  addPostCount('stories', (ids) => storyCounts('post', ids));
  addResourceCount('stories', (ids) => storyCounts('resource', ids));
}

/** Bind every model to the app's Sequelize instance, register the activity listeners, the gradebook's score sources and what features add to others' threads and resources (every process: web, worker, CLI). */
export function initModels(sequelize: Sequelize): void {
  for (const init of modelInits) init(sequelize);
  for (const [name, listener] of activityListeners) onActivity(name, listener);
  installScoreSources({ participation: participationScore, pd_hours: pdHoursScore });
  installResourceExtensions();
  installSharingExtensions();
}
