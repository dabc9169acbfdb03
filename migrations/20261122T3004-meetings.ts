import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Meetings (face to face or remote; one row per occurrence of a recurring series) and their agenda items. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('meetings', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    created_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    // Occurrences of a recurring meeting point at the first one.
    series_id: ref('meetings', { allowNull: true, onDelete: 'SET NULL' }),
    recurrence: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'none' },
    title: { type: DataTypes.STRING(200), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: true },
    mode: { type: DataTypes.STRING(16), allowNull: false },
    place: { type: DataTypes.STRING(500), allowNull: true },
    video_url: { type: DataTypes.STRING(1024), allowNull: true },
    starts_at: { type: DataTypes.DATE, allowNull: false },
    duration_minutes: { type: DataTypes.INTEGER, allowNull: false },
    time_zone: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'scheduled' },
    minutes_md: { type: DataTypes.TEXT, allowNull: true },
    minutes_html: { type: DataTypes.TEXT, allowNull: true },
    minutes_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    minutes_at: { type: DataTypes.DATE, allowNull: true },
    // The discussion thread the minutes will become once discussions exist (no FK yet: that table is another branch's).
    minutes_thread_id: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('meetings', ['community_id', 'starts_at'], { name: 'meetings_community_start_ix' });
  await qi.addIndex('meetings', ['series_id'], { name: 'meetings_series_ix' });

  await qi.createTable('meeting_agenda_items', {
    id,
    meeting_id: ref('meetings', { onDelete: 'CASCADE' }),
    position: { type: DataTypes.INTEGER, allowNull: false },
    // Generic: 'topic' (free text), 'proposal', later 'problem'… with the id of what it points at.
    kind: { type: DataTypes.STRING(16), allowNull: false },
    ref_id: { type: DataTypes.INTEGER, allowNull: true },
    title: { type: DataTypes.STRING(300), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('meeting_agenda_items', ['meeting_id', 'position'], { name: 'meeting_agenda_meeting_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('meeting_agenda_items');
  await qi.dropTable('meetings');
};
