import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Outgoing e-mail, one row per message, written in the same transaction as its cause and sent
 * by the worker with retries: a failing mail server never blocks a page or loses a message.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  const longText = sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT;
  await qi.createTable('email_outbox', {
    id: bigId,
    community_id: ref('communities', { allowNull: true, onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    // notification | digest.daily | digest.weekly | digest.facilitator
    category: { type: DataTypes.STRING(32), allowNull: false },
    to_address: { type: DataTypes.STRING(320), allowNull: false },
    subject: { type: DataTypes.STRING(255), allowNull: false },
    text_body: { type: longText, allowNull: false },
    html_body: { type: longText, allowNull: false },
    headers: { type: DataTypes.TEXT, allowNull: false },
    // pending → sending (claimed by one worker) → sent; failed after the last attempt.
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE, allowNull: false },
    claim_token: { type: DataTypes.STRING(64), allowNull: true },
    claimed_at: { type: DataTypes.DATE, allowNull: true },
    last_error: { type: DataTypes.STRING(1024), allowNull: true },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('email_outbox', ['status', 'next_attempt_at'], { name: 'email_outbox_due_ix' });
  await qi.addIndex('email_outbox', ['claim_token'], { name: 'email_outbox_claim_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('email_outbox');
};
