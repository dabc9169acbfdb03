import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Mentoring pairs and their private space: messages, shared goals and check-ins. These texts
 * live in their own tables, never in threads/posts, so no list, feed or search index can reach them.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('mentorships', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    mentee_id: ref('memberships', { onDelete: 'CASCADE' }),
    mentor_id: ref('memberships', { onDelete: 'CASCADE' }),
    requested_by: ref('memberships', { onDelete: 'CASCADE' }),
    // requested | active | declined | closed
    status: { type: DataTypes.STRING(16), allowNull: false },
    message: { type: DataTypes.TEXT, allowNull: true },
    facilitators_invited: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    responded_at: { type: DataTypes.DATE, allowNull: true },
    closed_at: { type: DataTypes.DATE, allowNull: true },
    closed_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    ...timestamps,
  });
  await qi.addIndex('mentorships', ['community_id', 'status'], { name: 'mentorships_community_ix' });
  await qi.addIndex('mentorships', ['mentee_id'], { name: 'mentorships_mentee_ix' });
  await qi.addIndex('mentorships', ['mentor_id'], { name: 'mentorships_mentor_ix' });

  await qi.createTable('mentoring_messages', {
    id,
    mentorship_id: ref('mentorships', { onDelete: 'CASCADE' }),
    author_id: ref('memberships', { onDelete: 'CASCADE' }),
    body_md: { type: DataTypes.TEXT, allowNull: false },
    body_html: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('mentoring_messages', ['mentorship_id', 'id'], { name: 'mentoring_messages_pair_ix' });

  await qi.createTable('mentoring_goals', {
    id,
    mentorship_id: ref('mentorships', { onDelete: 'CASCADE' }),
    title: { type: DataTypes.STRING(200), allowNull: false },
    created_by: ref('memberships', { onDelete: 'CASCADE' }),
    done_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('mentoring_goals', ['mentorship_id'], { name: 'mentoring_goals_pair_ix' });

  await qi.createTable('mentoring_checkins', {
    id,
    mentorship_id: ref('mentorships', { onDelete: 'CASCADE' }),
    author_id: ref('memberships', { onDelete: 'CASCADE' }),
    note_md: { type: DataTypes.TEXT, allowNull: false },
    note_html: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('mentoring_checkins', ['mentorship_id'], { name: 'mentoring_checkins_pair_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('mentoring_checkins');
  await qi.dropTable('mentoring_goals');
  await qi.dropTable('mentoring_messages');
  await qi.dropTable('mentorships');
};
