import { DataTypes, Model, type Sequelize } from 'sequelize';
import { Cohort } from '../kernel/community';

/** Where a cohort's sync stands; `stopped` = the NRPS link answered 404. */
export type RosterSyncState = 'idle' | 'queued' | 'running' | 'ok' | 'failed' | 'stopped';
/** What started a sync (recorded in the activity log). */
export type RosterTrigger = 'manual' | 'launch' | 'schedule' | 'cli';

/** What one sync did: the summary shown to facilitators and written to the activity log. */
export interface RosterSyncResult {
  mode: 'full' | 'differences';
  pages: number;
  members: number;
  added: number;
  reactivated: number;
  updated: number;
  deactivated: number;
  errors: number;
  error?: string;
}

/**
 * A cohort's roster sync state (one row per cohort): lease, differences link, backoff, progress
 * and last result. The lease row is what makes several workers on one database safe.
 */
export class RosterSync extends Model {
  declare id: number;
  declare cohortId: number;
  declare communityId: number;
  declare state: RosterSyncState;
  declare trigger: RosterTrigger | null;
  declare requestedAt: Date | null;
  declare requestedBy: number | null;
  declare leaseOwner: string | null;
  declare leaseUntil: Date | null;
  declare attempts: number;
  declare nextAttemptAt: Date | null;
  declare differencesUrl: string | null;
  declare fullSyncedAt: Date | null;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;
  declare pagesRead: number;
  declare membersRead: number;
  declare lastResult: RosterSyncResult | null;
  declare lastError: string | null;
  declare lastErrorDetail: string | null;
  declare stoppedUrl: string | null;
}

/** Bind the roster sync model (and its association with cohorts) to the app's Sequelize. */
export function initRosterModels(sequelize: Sequelize): void {
  RosterSync.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      cohortId: { type: DataTypes.INTEGER, allowNull: false },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      state: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'idle' },
      trigger: DataTypes.STRING(16),
      requestedAt: DataTypes.DATE,
      requestedBy: DataTypes.INTEGER,
      leaseOwner: DataTypes.STRING(64),
      leaseUntil: DataTypes.DATE,
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: DataTypes.DATE,
      differencesUrl: DataTypes.STRING(1024),
      fullSyncedAt: DataTypes.DATE,
      startedAt: DataTypes.DATE,
      finishedAt: DataTypes.DATE,
      pagesRead: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      membersRead: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastResult: {
        type: DataTypes.TEXT,
        get(this: RosterSync) {
          const raw = this.getDataValue('lastResult') as unknown;
          return typeof raw === 'string' && raw ? (JSON.parse(raw) as RosterSyncResult) : null;
        },
        set(this: RosterSync, v: RosterSyncResult | null) {
          this.setDataValue('lastResult', (v ? JSON.stringify(v) : null) as never);
        },
      },
      lastError: DataTypes.STRING(32),
      lastErrorDetail: DataTypes.STRING(1024),
      stoppedUrl: DataTypes.STRING(1024),
    },
    { sequelize, tableName: 'roster_syncs', underscored: true },
  );
  RosterSync.belongsTo(Cohort, { foreignKey: 'cohortId', as: 'cohort' });
  Cohort.hasOne(RosterSync, { foreignKey: 'cohortId', as: 'rosterSync' });
}
