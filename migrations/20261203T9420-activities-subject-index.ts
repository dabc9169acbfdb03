import type { Migration } from '../src/db/migrator';

/**
 * Activities by (community, verb, subject): the rows about one item, such as the endorsements of a
 * member's resources when their participation points are computed again (src/participation/points.ts
 * `memberRows`), are found by seeking, not by reading every endorsement of the community (70,000
 * at 10,000 resources; issue 20, bench/RESULTS.md). The index of (community, verb) stays: its
 * rows come in id order within a verb, which the community home's latest joins read.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addIndex('activities', ['community_id', 'verb', 'subject_type', 'subject_id'], { name: 'activities_community_verb_subject_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeIndex('activities', 'activities_community_verb_subject_ix');
};
