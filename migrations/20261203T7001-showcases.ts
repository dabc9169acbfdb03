import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** A community's public showcase: its address (/p/:slug) and whether search engines may index it. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('showcases', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    slug: { type: DataTypes.STRING(64), allowNull: false },
    indexable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    ...timestamps,
  });
  await qi.addIndex('showcases', ['community_id'], { name: 'showcases_community_uq', unique: true });
  await qi.addIndex('showcases', ['slug'], { name: 'showcases_slug_uq', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('showcases');
};
