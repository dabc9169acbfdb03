import { DataTypes, Model, type Sequelize } from 'sequelize';

export type SearchKind = 'discussion' | 'knowledge' | 'journal' | 'resource' | 'problem';
export const SEARCH_KINDS: SearchKind[] = ['discussion', 'knowledge', 'journal', 'resource', 'problem'];

/** One searchable text (a post or a resource). The full-text index over it is per dialect (migration 1070). */
export class SearchDocument extends Model {
  declare id: number;
  declare communityId: number;
  declare docKey: string;
  declare kind: SearchKind;
  declare threadId: number | null;
  declare postId: number | null;
  declare resourceId: number | null;
  declare privateTo: number | null;
  declare title: string;
  declare body: string;
  declare createdAt: Date;
}

export function initSearchModels(sequelize: Sequelize): void {
  SearchDocument.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      docKey: { type: DataTypes.STRING(40), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      threadId: DataTypes.INTEGER,
      postId: DataTypes.INTEGER,
      resourceId: DataTypes.INTEGER,
      privateTo: DataTypes.INTEGER,
      title: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '' },
      body: { type: DataTypes.TEXT('medium'), allowNull: false },
    },
    { sequelize, tableName: 'search_documents', underscored: true },
  );
}
