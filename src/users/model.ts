import { DataTypes, Model, type Sequelize } from 'sequelize';
import { currentLang, translator, type Lang } from '../i18n';

/** One person on one platform, unique on (platform, LTI `sub`); refreshed at each launch and roster sync. */
export class User extends Model {
  declare id: number;
  declare platformId: number;
  declare sub: string;
  declare name: string | null;
  declare givenName: string | null;
  declare familyName: string | null;
  declare email: string | null;
  declare picture: string | null;
  declare locale: string | null;
  declare lastLaunchAt: Date | null;
  declare erasedAt: Date | null;
}

export function initUserModels(sequelize: Sequelize): void {
  User.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      platformId: { type: DataTypes.INTEGER, allowNull: false },
      sub: { type: DataTypes.STRING(255), allowNull: false },
      name: DataTypes.STRING(255),
      givenName: DataTypes.STRING(255),
      familyName: DataTypes.STRING(255),
      email: DataTypes.STRING(320),
      picture: DataTypes.STRING(1024),
      locale: DataTypes.STRING(16),
      lastLaunchAt: DataTypes.DATE,
      erasedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'users', underscored: true },
  );
}

/**
 * The name to show for a user, whatever the platform sent. Names are optional in LTI, and an LMS
 * whose privacy settings withhold them (Moodle's "Share launcher's name: Never") sends none: the
 * person is then "Member #12" / "Membre nº 12", in the reader's language, never an empty string.
 * An erased person is "Former member" / "Ancien membre".
 */
export function displayName(u: Pick<User, 'id' | 'name' | 'givenName' | 'familyName'> & { erasedAt?: Date | null }, lang: Lang = currentLang()): string {
  // A person erased on request (privacy/erase.ts) signs what they left as "Former member".
  if (u.erasedAt) return translator(lang)('privacy.former_member');
  const full = u.name?.trim() || [u.givenName, u.familyName].filter(Boolean).join(' ').trim();
  return full || translator(lang)('layout.member_n', { n: u.id });
}
