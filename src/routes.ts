import type { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import { communityRoutes } from './communities/routes';
import { deepLinkingRoutes } from './lti/deep-linking-routes';
import { notificationRoutes } from './notifications/routes';

/** Every feature's router, in mount order. A new feature adds one line here. */
export function featureRouters(config: Config, sequelize: Sequelize): Router[] {
  // Notifications first: their "open CoPeR from your course" page answers session-less /c/… links (e-mails).
  return [notificationRoutes(config, sequelize), communityRoutes(config, sequelize), deepLinkingRoutes(config, sequelize)];
}
