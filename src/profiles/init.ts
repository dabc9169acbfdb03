import type { Sequelize } from 'sequelize';
import { initProfileModels } from './model';
import { initProblemModels } from '../problems/model';
import { initMentoringModels } from '../mentoring/model';
import { initOnboardingModels } from '../onboarding/model';

/** Models of the learning and solving features (profiles, follows, problems, mentoring, onboarding): one line in db/models.ts. */
export function initPeopleModels(sequelize: Sequelize): void {
  initProfileModels(sequelize);
  initProblemModels(sequelize);
  initMentoringModels(sequelize);
  initOnboardingModels(sequelize);
}
