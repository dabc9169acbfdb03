import type { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import { communityRoutes } from './communities/routes';
import { deepLinkingRoutes } from './lti/deep-linking-routes';
import { membersRoutes } from './members/routes';
import { participationRoutes } from './participation/routes';
import { pdRoutes } from './pd/routes';

/** Every feature's router, in mount order. A new feature adds one line here. */
export function featureRouters(config: Config, sequelize: Sequelize): Router[] {
  return [communityRoutes(config, sequelize), deepLinkingRoutes(config, sequelize), membersRoutes(config, sequelize), participationRoutes(config, sequelize), pdRoutes(config, sequelize)];
}
