import type { Migration } from '../src/db/migrator';

/**
 * Activities by (community, verb): the community home lists the latest joins
 * (`verb IN (...) ORDER BY id DESC LIMIT 10`), which otherwise walks the community's whole log —
 * 300,000 rows in a 100,000-post community (bench/RESULTS.md). Analytics read by verb too.
 * InnoDB appends the primary key to the index and SQLite the rowid, so the ORDER BY id is served.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addIndex('activities', ['community_id', 'verb'], { name: 'activities_community_verb_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeIndex('activities', 'activities_community_verb_ix');
};
