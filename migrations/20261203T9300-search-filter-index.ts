import type { Migration } from '../src/db/migrator';

/**
 * SQLite: the columns search filters on (community, private entry, resource, kind, thread), keyed
 * by document id. Every full-text match is checked against them; read from the table, each check
 * lands on a row full of body text (a page per row), read from this narrow index they sit
 * together: about 8 ms less per query at 100,000 posts (bench/RESULTS.md, issue 20). The search
 * names it (`INDEXED BY`): the planner would otherwise take the rowid. MariaDB reads filters
 * from its clustered rows after the FULLTEXT lookup and would not use it: no index there.
 */
export const up: Migration = async ({ context: { sequelize } }) => {
  if (sequelize.getDialect() !== 'sqlite') return;
  await sequelize.query('CREATE INDEX search_documents_filter_ix ON search_documents (id, community_id, private_to, resource_id, kind, thread_id)');
};

export const down: Migration = async ({ context: { sequelize } }) => {
  if (sequelize.getDialect() !== 'sqlite') return;
  await sequelize.query('DROP INDEX IF EXISTS search_documents_filter_ix');
};
