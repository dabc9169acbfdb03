import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * A community's own knowledge-building scaffolds (FR and EN labels). A community without rows
 * uses the default Knowledge Forum set; archived scaffolds keep labelling old posts.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('scaffolds', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    key: { type: DataTypes.STRING(40), allowNull: false },
    label_fr: { type: DataTypes.STRING(80), allowNull: false },
    label_en: { type: DataTypes.STRING(80), allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps,
  });
  await qi.addIndex('scaffolds', ['community_id', 'key'], { unique: true, name: 'scaffolds_community_key_uq' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('scaffolds');
};
