import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, id, ref, timestamps } from '../src/db/migration-helpers';

/** In-tool notifications (one row per recipient) and per-member, per-kind delivery preferences. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('notifications', {
    id: bigId,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    // The recipient is a membership, not a user: LTI roles and communities are per course.
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    actor_membership_id: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    kind: { type: DataTypes.STRING(32), allowNull: false },
    subject_type: { type: DataTypes.STRING(32), allowNull: true },
    subject_id: { type: DataTypes.INTEGER, allowNull: true },
    // Template parameters (JSON): the message is rendered in the reader's language when shown.
    params: { type: DataTypes.TEXT, allowNull: false },
    link: { type: DataTypes.STRING(1024), allowNull: false },
    read_at: { type: DataTypes.DATE, allowNull: true },
    // Set when an e-mail (immediate or digest) carried this notification: never mailed twice.
    emailed_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The bell: COUNT(*) WHERE membership_id = ? AND read_at IS NULL.
  await qi.addIndex('notifications', ['membership_id', 'read_at'], { name: 'notifications_member_read_ix' });
  await qi.addIndex('notifications', ['membership_id', 'created_at'], { name: 'notifications_member_time_ix' });
  // Digests look for recent notifications not mailed yet.
  await qi.addIndex('notifications', ['emailed_at', 'created_at'], { name: 'notifications_emailed_time_ix' });

  await qi.createTable('notification_preferences', {
    id,
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(32), allowNull: false },
    // immediate | daily | weekly | off
    delivery: { type: DataTypes.STRING(16), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('notification_preferences', ['membership_id', 'kind'], { unique: true, name: 'notification_prefs_member_kind_uq' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('notification_preferences');
  await qi.dropTable('notifications');
};
