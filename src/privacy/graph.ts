import type { QueryInterface, Sequelize } from 'sequelize';

/**
 * Where CoPeR keeps something about a person: every column that points at a user (`users.id`)
 * or at one of their memberships (`memberships.id`), each with what erasure does to it. The
 * export and the erasure walk these columns; nothing else knows the model graph.
 *
 * Columns are found by reading the database's own foreign keys (`personColumns`), so a new table
 * is noticed: `test/privacy/graph.test.ts` fails until its column is classified below.
 */

/** What erasure does to the rows a column points at the person from. */
export type Erase =
  /** Rows about the person only (sessions, profile, preferences, follows…): deleted. */
  | 'delete'
  /** What they wrote: removed, or kept under "former member", as the member chooses. */
  | 'contribution'
  /** Community records they took part in (a decision, a review, a meeting): kept, linked to the anonymous former member. */
  | 'keep'
  /** The person's own rows (user, memberships): scrubbed of identity by erase.ts. */
  | 'identity';

/** Where the data came from, as "My data" groups it. */
export type Source = 'lms' | 'writing' | 'activity' | 'scores' | 'pd' | 'notifications' | 'mentoring' | 'votes' | 'profile' | 'meetings' | 'sessions' | 'privacy';

export interface Rule {
  erase: Erase;
  source: Source;
  /**
   * The person acted on someone else's record (reviewed their PD hours, hid their post): the export
   * shows that they did, when and where (id, this column, community, dates), not the other
   * person's data.
   */
  linkOnly?: true;
}

export type PersonTable = 'users' | 'memberships';

