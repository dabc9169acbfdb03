import { QueryTypes, type Sequelize } from 'sequelize';
import { queryTerms, booleanModeQuery, fts5Query } from './terms';
import type { SearchKind } from './model';
import type { PageRequest } from '../content/page';
import type { CommunityRole } from '../lti/roles';
import { visibilitySql } from '../resources/visibility';

export interface SearchFilter {
  communityId: number;
  userId: number;
  /** Who searches, for resources shown to facilitators or chosen members only (resources/visibility.ts). */
  membershipId?: number;
  role?: CommunityRole;
  q: string;
  kind: SearchKind | null;
  /** A tag and its counterpart in the other language (content/tag-pairs.ts); null for no tag filter. */
  tagId: number | number[] | null;
  /** Other ways to say some terms (a linked tag's counterpart): term → alternatives, each all required. */
  synonyms?: Map<string, string[][]>;
}

export interface SearchRow {
  id: number;
  kind: SearchKind;
  thread_id: number | null;
  post_id: number | null;
  resource_id: number | null;
  title: string;
  body: string;
  created_at: string | Date;
}

/**
 * The filters every search shares, in SQL: this community only, private journal entries for their
 * author, a resource (and its comments) for who may see it (resources/visibility.ts), optional
 * kind, optional tag (on the thread or on the resource).
 */
function filters(f: SearchFilter, d = 'd'): { sql: string; replacements: Record<string, unknown> } {
  let sql = `${d}.community_id = :communityId AND (${d}.private_to IS NULL OR ${d}.private_to = :userId)`;
  sql += ` AND (${d}.resource_id IS NULL OR EXISTS (SELECT 1 FROM resources rs WHERE rs.id = ${d}.resource_id AND ${visibilitySql(f, 'rs')}))`;
  const replacements: Record<string, unknown> = { communityId: f.communityId, userId: f.userId };
  if (f.kind) {
    sql += ` AND ${d}.kind = :kind`;
    replacements.kind = f.kind;
  }
  const tagIds = f.tagId === null ? [] : Array.isArray(f.tagId) ? f.tagId : [f.tagId];
  if (tagIds.length) {
    sql +=
      ` AND EXISTS (SELECT 1 FROM taggings g WHERE g.tag_id IN (:tagIds) AND ((g.subject_type = 'thread' AND g.subject_id = ${d}.thread_id) OR (g.subject_type = 'resource' AND g.subject_id = ${d}.resource_id)))`;
    replacements.tagIds = tagIds;
  }
  return { sql, replacements };
}

const COLUMNS = 'd.id, d.kind, d.thread_id, d.post_id, d.resource_id, d.title, d.body, d.created_at';

/**
 * Full-text search over one community: MariaDB FULLTEXT (BOOLEAN MODE, prefix terms) or SQLite
 * FTS5 (bm25), behind one function. Fetches one row more than the page to know if there is a
 * next page (no COUNT over a full-text match). A tag alone (no words) lists the tagged items.
 */
export async function searchDocuments(sequelize: Sequelize, f: SearchFilter, page: PageRequest): Promise<{ terms: string[]; rows: SearchRow[] }> {
  const terms = queryTerms(f.q);
  const { sql, replacements } = filters(f);
  const limit = { limit: page.size + 1, offset: page.offset };
  if (terms.length === 0) {
    if (f.tagId === null || (Array.isArray(f.tagId) && f.tagId.length === 0)) return { terms, rows: [] };
    // Browsing a tag: items themselves (opening posts carry the title; resources), newest first.
    const rows = await sequelize.query<SearchRow>(`SELECT ${COLUMNS} FROM search_documents d WHERE ${sql} AND (d.title <> '' OR d.post_id IS NULL) ORDER BY d.created_at DESC, d.id DESC LIMIT :limit OFFSET :offset`, {
      type: QueryTypes.SELECT,
      replacements: { ...replacements, ...limit },
    });
    return { terms, rows };
  }
  // Rank first on ids and scores only, then read the page's documents: sorting thousands of
  // matches with their bodies cost more than the full-text match itself (bench/RESULTS.md).
  const inner = filters(f, 'x');
  if (sequelize.getDialect() === 'sqlite') {
    // Each match's filters are read from the narrow index (migration 9200), not from its row.
    const rows = await sequelize.query<SearchRow>(
      `SELECT ${COLUMNS} FROM (SELECT x.id, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts JOIN search_documents x INDEXED BY search_documents_filter_ix ON x.id = search_fts.rowid WHERE search_fts MATCH :match AND ${inner.sql} ORDER BY score, x.id DESC LIMIT :limit OFFSET :offset) top JOIN search_documents d ON d.id = top.id ORDER BY top.score, d.id DESC`,
      { type: QueryTypes.SELECT, replacements: { ...inner.replacements, ...limit, match: fts5Query(terms, f.synonyms) } },
    );
    return { terms, rows };
  }
  const rows = await sequelize.query<SearchRow>(
    `SELECT ${COLUMNS}, top.score FROM (SELECT x.id, MATCH(x.title, x.body) AGAINST (:match IN BOOLEAN MODE) AS score FROM search_documents x WHERE MATCH(x.title, x.body) AGAINST (:match IN BOOLEAN MODE) AND ${inner.sql} ORDER BY score DESC, x.id DESC LIMIT :limit OFFSET :offset) top JOIN search_documents d ON d.id = top.id ORDER BY top.score DESC, d.id DESC`,
    { type: QueryTypes.SELECT, replacements: { ...inner.replacements, ...limit, match: booleanModeQuery(terms, f.synonyms) } },
  );
  return { terms, rows };
}
