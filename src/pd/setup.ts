import type { Sequelize } from 'sequelize';
import { initPdModels } from './model';
import { registerPdListener } from './ledger';
import { initAttestationModels } from './attestation';

/** Bind the PD ledger model and register its attendance listener (every process). */
export function initPd(sequelize: Sequelize): void {
  initPdModels(sequelize);
  initAttestationModels(sequelize);
  registerPdListener();
}
