import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';
import { Tag } from '../content/model';

/** Who may see one profile field: everyone in the community, its facilitators too, or only its owner. */
export type FieldVisibility = 'community' | 'facilitators' | 'me';
export const FIELD_VISIBILITIES: FieldVisibility[] = ['community', 'facilitators', 'me'];

/** The profile fields a member controls the visibility of (name and picture come from the LMS, like the roster). */
export const PROFILE_FIELDS = ['roleTitle', 'institution', 'yearsPractice', 'experience', 'expertise', 'helpWith', 'learning', 'languages', 'intro'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The fields a profile has filled (named in its profile.update activity, never their values). */
export function filledFields(values: Partial<Record<ProfileField, unknown>>, tags: { expertise: unknown[]; learning: unknown[] }): ProfileField[] {
  return PROFILE_FIELDS.filter((f) => (f === 'expertise' ? tags.expertise.length > 0 : f === 'learning' ? tags.learning.length > 0 : f === 'intro' ? !!values.intro : values[f] != null));
}

export type Experience = 'newcomer' | 'experienced';
export const EXPERIENCES: Experience[] = ['newcomer', 'experienced'];

/** A member's profile in one community (expertise is in that community's tag set). */
export class Profile extends Model {
  declare id: number;
  declare communityId: number;
  declare membershipId: number;
  declare roleTitle: string | null;
  declare institution: string | null;
  declare yearsPractice: number | null;
  declare experience: Experience | null;
  declare helpWith: string | null;
  declare wantToLearn: string | null;
  declare languages: string | null;
  declare introMd: string | null;
  declare introHtml: string | null;
  declare visibility: Partial<Record<ProfileField, FieldVisibility>>;
  declare onboardedAt: Date | null;
  declare updatedAt: Date;
}

export type ProfileTagKind = 'expertise' | 'learning';

/** A tag on a profile: an area of expertise, or something the member wants to learn. */
export class ProfileTag extends Model {
  declare id: number;
  declare communityId: number;
  declare membershipId: number;
  declare tagId: number;
  declare kind: ProfileTagKind;
  declare tag?: Tag;
}

/** Member A follows member B (both memberships of one community). */
export class MemberFollow extends Model {
  declare id: number;
  declare communityId: number;
  declare followerId: number;
  declare followedId: number;
  declare createdAt: Date;
}

const int = () => ({ type: DataTypes.INTEGER, allowNull: false });

export function initProfileModels(sequelize: Sequelize): void {
  Profile.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: int(),
      membershipId: int(),
      roleTitle: DataTypes.STRING(120),
      institution: DataTypes.STRING(160),
      yearsPractice: DataTypes.INTEGER,
      experience: DataTypes.STRING(16),
      helpWith: DataTypes.TEXT,
      wantToLearn: DataTypes.TEXT,
      languages: DataTypes.STRING(120),
      introMd: DataTypes.TEXT,
      introHtml: DataTypes.TEXT,
      visibility: jsonText('visibility', {}),
      onboardedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'profiles', underscored: true },
  );
  ProfileTag.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: int(),
      membershipId: int(),
      tagId: int(),
      kind: { type: DataTypes.STRING(16), allowNull: false },
    },
    { sequelize, tableName: 'profile_tags', underscored: true, updatedAt: false },
  );
  MemberFollow.init(
    { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, communityId: int(), followerId: int(), followedId: int() },
    { sequelize, tableName: 'member_follows', underscored: true, updatedAt: false },
  );
  ProfileTag.belongsTo(Tag, { foreignKey: 'tagId', as: 'tag' });
}
