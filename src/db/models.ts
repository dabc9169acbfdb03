import type { Sequelize } from 'sequelize';
import { initPlatformModels } from '../platforms/model';
import { initUserModels } from '../users/model';
import { initCommunityModels } from '../communities/model';
import { initActivityModels } from '../activity/model';
import { initSessionModels } from '../sessions/model';
import { initDraftModels } from '../drafts/model';
import { initLoginModels } from '../lti/login-model';
import { initRosterModels } from '../lms/model';
import { initGovernanceModels } from '../governance/model';
import { initCharterModels } from '../charter/model';
import { initMeetingModels } from '../meetings/model';
import { initNotifications } from '../notifications/setup';
import { initSharingModels } from '../content/init';
import { initParticipation } from '../participation/setup';
import { initPd } from '../pd/setup';
import { initPeopleModels } from '../profiles/init';
import { initStoryModels } from '../stories/model';
import { initShowcaseModels } from '../showcase/model';
import { initPrivacyModels } from '../privacy/model';
import { initFacilitationModels } from '../facilitation/model';

/** Bind every model to the app's Sequelize instance. A new feature adds its init here. */
export function initModels(sequelize: Sequelize): void {
  initPlatformModels(sequelize);
  initUserModels(sequelize);
  initCommunityModels(sequelize);
  initActivityModels(sequelize);
  initSessionModels(sequelize);
  initLoginModels(sequelize);
  initRosterModels(sequelize);
  initGovernanceModels(sequelize);
  initCharterModels(sequelize);
  initMeetingModels(sequelize);
  initNotifications(sequelize);
  initSharingModels(sequelize);
  initParticipation(sequelize);
  initPd(sequelize);
  initPeopleModels(sequelize);
  initDraftModels(sequelize);
  initStoryModels(sequelize);
  initShowcaseModels(sequelize);
  initPrivacyModels(sequelize);
  initFacilitationModels(sequelize);
}
