import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';

/**
 * The decision rules a charter may allow. The charter names them and governance applies them
 * (governance/rules.ts): governance builds on the charter, never the reverse.
 */
export type DecisionRule = 'consent' | 'consensus' | 'majority' | 'poll';
export const DECISION_RULES: DecisionRule[] = ['consent', 'consensus', 'majority', 'poll'];

/** The decision rules a charter allows, and the quorum its majority votes need. */
export interface CharterRules {
  rules: DecisionRule[];
  /** Percent of the active roster that must take part in a majority vote. */
  quorum: number;
  /**
   * What a member's contributions become when they are erased on request: their choice (removed
   * or kept under "former member"), or always kept (the community's record). Absent: their choice.
   */
  erasure?: 'choice' | 'keep';
}

/** One version of a community's charter: who proposed it and (after the first) which decision adopted it. */
export class CharterVersion extends Model {
  declare id: number;
  declare communityId: number;
  declare version: number;
  declare body: string;
  declare rules: CharterRules;
  declare proposedBy: number | null;
  declare proposalId: number | null;
  declare createdAt: Date;
}

/** A membership's acknowledgement of one charter version (the latest one decides the banner). */
export class CharterAcknowledgement extends Model {
  declare id: number;
  declare communityId: number;
  declare membershipId: number;
  declare charterVersionId: number;
  declare createdAt: Date;
}

export function initCharterModels(sequelize: Sequelize): void {
  CharterVersion.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      rules: jsonText('rules', { rules: ['consent'], quorum: 50 } as CharterRules),
      proposedBy: DataTypes.INTEGER,
      proposalId: DataTypes.INTEGER,
    },
    { sequelize, tableName: 'charter_versions', underscored: true },
  );
  CharterAcknowledgement.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      charterVersionId: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'charter_acknowledgements', underscored: true, updatedAt: false },
  );
}
