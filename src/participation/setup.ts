import type { Sequelize } from 'sequelize';
import { initParticipationModels } from './model';
import { registerParticipationListener } from './listener';

/** Bind the participation models and register the activity listener (every process: web, worker, CLI). */
export function initParticipation(sequelize: Sequelize): void {
  initParticipationModels(sequelize);
  registerParticipationListener();
}
