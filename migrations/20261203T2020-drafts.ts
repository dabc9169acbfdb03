import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/**
 * Drafts kept by the server (issue #16, "nothing typed is lost") for browsers that deny storage
 * to the tool's frame (Chromium blocks a third-party frame's storage with its cookies): one row
 * per member and form, dropped when that form is sent.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('drafts', {
    id,
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    form_key: { type: DataTypes.STRING(200), allowNull: false },
    fields: { type: DataTypes.TEXT, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('drafts', ['membership_id', 'form_key'], { name: 'drafts_member_form_uq', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('drafts');
};
