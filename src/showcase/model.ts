import { DataTypes, Model, type Sequelize } from 'sequelize';

/** What can be shown publicly: resources, syntheses (rise-above notes), solved problems, value stories. */
export const SHOWCASE_TYPES = ['resource', 'rise_above', 'problem', 'story'] as const;
export type ShowcaseType = (typeof SHOWCASE_TYPES)[number];
/** The author's answer: show it with my name, without it, or not at all. */
export const CONSENTS = ['named', 'anonymous', 'declined'] as const;
export type Consent = (typeof CONSENTS)[number];
export type ShowcaseStatus = 'proposed' | 'published' | 'unpublished';

/** A community's public showcase (/p/:slug). */
export class Showcase extends Model {
  declare id: number;
  declare communityId: number;
  declare slug: string;
  declare indexable: boolean;
}

/** One contribution proposed for the showcase, its author's consent and its state. */
export class ShowcaseItem extends Model {
  declare id: number;
  declare communityId: number;
  declare subjectType: ShowcaseType;
  declare subjectId: number;
  declare authorId: number;
  declare proposedBy: number | null;
  declare consent: Consent | null;
  declare consentAt: Date | null;
  declare status: ShowcaseStatus;
  declare publishedAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Bind the showcase models. */
export function initShowcaseModels(sequelize: Sequelize): void {
  Showcase.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      slug: { type: DataTypes.STRING(64), allowNull: false },
      indexable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    { sequelize, tableName: 'showcases', underscored: true },
  );
  ShowcaseItem.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      subjectType: { type: DataTypes.STRING(16), allowNull: false },
      subjectId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: false },
      proposedBy: DataTypes.INTEGER,
      consent: DataTypes.STRING(16),
      consentAt: DataTypes.DATE,
      status: { type: DataTypes.STRING(16), allowNull: false },
      publishedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'showcase_items', underscored: true },
  );
}
