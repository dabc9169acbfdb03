import { DataTypes, Model, type Sequelize } from 'sequelize';
import { User } from '../users/model';

/** discussion | knowledge (scaffolded) | journal (a practice-journal entry) | resource (a resource's comments) | problem (a problem request: its top-level posts are the solution leads, src/problems). */
export type ThreadKind = 'discussion' | 'knowledge' | 'journal' | 'resource' | 'problem';
export type Visibility = 'community' | 'private';
/** post | rise_above (a synthesis linking contributions); later lead, solution. */
export type PostKind = 'post' | 'rise_above';

/** A conversation of one community. Counters are kept by the services so lists never count rows. */
export class Thread extends Model {
  declare id: number;
  declare communityId: number;
  declare kind: ThreadKind;
  declare title: string;
  declare authorId: number | null;
  declare firstPostId: number | null;
  declare visibility: Visibility;
  declare sourceType: 'thread' | 'resource' | null;
  declare sourceId: number | null;
  declare pinned: boolean;
  declare locked: boolean;
  declare replyCount: number;
  declare lastPostAt: Date;
  declare lastPosterId: number | null;
  declare deletedAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** A contribution: Markdown source plus sanitized HTML. A deleted or hidden post keeps its place. */
export class Post extends Model {
  declare id: number;
  declare communityId: number;
  declare threadId: number;
  declare parentId: number | null;
  declare quotedPostId: number | null;
  declare authorId: number | null;
  declare kind: PostKind;
  declare scaffold: string | null;
  declare bodyMd: string;
  declare bodyHtml: string;
  declare textLength: number;
  declare editedAt: Date | null;
  declare deletedAt: Date | null;
  declare hiddenAt: Date | null;
  declare hiddenBy: number | null;
  declare hiddenReason: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare author?: User;
  declare thread?: Thread;
}

export class PostLink extends Model {
  declare id: number;
  declare postId: number;
  declare targetPostId: number;
}

export type ReactionKind = 'useful' | 'tried';
export const REACTION_KINDS: ReactionKind[] = ['useful', 'tried'];

export class Reaction extends Model {
  declare id: number;
  declare communityId: number;
  declare postId: number;
  declare userId: number;
  declare kind: ReactionKind;
  declare createdAt: Date;
}

export class ThreadFollow extends Model {
  declare id: number;
  declare threadId: number;
  declare userId: number;
}

/** Where a member stopped reading a thread (the highest post id they have seen). */
export class ThreadRead extends Model {
  declare id: number;
  declare threadId: number;
  declare userId: number;
  declare lastReadPostId: number;
}

export class Mention extends Model {
  declare id: number;
  declare postId: number;
  declare userId: number;
}

/** One line of the moderation audit trail (append-only). */
export class ModerationAction extends Model {
  declare id: number;
  declare communityId: number;
  declare actorId: number | null;
  declare action: string;
  declare subjectType: string;
  declare subjectId: number;
  declare reason: string | null;
  declare data: string | null;
  declare createdAt: Date;
}

/** A community's own knowledge-building scaffold. */
export class Scaffold extends Model {
  declare id: number;
  declare communityId: number;
  declare key: string;
  declare labelFr: string;
  declare labelEn: string;
  declare position: number;
  declare active: boolean;
}

const pk = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });

export function initDiscussionModels(sequelize: Sequelize): void {
  Thread.init(
    {
      id: pk,
      communityId: int(),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      authorId: int(true),
      firstPostId: int(true),
      visibility: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'community' },
      sourceType: DataTypes.STRING(16),
      sourceId: int(true),
      pinned: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      locked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      replyCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastPostAt: { type: DataTypes.DATE, allowNull: false },
      lastPosterId: int(true),
      deletedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'threads', underscored: true },
  );
  Post.init(
    {
      id: pk,
      communityId: int(),
      threadId: int(),
      parentId: int(true),
      quotedPostId: int(true),
      authorId: int(true),
      kind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'post' },
      scaffold: DataTypes.STRING(40),
      bodyMd: { type: DataTypes.TEXT('medium'), allowNull: false },
      bodyHtml: { type: DataTypes.TEXT('medium'), allowNull: false },
      textLength: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      editedAt: DataTypes.DATE,
      deletedAt: DataTypes.DATE,
      hiddenAt: DataTypes.DATE,
      hiddenBy: int(true),
      hiddenReason: DataTypes.STRING(500),
    },
    { sequelize, tableName: 'posts', underscored: true },
  );
  PostLink.init({ id: pk, postId: int(), targetPostId: int() }, { sequelize, tableName: 'post_links', underscored: true, updatedAt: false });
  Reaction.init(
    { id: pk, communityId: int(), postId: int(), userId: int(), kind: { type: DataTypes.STRING(16), allowNull: false } },
    { sequelize, tableName: 'reactions', underscored: true, updatedAt: false },
  );
  ThreadFollow.init({ id: pk, threadId: int(), userId: int() }, { sequelize, tableName: 'thread_follows', underscored: true, updatedAt: false });
  Mention.init({ id: pk, postId: int(), userId: int() }, { sequelize, tableName: 'mentions', underscored: true, updatedAt: false });
  ThreadRead.init({ id: pk, threadId: int(), userId: int(), lastReadPostId: int() }, { sequelize, tableName: 'thread_reads', underscored: true, createdAt: false });
  ModerationAction.init(
    {
      id: pk,
      communityId: int(),
      actorId: int(true),
      action: { type: DataTypes.STRING(32), allowNull: false },
      subjectType: { type: DataTypes.STRING(16), allowNull: false },
      subjectId: int(),
      reason: DataTypes.STRING(1000),
      data: DataTypes.TEXT,
    },
    { sequelize, tableName: 'moderation_actions', underscored: true, updatedAt: false },
  );
  Scaffold.init(
    {
      id: pk,
      communityId: int(),
      key: { type: DataTypes.STRING(40), allowNull: false },
      labelFr: { type: DataTypes.STRING(80), allowNull: false },
      labelEn: { type: DataTypes.STRING(80), allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    },
    { sequelize, tableName: 'scaffolds', underscored: true },
  );
  Post.belongsTo(User, { foreignKey: 'authorId', as: 'author' });
  Post.belongsTo(Thread, { foreignKey: 'threadId', as: 'thread' });
}
