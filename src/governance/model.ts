import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';
import type { PollMode, Outcome } from './rules';
import type { CharterRules, DecisionRule } from '../charter/model';

export type ProposalKind = 'decision' | 'amendment' | 'poll';
export type ProposalStatus = 'open' | 'closing' | 'adopted' | 'rejected' | 'closed';
export interface PollOption {
  key: string;
  label: string;
}
export interface Amendment {
  body: string;
  rules: CharterRules;
}

/** A proposal put to the community: a decision, a charter amendment or a poll. */
export class Proposal extends Model {
  declare id: number;
  declare communityId: number;
  declare openedBy: number | null;
  declare kind: ProposalKind;
  declare title: string;
  declare body: string;
  declare rule: DecisionRule;
  declare quorumPercent: number | null;
  declare pollMode: PollMode | null;
  declare options: PollOption[];
  declare anonymous: boolean;
  declare amendment: Amendment | null;
  declare baseVersion: number | null;
  declare deadline: Date;
  declare status: ProposalStatus;
  declare outcome: (Outcome & { charterVersion?: number }) | null;
  declare decidedAt: Date | null;
  /** When the "voting closes soon" reminder was claimed (src/governance/closing-soon.ts); null = not yet. */
  declare closingNotifiedAt: Date | null;
  declare createdAt: Date;
}

/** A named vote: one row per (proposal, membership), changed in place until the deadline. */
export class Vote extends Model {
  declare id: number;
  declare proposalId: number;
  declare membershipId: number;
  declare choice: string;
  declare reason: string | null;
  declare updatedAt: Date;
}

/** Anonymous votes, part 1: who took part (never what they chose). */
export class ProposalVoter extends Model {
  declare proposalId: number;
  declare membershipId: number;
}

/** Anonymous votes, part 2: what was chosen (never by whom); id = HMAC(secret, proposal, membership). */
export class ProposalBallot extends Model {
  declare id: string;
  declare proposalId: number;
  declare choice: string;
  declare reason: string | null;
}

export function initGovernanceModels(sequelize: Sequelize): void {
  Proposal.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      openedBy: DataTypes.INTEGER,
      kind: { type: DataTypes.STRING(16), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      rule: { type: DataTypes.STRING(16), allowNull: false },
      quorumPercent: DataTypes.INTEGER,
      pollMode: DataTypes.STRING(16),
      options: jsonText('options', [] as PollOption[]),
      anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      amendment: { ...jsonText('amendment', null as Amendment | null), allowNull: true, defaultValue: null },
      baseVersion: DataTypes.INTEGER,
      deadline: { type: DataTypes.DATE, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'open' },
      outcome: { ...jsonText('outcome', null as Proposal['outcome']), allowNull: true, defaultValue: null },
      decidedAt: DataTypes.DATE,
      closingNotifiedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'proposals', underscored: true },
  );
  Vote.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      proposalId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      choice: { type: DataTypes.STRING(1000), allowNull: false },
      reason: DataTypes.TEXT,
    },
    { sequelize, tableName: 'votes', underscored: true, indexes: [{ unique: true, fields: ['proposal_id', 'membership_id'], name: 'votes_proposal_member_uq' }] },
  );
  ProposalVoter.init(
    {
      proposalId: { type: DataTypes.INTEGER, primaryKey: true },
      membershipId: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, tableName: 'proposal_voters', underscored: true, timestamps: false },
  );
  ProposalBallot.init(
    {
      id: { type: DataTypes.CHAR(64), primaryKey: true },
      proposalId: { type: DataTypes.INTEGER, allowNull: false },
      choice: { type: DataTypes.STRING(1000), allowNull: false },
      reason: DataTypes.TEXT,
    },
    { sequelize, tableName: 'proposal_ballots', underscored: true, timestamps: false },
  );
}
