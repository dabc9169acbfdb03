import type { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import { communityRoutes } from './communities/routes';
import { communitySettingsRoutes } from './communities/settings-routes';
import { deepLinkingRoutes } from './communities/deep-linking-routes';
import { membersRoutes } from './members/routes';
import { charterRoutes } from './charter/routes';
import { governanceRoutes } from './governance/routes';
import { meetingRoutes } from './meetings/routes';
import { notificationRoutes } from './notifications/routes';
import { discussionRoutes } from './discussions/routes';
import { journalRoutes } from './journal/routes';
import { resourceRoutes } from './resources/routes';
import { videoRoutes } from './video/routes';
import { searchRoutes } from './search/routes';
import { participationRoutes } from './participation/routes';
import { pdRoutes } from './pd/routes';
import { directoryRoutes } from './directory/routes';
import { profileRoutes } from './profiles/routes';
import { problemRoutes } from './problems/routes';
import { mentoringRoutes } from './mentoring/routes';
import { onboardingRoutes } from './onboarding/routes';
import { analyticsRoutes } from './analytics/routes';
import { previewRoutes } from './discussions/preview-routes';
import { shortcutRoutes } from './web/shortcuts';
import { sessionRoutes } from './web/session-routes';
import { draftRoutes } from './drafts/routes';
import { storyRoutes } from './stories/routes';
import { valueRoutes } from './value/routes';
import { institutionValueRoutes } from './value/institution-routes';
import { showcaseRoutes } from './showcase/routes';
import { showcasePublicRoutes } from './showcase/public-routes';
import { privacyRoutes } from './privacy/routes';
import { noticeRoutes } from './privacy/notice';
import { facilitationRoutes } from './facilitation/routes';

/** The learning and solving features (issue #4). Directory first: /people before /people/:id. */
export const PEOPLE_ROUTERS = [directoryRoutes, profileRoutes, problemRoutes, mentoringRoutes, onboardingRoutes];

/** Every feature's router, in mount order. A new feature adds one line here. */
export function featureRouters(config: Config, sequelize: Sequelize): Router[] {
  return [
    // The public showcase: no session (DESIGN.md, public pages).
    showcasePublicRoutes(config),
    // Notifications first: their "open CoPeR from your course" page answers session-less /c/… links (e-mails).
    notificationRoutes(config, sequelize),
    sessionRoutes(config, sequelize),
    draftRoutes(config, sequelize),
    communityRoutes(config, sequelize),
    communitySettingsRoutes(config, sequelize),
    deepLinkingRoutes(config, sequelize),
    discussionRoutes(config, sequelize),
    journalRoutes(config, sequelize),
    resourceRoutes(config, sequelize),
    videoRoutes(config, sequelize),
    searchRoutes(config, sequelize),
    membersRoutes(config, sequelize),
    charterRoutes(config, sequelize),
    governanceRoutes(config, sequelize),
    meetingRoutes(config, sequelize),
    participationRoutes(config, sequelize),
    pdRoutes(config, sequelize),
    ...PEOPLE_ROUTERS.map((make) => make(config, sequelize)),
    analyticsRoutes(config, sequelize),
    previewRoutes(config, sequelize),
    shortcutRoutes(config),
    storyRoutes(config, sequelize),
    valueRoutes(config, sequelize),
    institutionValueRoutes(config),
    showcaseRoutes(config, sequelize),
    privacyRoutes(config, sequelize),
    noticeRoutes(config),
    facilitationRoutes(config, sequelize),
  ];
}
