import type { Sequelize } from 'sequelize';
import { initNotificationModels } from './model';
import { registerNotificationListener } from './coverage';

/** Bind the notification models and register the listener that delivers the coverage table's events (every process). */
export function initNotifications(sequelize: Sequelize): void {
  initNotificationModels(sequelize);
  registerNotificationListener();
}
