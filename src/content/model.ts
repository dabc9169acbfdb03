import { DataTypes, Model, type Sequelize } from 'sequelize';

/** A tag of one community, shared by threads, journal entries and resources. */
export class Tag extends Model {
  declare id: number;
  declare communityId: number;
  declare slug: string;
  declare label: string;
  /** The same tag in the other language, when a facilitator linked them. */
  declare pairId: number | null;
}

/** What a tag is on: subject_type 'thread' (discussions, knowledge, journal) or 'resource'. */
export class Tagging extends Model {
  declare id: number;
  declare communityId: number;
  declare tagId: number;
  declare subjectType: TaggableType;
  declare subjectId: number;
  declare tag?: Tag;
}

export type TaggableType = 'thread' | 'resource';

/** A user's own time zone, when they chose one (else they follow their community's: zone.ts). */
export class UserTimeZone extends Model {
  declare userId: number;
  declare timeZone: string;
}

export function initContentModels(sequelize: Sequelize): void {
  Tag.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      slug: { type: DataTypes.STRING(64), allowNull: false },
      label: { type: DataTypes.STRING(64), allowNull: false },
      pairId: { type: DataTypes.INTEGER, allowNull: true },
    },
    { sequelize, tableName: 'tags', underscored: true },
  );
  Tagging.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      tagId: { type: DataTypes.INTEGER, allowNull: false },
      subjectType: { type: DataTypes.STRING(16), allowNull: false },
      subjectId: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'taggings', underscored: true, updatedAt: false },
  );
  Tagging.belongsTo(Tag, { foreignKey: 'tagId', as: 'tag' });
  UserTimeZone.init(
    { userId: { type: DataTypes.INTEGER, primaryKey: true }, timeZone: { type: DataTypes.STRING(64), allowNull: false } },
    { sequelize, tableName: 'user_time_zones', underscored: true },
  );
}
