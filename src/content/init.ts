import type { Sequelize } from 'sequelize';
import { initContentModels } from './model';
import { initDiscussionModels } from '../discussions/model';
import { initResourceModels } from '../resources/model';
import { initSearchModels } from '../search/model';
import { initFlagModels } from '../discussions/flag-model';

/** Models of the sharing features (tags, threads and posts, resources, search documents): one line in db/models.ts. */
export function initSharingModels(sequelize: Sequelize): void {
  initContentModels(sequelize);
  initDiscussionModels(sequelize);
  initResourceModels(sequelize);
  initSearchModels(sequelize);
  initFlagModels(sequelize);
}
