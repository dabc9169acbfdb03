import { DataTypes, Model, type Sequelize } from 'sequelize';

/** The community's introductions thread, created by the first newcomer who introduces themself. */
export class CommunityIntroduction extends Model {
  declare communityId: number;
  declare threadId: number;
}

export function initOnboardingModels(sequelize: Sequelize): void {
  CommunityIntroduction.init(
    { communityId: { type: DataTypes.INTEGER, primaryKey: true }, threadId: { type: DataTypes.INTEGER, allowNull: false } },
    { sequelize, tableName: 'community_introductions', underscored: true, timestamps: false },
  );
}