/** Every column that points at a person, keyed `table.column`. */
export const CLASSIFIED: Record<string, Rule & { to: PersonTable }> = {
  'memberships.user_id': { to: 'users', erase: 'identity', source: 'lms' },
  'sessions.user_id': { to: 'users', erase: 'delete', source: 'sessions' },
  'user_time_zones.user_id': { to: 'users', erase: 'delete', source: 'profile' },
  'communities.created_by': { to: 'users', erase: 'keep', source: 'lms' },
  'activities.user_id': { to: 'users', erase: 'keep', source: 'activity' },
  'activities.membership_id': { to: 'memberships', erase: 'keep', source: 'activity' },
  // The dashboard's daily counts of the log above: kept with it (the membership is anonymised), so figures stay equal to the log.
  'activity_daily.membership_id': { to: 'memberships', erase: 'keep', source: 'activity' },
  'activity_firsts.membership_id': { to: 'memberships', erase: 'keep', source: 'activity' },
  'roster_syncs.requested_by': { to: 'users', erase: 'keep', source: 'lms' },
  // sharing
  'threads.author_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'threads.last_poster_id': { to: 'users', erase: 'keep', source: 'writing', linkOnly: true },
  'posts.author_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'posts.hidden_by': { to: 'users', erase: 'keep', source: 'writing', linkOnly: true },
  'resources.author_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'resources.hidden_by': { to: 'users', erase: 'keep', source: 'writing', linkOnly: true },
  'reactions.user_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'resource_endorsements.user_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'mentions.user_id': { to: 'users', erase: 'delete', source: 'writing' },
  'thread_follows.user_id': { to: 'users', erase: 'delete', source: 'notifications' },
  'thread_reads.user_id': { to: 'users', erase: 'delete', source: 'activity' },
  'drafts.membership_id': { to: 'memberships', erase: 'delete', source: 'writing' },
  // value stories and the public showcase
  'value_stories.author_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'value_stories.membership_id': { to: 'memberships', erase: 'contribution', source: 'writing' },
  // An author's consent to show a contribution publicly goes with them: the item leaves the showcase.
  'showcase_items.author_id': { to: 'users', erase: 'delete', source: 'writing' },
  'showcase_items.proposed_by': { to: 'users', erase: 'keep', source: 'writing', linkOnly: true },
  // video of practice: time-coded comments are writing; being chosen to see a clip goes with the member
  'video_comments.author_id': { to: 'users', erase: 'contribution', source: 'writing' },
  'resource_viewers.membership_id': { to: 'memberships', erase: 'delete', source: 'writing' },
  'moderation_actions.actor_id': { to: 'users', erase: 'keep', source: 'writing' },
  // flags on posts: the flagger's own rows go with them (the moderation log keeps that a flag was raised)
  'post_flags.membership_id': { to: 'memberships', erase: 'delete', source: 'writing' },
  'post_flags.resolved_by': { to: 'users', erase: 'keep', source: 'writing', linkOnly: true },
  // a facilitator's to-do: done and snoozed entries are theirs alone
  'todo_snoozes.membership_id': { to: 'memberships', erase: 'delete', source: 'activity' },
  'search_documents.private_to': { to: 'users', erase: 'contribution', source: 'writing' },
  'problems.author_membership_id': { to: 'memberships', erase: 'contribution', source: 'writing' },
  'problem_addressees.membership_id': { to: 'memberships', erase: 'delete', source: 'writing' },
  // people
  'profiles.membership_id': { to: 'memberships', erase: 'delete', source: 'profile' },
  'profile_tags.membership_id': { to: 'memberships', erase: 'delete', source: 'profile' },
  'member_follows.follower_id': { to: 'memberships', erase: 'delete', source: 'notifications' },
  'member_follows.followed_id': { to: 'memberships', erase: 'delete', source: 'notifications' },
  'mentorships.mentee_id': { to: 'memberships', erase: 'delete', source: 'mentoring' },
  'mentorships.mentor_id': { to: 'memberships', erase: 'delete', source: 'mentoring' },
  'mentorships.requested_by': { to: 'memberships', erase: 'delete', source: 'mentoring' },
  'mentorships.closed_by': { to: 'memberships', erase: 'keep', source: 'mentoring', linkOnly: true },
  'mentoring_checkins.author_id': { to: 'memberships', erase: 'delete', source: 'mentoring' },
  'mentoring_goals.created_by': { to: 'memberships', erase: 'delete', source: 'mentoring' },
  'mentoring_messages.author_id': { to: 'memberships', erase: 'delete', source: 'mentoring' },
  // governance and meetings
  'charter_acknowledgements.membership_id': { to: 'memberships', erase: 'keep', source: 'votes' },
  'charter_versions.proposed_by': { to: 'memberships', erase: 'keep', source: 'votes' },
  'proposals.opened_by': { to: 'memberships', erase: 'keep', source: 'votes' },
  'votes.membership_id': { to: 'memberships', erase: 'keep', source: 'votes' },
  'proposal_voters.membership_id': { to: 'memberships', erase: 'keep', source: 'votes' },
  'meetings.created_by': { to: 'memberships', erase: 'keep', source: 'meetings' },
  'meetings.minutes_by': { to: 'memberships', erase: 'keep', source: 'meetings' },
  'meeting_rsvps.membership_id': { to: 'memberships', erase: 'delete', source: 'meetings' },
  'attendances.membership_id': { to: 'memberships', erase: 'keep', source: 'meetings' },
  'attendances.confirmed_by': { to: 'memberships', erase: 'keep', source: 'meetings', linkOnly: true },
  // notifications
  'notifications.membership_id': { to: 'memberships', erase: 'delete', source: 'notifications' },
  'notifications.actor_membership_id': { to: 'memberships', erase: 'keep', source: 'notifications', linkOnly: true },
  'notification_preferences.membership_id': { to: 'memberships', erase: 'delete', source: 'notifications' },
  'email_outbox.membership_id': { to: 'memberships', erase: 'delete', source: 'notifications' },
  'digest_runs.membership_id': { to: 'memberships', erase: 'delete', source: 'notifications' },
  // scores and PD hours (grades already sent stay in the LMS, which is the record)
  'score_adjustments.membership_id': { to: 'memberships', erase: 'delete', source: 'scores' },
  // A cache of the member's points (computed again when missing).
  'participation_points.membership_id': { to: 'memberships', erase: 'delete', source: 'scores' },
  'score_adjustments.created_by': { to: 'users', erase: 'keep', source: 'scores', linkOnly: true },
  'score_syncs.membership_id': { to: 'memberships', erase: 'delete', source: 'scores' },
  'score_syncs.user_id': { to: 'users', erase: 'delete', source: 'scores' },
  'score_outbox.membership_id': { to: 'memberships', erase: 'delete', source: 'scores' },
  'pd_entries.membership_id': { to: 'memberships', erase: 'delete', source: 'pd' },
  'pd_entries.user_id': { to: 'users', erase: 'delete', source: 'pd' },
  'pd_entries.created_by': { to: 'users', erase: 'keep', source: 'pd', linkOnly: true },
  'pd_entries.reviewed_by': { to: 'users', erase: 'keep', source: 'pd', linkOnly: true },
  'pd_entries.withdrawn_by': { to: 'users', erase: 'keep', source: 'pd', linkOnly: true },
  // attestations handed out (holder's name, total): erased with the person, so /verify no longer confirms them
  'pd_attestations.user_id': { to: 'users', erase: 'delete', source: 'pd' },
  // privacy requests themselves: kept (no identity left once the user row is scrubbed)
  'privacy_requests.user_id': { to: 'users', erase: 'keep', source: 'privacy' },
  'privacy_request_approvals.approved_by': { to: 'memberships', erase: 'keep', source: 'privacy' },
  // views of members' data by facilitators: the person's own views are kept (the members viewed keep their record)
  'privacy_access_log.viewer_user_id': { to: 'users', erase: 'keep', source: 'privacy' },
  'privacy_access_log.subject_membership_id': { to: 'memberships', erase: 'delete', source: 'privacy' },
  // exports prepared in the background: their files are removed with them (erase.ts)
  'privacy_exports.user_id': { to: 'users', erase: 'delete', source: 'privacy' },
  'privacy_exports.membership_id': { to: 'memberships', erase: 'delete', source: 'privacy' },
};

