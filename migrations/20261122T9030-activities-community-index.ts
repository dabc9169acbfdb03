import type { Migration } from '../src/db/migrator';

/**
 * The community's highest activity id — the version its cached pages are checked against
 * (src/web/community-cache.ts) — in one index lookup: InnoDB keeps the primary key after the
 * indexed column, SQLite the rowid, so `MAX(id) … WHERE community_id = ?` reads one entry.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addIndex('activities', ['community_id'], { name: 'activities_community_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeIndex('activities', 'activities_community_ix');
};
