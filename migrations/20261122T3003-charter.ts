import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Versioned charters (who proposed each version, which decision adopted it) and per-membership acknowledgements. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('charter_versions', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    version: { type: DataTypes.INTEGER, allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    // Decision rules the community allows, e.g. {"rules":["consent","majority"],"quorum":50}.
    rules: { type: DataTypes.TEXT, allowNull: false },
    proposed_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    // Null for the first version (drafted by facilitators); afterwards the adopted amendment.
    proposal_id: ref('proposals', { allowNull: true, onDelete: 'SET NULL' }),
    ...timestamps,
  });
  await qi.addIndex('charter_versions', ['community_id', 'version'], { unique: true, name: 'charter_versions_community_version_uq' });

  await qi.createTable('charter_acknowledgements', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    charter_version_id: ref('charter_versions', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('charter_acknowledgements', ['membership_id', 'charter_version_id'], { unique: true, name: 'charter_ack_member_version_uq' });
  await qi.addIndex('charter_acknowledgements', ['charter_version_id'], { name: 'charter_ack_version_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('charter_acknowledgements');
  await qi.dropTable('charter_versions');
};
