import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * RSVPs and attendances. `attendances` is what the PD-hours ledger consumes: a row per member
 * who checked in or was confirmed, with the confirmed status and minutes.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('meeting_rsvps', {
    id,
    meeting_id: ref('meetings', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    response: { type: DataTypes.STRING(8), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('meeting_rsvps', ['meeting_id', 'membership_id'], { unique: true, name: 'meeting_rsvps_meeting_member_uq' });

  await qi.createTable('attendances', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    meeting_id: ref('meetings', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    checked_in_at: { type: DataTypes.DATE, allowNull: true },
    // pending (checked in, not confirmed yet) | attended | excused | absent
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    minutes: { type: DataTypes.INTEGER, allowNull: true },
    confirmed_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    confirmed_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('attendances', ['meeting_id', 'membership_id'], { unique: true, name: 'attendances_meeting_member_uq' });
  await qi.addIndex('attendances', ['community_id', 'status'], { name: 'attendances_community_status_ix' });
  await qi.addIndex('attendances', ['membership_id'], { name: 'attendances_membership_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('attendances');
  await qi.dropTable('meeting_rsvps');
};