/**
 * Columns that point at a person without a foreign-key constraint (kept loose on purpose by
 * their feature). The database cannot tell us about them, so they are named here.
 */
export const SOFT_REFERENCES: Array<{ table: string; column: string; to: PersonTable }> = [
  { table: 'threads', column: 'last_poster_id', to: 'users' },
  { table: 'posts', column: 'hidden_by', to: 'users' },
  { table: 'resources', column: 'hidden_by', to: 'users' },
  { table: 'search_documents', column: 'private_to', to: 'users' },
  { table: 'post_flags', column: 'resolved_by', to: 'users' },
];

/** Columns whose names look like a person but are not one (checked by the graph test). */
export const NOT_A_PERSON = new Set<string>([
  'roster_syncs.lease_owner', // a worker's name
  'score_syncs.lease_owner',
  'privacy_audit.actor', // a kind of actor (member, facilitator, cli, worker), never a person
]);

/** Columns never copied into an export (credentials and worker bookkeeping, not data about the person). */
export const OMITTED: Record<string, string[]> = {
  privacy_exports: ['file_key', 'lease_until'],
  sessions: ['id'],
  email_outbox: ['claim_token'],
  score_syncs: ['lease_owner'],
};

export interface PersonColumn extends Rule {
  table: string;
  column: string;
  to: PersonTable;
}

export interface ForeignKey {
  table: string;
  column: string;
  to: string;
}

/** Every foreign key of the database (SQLite and MariaDB alike, through Sequelize's query interface). */
export async function foreignKeys(sequelize: Sequelize): Promise<ForeignKey[]> {
  const qi: QueryInterface = sequelize.getQueryInterface();
  const out: ForeignKey[] = [];
  for (const table of await tableNames(sequelize)) {
    const refs = (await qi.getForeignKeyReferencesForTable(table)) as Array<{ columnName: string; referencedTableName: string }>;
    for (const r of refs) if (r.referencedTableName) out.push({ table, column: r.columnName, to: r.referencedTableName });
  }
  return out;
}

/** The application's tables (SQLite's own and full-text shadow tables left out). */
export async function tableNames(sequelize: Sequelize): Promise<string[]> {
  const raw = (await sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
  return raw
    .map((t) => (typeof t === 'string' ? t : t.tableName))
    .filter((t) => !t.startsWith('sqlite_') && !t.startsWith('search_fts'))
    .sort();
}

/** The columns pointing at a person, found in the database; unclassified ones are listed apart. */
export async function discoverPersonColumns(sequelize: Sequelize): Promise<{ columns: PersonColumn[]; unclassified: string[] }> {
  const found = (await foreignKeys(sequelize)).filter((f) => f.to === 'users' || f.to === 'memberships');
  const all = [...found.map((f) => ({ table: f.table, column: f.column, to: f.to as PersonTable })), ...SOFT_REFERENCES];
  const seen = new Set<string>();
  const columns: PersonColumn[] = [];
  const unclassified: string[] = [];
  for (const c of all) {
    const key = `${c.table}.${c.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = CLASSIFIED[key];
    if (!rule || rule.to !== c.to) unclassified.push(`${key} → ${c.to}`);
    else columns.push({ ...c, erase: rule.erase, source: rule.source, ...(rule.linkOnly ? { linkOnly: true as const } : {}) });
  }
  return { columns, unclassified };
}

let cached: Promise<PersonColumn[]> | null = null;

/** The classified person columns (read once per process); throws when the schema has an unclassified one. */
export function personColumns(sequelize: Sequelize): Promise<PersonColumn[]> {
  cached ??= discoverPersonColumns(sequelize).then(({ columns, unclassified }) => {
    if (unclassified.length) {
      cached = null;
      throw new Error(`privacy/graph.ts: classify ${unclassified.join(', ')}`);
    }
    return columns;
  });
  return cached;
}
