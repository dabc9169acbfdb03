import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { directoryRoutes } from '../directory/routes';
import { profileRoutes } from './routes';
import { problemRoutes } from '../problems/routes';
import { mentoringRoutes } from '../mentoring/routes';
import { onboardingRoutes } from '../onboarding/routes';

/** The learning and solving features (issue #4), one line in src/routes.ts. Directory first: /people before /people/:id. */
export const PEOPLE_ROUTERS = [directoryRoutes, profileRoutes, problemRoutes, mentoringRoutes, onboardingRoutes];

export function peopleRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  for (const make of PEOPLE_ROUTERS) r.use(make(config, sequelize));
  return r;
}
