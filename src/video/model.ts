import { DataTypes, Model, type Sequelize } from 'sequelize';

/** An uploaded video clip (a resource of kind 'clip'): when its owner confirmed consent, its poster image. */
export class VideoClip extends Model {
  declare id: number;
  declare resourceId: number;
  declare consentAt: Date;
  declare posterKey: string | null;
  declare posterType: string | null;
}

/** A clip's WebVTT captions in one language, and their text (transcript, search). */
export class VideoCaption extends Model {
  declare id: number;
  declare resourceId: number;
  declare lang: 'fr' | 'en';
  declare fileKey: string;
  declare text: string;
  declare updatedAt: Date;
}

/** A comment pinned to a moment of a clip, or a reply to one (parentId; same moment). */
export class VideoComment extends Model {
  declare id: number;
  declare communityId: number;
  declare resourceId: number;
  declare authorId: number | null;
  declare parentId: number | null;
  declare atSeconds: number;
  declare body: string;
  declare deletedAt: Date | null;
  declare createdAt: Date;
}

export function initVideoModels(sequelize: Sequelize): void {
  VideoClip.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      resourceId: { type: DataTypes.INTEGER, allowNull: false },
      consentAt: { type: DataTypes.DATE, allowNull: false },
      posterKey: DataTypes.STRING(100),
      posterType: DataTypes.STRING(100),
    },
    { sequelize, tableName: 'video_clips', underscored: true },
  );
  VideoCaption.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      resourceId: { type: DataTypes.INTEGER, allowNull: false },
      lang: { type: DataTypes.STRING(8), allowNull: false },
      fileKey: { type: DataTypes.STRING(100), allowNull: false },
      text: { type: DataTypes.TEXT('medium'), allowNull: false },
    },
    { sequelize, tableName: 'video_captions', underscored: true },
  );
  VideoComment.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      resourceId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: DataTypes.INTEGER,
      parentId: DataTypes.INTEGER,
      atSeconds: { type: DataTypes.INTEGER, allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      deletedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'video_comments', underscored: true },
  );
}
