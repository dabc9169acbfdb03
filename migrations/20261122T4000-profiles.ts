import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Member profiles (one per membership: expertise tags belong to one community's tag set) and
 * their tags (expertise: what I can help with; learning: what I want to learn).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('profiles', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    role_title: { type: DataTypes.STRING(120), allowNull: true },
    institution: { type: DataTypes.STRING(160), allowNull: true },
    years_practice: { type: DataTypes.INTEGER, allowNull: true },
    // newcomer | experienced
    experience: { type: DataTypes.STRING(16), allowNull: true },
    help_with: { type: DataTypes.TEXT, allowNull: true },
    want_to_learn: { type: DataTypes.TEXT, allowNull: true },
    languages: { type: DataTypes.STRING(120), allowNull: true },
    intro_md: { type: DataTypes.TEXT, allowNull: true },
    intro_html: { type: DataTypes.TEXT, allowNull: true },
    // JSON: field → community | facilitators | me
    visibility: { type: DataTypes.TEXT, allowNull: false },
    onboarded_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('profiles', ['membership_id'], { unique: true, name: 'profiles_membership_uq' });
  await qi.addIndex('profiles', ['community_id'], { name: 'profiles_community_ix' });

  await qi.createTable('profile_tags', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    tag_id: ref('tags', { onDelete: 'CASCADE' }),
    // expertise | learning
    kind: { type: DataTypes.STRING(16), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('profile_tags', ['membership_id', 'kind', 'tag_id'], { unique: true, name: 'profile_tags_uq' });
  // "Who declared expertise in this tag?" (directory filter, problem matching).
  await qi.addIndex('profile_tags', ['community_id', 'tag_id', 'kind'], { name: 'profile_tags_tag_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('profile_tags');
  await qi.dropTable('profiles');
};
