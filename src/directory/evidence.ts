import { QueryTypes, type Sequelize } from 'sequelize';
import { noEvidence, type Evidence } from './ranking';

type Row = { user_id: number; n: number | string };

/**
 * What members did on one tag, counted in the database (per user id). Only what anyone in the
 * community may see counts: visible threads (no private journal entry, nothing deleted), visible
 * posts, resources still shared; mentoring texts live elsewhere and never count.
 */
const QUERIES: Record<Exclude<keyof Evidence, 'declared'>, string> = {
  // Problems tagged with it whose accepted lead this member wrote.
  accepted: `SELECT p.author_id AS user_id, COUNT(*) AS n FROM problems pr
    JOIN posts p ON p.id = pr.accepted_post_id
    JOIN taggings g ON g.subject_type = 'thread' AND g.subject_id = pr.thread_id AND g.tag_id = :tagId
    WHERE pr.community_id = :communityId AND p.deleted_at IS NULL AND p.hidden_at IS NULL
    GROUP BY p.author_id`,
  // Leads marked as helpful (the accepted one is already counted above).
  helpful: `SELECT p.author_id AS user_id, COUNT(*) AS n FROM problem_helpful_leads h
    JOIN problems pr ON pr.id = h.problem_id
    JOIN posts p ON p.id = h.post_id
    JOIN taggings g ON g.subject_type = 'thread' AND g.subject_id = pr.thread_id AND g.tag_id = :tagId
    WHERE pr.community_id = :communityId AND p.deleted_at IS NULL AND p.hidden_at IS NULL
      AND (pr.accepted_post_id IS NULL OR pr.accepted_post_id <> h.post_id)
    GROUP BY p.author_id`,
  // Colleagues who endorsed ("I used this") a resource this member shared with the tag.
  endorsed: `SELECT r.author_id AS user_id, COUNT(*) AS n FROM resource_endorsements e
    JOIN resources r ON r.id = e.resource_id
    JOIN taggings g ON g.subject_type = 'resource' AND g.subject_id = r.id AND g.tag_id = :tagId
    WHERE r.community_id = :communityId AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND e.user_id <> r.author_id
    GROUP BY r.author_id`,
  // "Useful" reactions on this member's posts in threads tagged with it.
  useful: `SELECT p.author_id AS user_id, COUNT(*) AS n FROM reactions x
    JOIN posts p ON p.id = x.post_id
    JOIN threads t ON t.id = p.thread_id
    JOIN taggings g ON g.subject_type = 'thread' AND g.subject_id = t.id AND g.tag_id = :tagId
    WHERE x.community_id = :communityId AND x.kind = 'useful' AND x.user_id <> p.author_id
      AND t.deleted_at IS NULL AND t.visibility = 'community' AND p.deleted_at IS NULL AND p.hidden_at IS NULL
    GROUP BY p.author_id`,
};

/** Evidence per user id on one tag of one community (four grouped queries). */
export async function evidenceOnTag(sequelize: Sequelize, communityId: number, tagId: number): Promise<Map<number, Evidence>> {
  const out = new Map<number, Evidence>();
  for (const [kind, sql] of Object.entries(QUERIES) as Array<[keyof typeof QUERIES, string]>) {
    const rows = await sequelize.query<Row>(sql, { type: QueryTypes.SELECT, replacements: { communityId, tagId } });
    for (const r of rows) {
      if (r.user_id === null) continue;
      const e = out.get(r.user_id) ?? noEvidence();
      e[kind] = Number(r.n);
      out.set(r.user_id, e);
    }
  }
  return out;
}
