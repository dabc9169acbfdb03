import { DataTypes, Model, type Sequelize } from 'sequelize';

/** Why a member flags a post for the facilitators. */
export const FLAG_REASONS = ['disrespectful', 'off_topic', 'private_info', 'spam', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** A member's flag on a post: open until a facilitator hides the post or dismisses the flag. One per (post, member). */
export class PostFlag extends Model {
  declare id: number;
  declare communityId: number;
  declare postId: number;
  declare membershipId: number;
  declare reason: FlagReason;
  declare note: string | null;
  declare resolvedAt: Date | null;
  declare resolvedBy: number | null;
  declare resolution: 'hidden' | 'dismissed' | null;
  declare createdAt: Date;
}

export function initFlagModels(sequelize: Sequelize): void {
  PostFlag.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      postId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.STRING(16), allowNull: false },
      note: DataTypes.STRING(500),
      resolvedAt: DataTypes.DATE,
      resolvedBy: DataTypes.INTEGER,
      resolution: DataTypes.STRING(16),
    },
    { sequelize, tableName: 'post_flags', underscored: true, updatedAt: false },
  );
}
