import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Problem requests. A problem is a thread of kind 'problem' (its opening post is the context,
 * its top-level posts are the solution leads); this row holds what a thread has not: status,
 * what was tried and what is needed, the accepted lead, and what the author finally did.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('problems', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    thread_id: ref('threads', { onDelete: 'CASCADE' }),
    author_membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    // open | in_progress | solved | archived
    status: { type: DataTypes.STRING(16), allowNull: false },
    // community | chosen
    audience: { type: DataTypes.STRING(16), allowNull: false },
    tried_md: { type: DataTypes.TEXT, allowNull: false },
    tried_html: { type: DataTypes.TEXT, allowNull: false },
    needed_md: { type: DataTypes.TEXT, allowNull: false },
    needed_html: { type: DataTypes.TEXT, allowNull: false },
    accepted_post_id: ref('posts', { allowNull: true, onDelete: 'SET NULL' }),
    resolution_md: { type: DataTypes.TEXT, allowNull: true },
    resolution_html: { type: DataTypes.TEXT, allowNull: true },
    solved_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('problems', ['thread_id'], { unique: true, name: 'problems_thread_uq' });
  await qi.addIndex('problems', ['community_id', 'status', 'created_at'], { name: 'problems_list_ix' });

  await qi.createTable('problem_addressees', {
    id,
    problem_id: ref('problems', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('problem_addressees', ['problem_id', 'membership_id'], { unique: true, name: 'problem_addressees_uq' });
  await qi.addIndex('problem_addressees', ['membership_id'], { name: 'problem_addressees_member_ix' });

  await qi.createTable('problem_helpful_leads', {
    id,
    problem_id: ref('problems', { onDelete: 'CASCADE' }),
    post_id: ref('posts', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('problem_helpful_leads', ['post_id'], { unique: true, name: 'problem_helpful_leads_post_uq' });
  await qi.addIndex('problem_helpful_leads', ['problem_id'], { name: 'problem_helpful_leads_problem_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('problem_helpful_leads');
  await qi.dropTable('problem_addressees');
  await qi.dropTable('problems');
};
