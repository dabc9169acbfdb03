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
import { installProposalTitles } from './charter/presenters';
import { proposalTitles } from './governance/presenters';
import { governanceHomeHook } from './meetings/home-section';
import { bellHook } from './notifications/bell';
import { peopleHomeHook } from './onboarding/home';
import { facilitationHomeHook } from './facilitation/home';
import { lengthRuleHook } from './participation/length-hint';
import { initPlatformModels } from './kernel/platform';
import { initUserModels } from './users/model';
import { initCommunityModels } from './kernel/community';
import { initActivityModels, recordActivity } from './activity/model';
import { initSessionModels } from './sessions/model';
import { initDraftModels } from './drafts/model';
import { initLoginModels } from './lti/login-model';
import { initRosterModels } from './lms/model';
import { installRosterLog } from './lms/roster-log';
import { initGovernanceModels } from './governance/model';
import { initCharterModels } from './charter/model';
import { initMeetingModels } from './meetings/model';
import { initNotificationModels } from './notifications/model';
import { coverageListener, type CoverageRow } from './notifications/coverage';
import { installLinkExcerpt } from './notifications/email';
import { discussionCoverage, postExcerpt } from './discussions/notify';
import { problemCoverage } from './problems/coverage';
import { mentoringCoverage } from './mentoring/coverage';
import { governanceCoverage } from './governance/coverage';
import { meetingCoverage } from './meetings/coverage';
import { pdCoverage } from './pd/coverage';
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
import { markRowsStale } from './participation/stored';
import { initPdModels } from './pd/model';
import { initAttestationModels } from './pd/attestation';
import { applyAttendance } from './pd/ledger';
import { addToDaily, addRowsToDaily } from './analytics/daily';
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
import { onResourceWithdrawn } from './resources/extensions';
import { addResourceText } from './search/indexer';
import { addItemTitle } from './sessions/resume';
import { threadTitle, postTitle } from './discussions/item-titles';
import { resourceTitle } from './resources/item-title';
import { addResourceIndexer, addResourceCount } from './resources/extensions';
import { resourceThreadSubject } from './resources/thread-subject';
import { addPostIndexer, addThreadSubject, addPostCount } from './discussions/extensions';
import { indexPost, unindexPost, indexResource } from './search/indexer';

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
 * Who is told of what (notifications/coverage.ts): one table, each feature's rows declared next to
 * its code. The rows marked 'listener' are delivered by the notification coverage listener below.
 */
export const notificationCoverage: readonly CoverageRow[] = [
  ...discussionCoverage,
  ...problemCoverage,
  ...mentoringCoverage,
  ...governanceCoverage,
  ...meetingCoverage,
  ...pdCoverage,
];

/**
 * Who reacts to an activity, in the order they run (inside the activity's transaction,
 * `activity/listeners.ts`): the notification coverage table, the participation score to resend,
 * the PD-hours line of a confirmed attendance, the dashboard's daily roll-ups.
 */
export const activityListeners: Array<[name: string, listener: ActivityListener]> = [
  ['notifications.coverage', coverageListener(notificationCoverage)],
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

/**
 * What a feature needs of one built on it, asked through a function the higher one registers: the
 * charter's history names the proposals that adopted its versions (governance builds on the
 * charter); a notification's e-mail quotes the post it is about (features build on notifications).
 */
function installLookups(): void {
  installProposalTitles(proposalTitles);
  installLinkExcerpt(postExcerpt);
}

/**
 * The titles a permanent link's hint shows, by the kind in its address (`sessions/resume.ts`):
 * problems are threads. Journal entries, proposals and meetings are named by their kind alone.
 */
function installItemTitles(): void {
  addItemTitle('threads', threadTitle);
  addItemTitle('problems', threadTitle);
  addItemTitle('posts', postTitle);
  addItemTitle('resources', resourceTitle);
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

/** Bind every model to the app's Sequelize instance, register the activity listeners, the roster syncs' activity log, the gradebook's score sources, what features add to resources and to others' threads, the lookups between features and the permanent links' titles (every process: web, worker, CLI). */
export function initModels(sequelize: Sequelize): void {
  for (const init of modelInits) init(sequelize);
  for (const [name, listener] of activityListeners) onActivity(name, listener);
  installRosterLog(recordActivity);
  // Rows written in bulk (seeds, imports) notify nobody, but the roll-ups must still count them and stored points go stale.
  onActivityRows('analytics.daily', (rows, transaction) => addRowsToDaily(sequelize, rows, transaction));
  onActivityRows('participation.points', (rows, transaction) => markRowsStale(rows, transaction));
  installScoreSources({ participation: participationScore, pd_hours: pdHoursScore });
  installResourceExtensions();
  installLookups();
  installItemTitles();
  installSharingExtensions();
}
