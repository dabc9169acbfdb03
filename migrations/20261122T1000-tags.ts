import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Tags shared by threads, journal entries and resources of one community, and their links to subjects. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('tags', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    // Accent- and case-folded form: "Pédagogie" and "pedagogie" are one tag.
    slug: { type: DataTypes.STRING(64), allowNull: false },
    label: { type: DataTypes.STRING(64), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('tags', ['community_id', 'slug'], { unique: true, name: 'tags_community_slug_uq' });

  await qi.createTable('taggings', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    tag_id: ref('tags', { onDelete: 'CASCADE' }),
    subject_type: { type: DataTypes.STRING(16), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('taggings', ['tag_id', 'subject_type', 'subject_id'], { unique: true, name: 'taggings_tag_subject_uq' });
  await qi.addIndex('taggings', ['subject_type', 'subject_id'], { name: 'taggings_subject_ix' });
  await qi.addIndex('taggings', ['community_id', 'subject_type'], { name: 'taggings_community_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('taggings');
  await qi.dropTable('tags');
};
