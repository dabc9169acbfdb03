import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Votes. Named votes: one row per (proposal, membership). Anonymous votes are split in two
 * tables that share no column a reader could join on: `proposal_voters` says who voted,
 * `proposal_ballots` says what was chosen; a ballot's id is an HMAC of (proposal, membership)
 * under the server secret, so only the running server can find a member's ballot again to
 * change it (see src/governance/ballots.ts).
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.createTable('votes', {
    id,
    proposal_id: ref('proposals', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    choice: { type: DataTypes.STRING(1000), allowNull: false },
    reason: { type: DataTypes.TEXT, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('votes', ['proposal_id', 'membership_id'], { unique: true, name: 'votes_proposal_member_uq' });
  await qi.addIndex('votes', ['membership_id'], { name: 'votes_membership_ix' });

  await qi.createTable('proposal_voters', {
    proposal_id: { ...ref('proposals', { onDelete: 'CASCADE' }), primaryKey: true },
    membership_id: { ...ref('memberships', { onDelete: 'CASCADE' }), primaryKey: true },
    // No timestamps: a "changed at" next to an unstamped ballot would invite timing correlation.
  });
  await qi.addIndex('proposal_voters', ['membership_id'], { name: 'proposal_voters_membership_ix' });

  if (sequelize.getDialect() === 'sqlite') {
    // WITHOUT ROWID: rows are stored in ballot-id (HMAC) order, so the file does not keep the
    // insertion order that could be matched against the order of `proposal_voters` or activities.
    await sequelize.query(
      'CREATE TABLE proposal_ballots (id CHAR(64) NOT NULL PRIMARY KEY, proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE, choice VARCHAR(1000) NOT NULL, reason TEXT) WITHOUT ROWID',
    );
  } else {
    // InnoDB clusters rows by primary key: no insertion order either.
    await qi.createTable('proposal_ballots', {
      id: { type: DataTypes.CHAR(64), primaryKey: true },
      proposal_id: ref('proposals', { onDelete: 'CASCADE' }),
      choice: { type: DataTypes.STRING(1000), allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: true },
    });
  }
  await qi.addIndex('proposal_ballots', ['proposal_id'], { name: 'proposal_ballots_proposal_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('proposal_ballots');
  await qi.dropTable('proposal_voters');
  await qi.dropTable('votes');
};
