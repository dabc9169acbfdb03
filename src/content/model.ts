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
}
