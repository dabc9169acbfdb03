import { DataTypes, Model, type Sequelize } from 'sequelize';

export type ProblemStatus = 'open' | 'in_progress' | 'solved' | 'archived';
export const PROBLEM_STATUSES: ProblemStatus[] = ['open', 'in_progress', 'solved', 'archived'];
export type ProblemAudience = 'community' | 'chosen';

/** What a problem thread has that a thread has not: status, what was tried/needed, the accepted lead, the outcome. */
export class Problem extends Model {
  declare id: number;
  declare communityId: number;
  declare threadId: number;
  declare authorMembershipId: number;
  declare status: ProblemStatus;
  declare audience: ProblemAudience;
  declare triedMd: string;
  declare triedHtml: string;
  declare neededMd: string;
  declare neededHtml: string;
  declare acceptedPostId: number | null;
  declare resolutionMd: string | null;
  declare resolutionHtml: string | null;
  declare solvedAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** A member the author asked directly. */
export class ProblemAddressee extends Model {
  declare id: number;
  declare problemId: number;
  declare membershipId: number;
}

/** A lead the author marked as having helped. */
export class HelpfulLead extends Model {
  declare id: number;
  declare problemId: number;
  declare postId: number;
}

const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const int = () => ({ type: DataTypes.INTEGER, allowNull: false });

export function initProblemModels(sequelize: Sequelize): void {
  Problem.init(
    {
      id: pk(),
      communityId: int(),
      threadId: int(),
      authorMembershipId: int(),
      status: { type: DataTypes.STRING(16), allowNull: false },
      audience: { type: DataTypes.STRING(16), allowNull: false },
      triedMd: { type: DataTypes.TEXT, allowNull: false },
      triedHtml: { type: DataTypes.TEXT, allowNull: false },
      neededMd: { type: DataTypes.TEXT, allowNull: false },
      neededHtml: { type: DataTypes.TEXT, allowNull: false },
      acceptedPostId: DataTypes.INTEGER,
      resolutionMd: DataTypes.TEXT,
      resolutionHtml: DataTypes.TEXT,
      solvedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'problems', underscored: true },
  );
  ProblemAddressee.init({ id: pk(), problemId: int(), membershipId: int() }, { sequelize, tableName: 'problem_addressees', underscored: true, updatedAt: false });
  HelpfulLead.init({ id: pk(), problemId: int(), postId: int() }, { sequelize, tableName: 'problem_helpful_leads', underscored: true, updatedAt: false });
}
