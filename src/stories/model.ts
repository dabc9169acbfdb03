import { DataTypes, Model, type Sequelize } from 'sequelize';

/** The value cycles a story can show (immediate and potential value are measured, not told). */
export const STORY_CYCLES = ['applied', 'realized', 'reframing'] as const;
export type StoryCycle = (typeof STORY_CYCLES)[number];
/** What a story is about: a post (any thread's) or a resource. */
export const STORY_SUBJECTS = ['post', 'resource'] as const;
export type StorySubjectType = (typeof STORY_SUBJECTS)[number];

/** A member's account of the value a contribution had for them (Wenger, Trayner & de Laat, 2011). */
export class ValueStory extends Model {
  declare id: number;
  declare communityId: number;
  declare membershipId: number;
  declare authorId: number;
  declare subjectType: StorySubjectType;
  declare subjectId: number;
  declare cycle: StoryCycle;
  declare bodyMd: string;
  declare bodyHtml: string;
  declare evidence: string | null;
  declare evidenceFileKey: string | null;
  declare evidenceFileName: string | null;
  declare evidenceFileType: string | null;
  declare evidenceFileSize: number | null;
  declare deletedAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Bind the value-story model. */
export function initStoryModels(sequelize: Sequelize): void {
  ValueStory.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: false },
      subjectType: { type: DataTypes.STRING(16), allowNull: false },
      subjectId: { type: DataTypes.INTEGER, allowNull: false },
      cycle: { type: DataTypes.STRING(16), allowNull: false },
      bodyMd: { type: DataTypes.TEXT, allowNull: false },
      bodyHtml: { type: DataTypes.TEXT, allowNull: false },
      evidence: DataTypes.STRING(200),
      evidenceFileKey: DataTypes.STRING(64),
      evidenceFileName: DataTypes.STRING(255),
      evidenceFileType: DataTypes.STRING(128),
      evidenceFileSize: DataTypes.INTEGER,
      deletedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'value_stories', underscored: true },
  );
}

/** How many stories are told on each of these contributions (one query), for "Value stories (n)" links. */
export async function storyCounts(subjectType: StorySubjectType, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = (await ValueStory.findAll({
    attributes: ['subjectId', [ValueStory.sequelize!.fn('COUNT', ValueStory.sequelize!.col('id')), 'n']],
    where: { subjectType, subjectId: ids, deletedAt: null },
    group: ['subjectId'],
    raw: true,
  })) as unknown as Array<{ subjectId: number; n: number | string }>;
  return new Map(rows.map((r) => [Number(r.subjectId), Number(r.n)]));
}
