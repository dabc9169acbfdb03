import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * The gradebook outbox (DESIGN.md "ScoreSubmission"): one `score_syncs` row per (cohort, member,
 * column) holds the lease that keeps two workers from sending for the same member at once, the
 * last timestamp handed out (strictly increasing, whole seconds: Moodle refuses anything not
 * later with 409) and what the LMS last accepted; one `score_outbox` row per score change, written
 * in the transaction of its cause. `grade_line_items` remembers each cohort's gradebook columns.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('score_syncs', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    cohort_id: ref('cohorts', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    // participation | pd_hours
    kind: { type: DataTypes.STRING(16), allowNull: false },
    last_timestamp: { type: DataTypes.DATE, allowNull: true },
    lease_owner: { type: DataTypes.STRING(64), allowNull: true },
    lease_until: { type: DataTypes.DATE, allowNull: true },
    sent_score_given: { type: DataTypes.DOUBLE, allowNull: true },
    sent_score_maximum: { type: DataTypes.DOUBLE, allowNull: true },
    sent_comment: { type: DataTypes.TEXT, allowNull: true },
    sent_timestamp: { type: DataTypes.DATE, allowNull: true },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('score_syncs', ['cohort_id', 'membership_id', 'kind'], { unique: true, name: 'score_syncs_key_uq' });
  await qi.addIndex('score_syncs', ['community_id'], { name: 'score_syncs_community_ix' });

  await qi.createTable('score_outbox', {
    id: bigId,
    sync_id: ref('score_syncs', { onDelete: 'CASCADE' }),
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    cohort_id: ref('cohorts', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    // Fixed when the change happened; a replay sends it unchanged.
    timestamp: { type: DataTypes.DATE, allowNull: false },
    // pending | sent | failed | superseded | unchanged
    status: { type: DataTypes.STRING(16), allowNull: false },
    cause: { type: DataTypes.STRING(64), allowNull: false },
    score_given: { type: DataTypes.DOUBLE, allowNull: true },
    score_maximum: { type: DataTypes.DOUBLE, allowNull: true },
    comment: { type: DataTypes.TEXT, allowNull: true },
    activity_progress: { type: DataTypes.STRING(16), allowNull: true },
    grading_progress: { type: DataTypes.STRING(16), allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE, allowNull: true },
    last_error: { type: DataTypes.STRING(32), allowNull: true },
    last_error_detail: { type: DataTypes.STRING(1024), allowNull: true },
    http_status: { type: DataTypes.INTEGER, allowNull: true },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('score_outbox', ['sync_id', 'timestamp'], { unique: true, name: 'score_outbox_sync_ts_uq' });
  await qi.addIndex('score_outbox', ['status', 'next_attempt_at'], { name: 'score_outbox_due_ix' });
  await qi.addIndex('score_outbox', ['community_id', 'status'], { name: 'score_outbox_community_ix' });

  await qi.createTable('grade_line_items', {
    id,
    cohort_id: ref('cohorts', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    url: { type: DataTypes.STRING(1024), allowNull: false },
    // created (POST by the tool) | found (GET ?resource_id=) | launch (the launch's ags lineitem)
    source: { type: DataTypes.STRING(16), allowNull: false },
    score_maximum: { type: DataTypes.DOUBLE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('grade_line_items', ['cohort_id', 'kind'], { unique: true, name: 'grade_line_items_key_uq' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('grade_line_items');
  await qi.dropTable('score_outbox');
  await qi.dropTable('score_syncs');
};
