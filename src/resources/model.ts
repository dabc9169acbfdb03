import { DataTypes, Model, type Sequelize } from 'sequelize';

export type ResourceKind = 'link' | 'video' | 'file' | 'clip';
export const RESOURCE_KINDS: ResourceKind[] = ['link', 'video', 'file', 'clip'];

/**
 * Who sees a resource: everyone in the community (null or 'community'), facilitators, or chosen
 * members (resource_viewers). The author always does.
 */
export type ResourceVisibility = 'community' | 'facilitators' | 'members';
export const RESOURCE_VISIBILITIES: ResourceVisibility[] = ['community', 'members', 'facilitators'];

/** A shared resource: a link, a video link, an uploaded file or a video clip (src/video/), with its comment thread. */
export class Resource extends Model {
  declare id: number;
  declare communityId: number;
  declare authorId: number | null;
  declare threadId: number | null;
  declare kind: ResourceKind;
  declare title: string;
  declare url: string | null;
  declare descriptionMd: string;
  declare descriptionHtml: string;
  declare textLength: number;
  declare audience: string | null;
  declare visibility: ResourceVisibility | null;
  /** The chosen members' membership ids, when visibility is 'members' (loaded by loadResource; not a column). */
  declare viewerIds?: number[];
  declare fileKey: string | null;
  declare fileName: string | null;
  declare fileType: string | null;
  declare fileSize: number | null;
  declare endorsementCount: number;
  declare deletedAt: Date | null;
  declare hiddenAt: Date | null;
  declare hiddenBy: number | null;
  declare hiddenReason: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** A chosen member who may see a resource whose visibility is 'members' (resources/visibility.ts). */
export class ResourceViewer extends Model {
  declare id: number;
  declare resourceId: number;
  declare membershipId: number;
}

/** "I used this": one per member and resource. */
export class ResourceEndorsement extends Model {
  declare id: number;
  declare resourceId: number;
  declare userId: number;
}

export function initResourceModels(sequelize: Sequelize): void {
  Resource.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: DataTypes.INTEGER,
      threadId: DataTypes.INTEGER,
      kind: { type: DataTypes.STRING(16), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      url: DataTypes.STRING(2048),
      descriptionMd: { type: DataTypes.TEXT('medium'), allowNull: false },
      descriptionHtml: { type: DataTypes.TEXT('medium'), allowNull: false },
      textLength: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      audience: DataTypes.STRING(120),
      visibility: DataTypes.STRING(16),
      fileKey: DataTypes.STRING(100),
      fileName: DataTypes.STRING(255),
      fileType: DataTypes.STRING(100),
      fileSize: DataTypes.INTEGER,
      endorsementCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deletedAt: DataTypes.DATE,
      hiddenAt: DataTypes.DATE,
      hiddenBy: DataTypes.INTEGER,
      hiddenReason: DataTypes.STRING(500),
    },
    { sequelize, tableName: 'resources', underscored: true },
  );
  ResourceEndorsement.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      resourceId: { type: DataTypes.INTEGER, allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'resource_endorsements', underscored: true, updatedAt: false },
  );
  ResourceViewer.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      resourceId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'resource_viewers', underscored: true, updatedAt: false },
  );
}
