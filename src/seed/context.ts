/**
 * What seeders share: options, the seeded Rng and timeline, the community being filled, its
 * people, id allocation, chunked bulk inserts and the activity rows collected along the way
 * (written last, in time order, by the activity seeder).
 */
import type { Model, ModelStatic, Sequelize, Transaction } from 'sequelize';
import type { CommunityRole } from '../kernel/roles';
import type { MembershipStatus } from '../kernel/community';
import type { Rng } from './random';
import type { Timeline } from './timeline';
import type { Domain, Lang } from './vocabulary';

/** A person the seed must include with a known LTI `sub` (the demo's sample users). */
export interface KnownPerson {
  sub: string;
  givenName: string;
  familyName: string;
  name: string;
  email: string;
  locale: string;
  role: CommunityRole;
  /** Default 'active' (launched); 'invited': on the roster, never launched; 'inactive': left the course. */
  status?: MembershipStatus;
  /** How much they write relative to others (default: drawn at random). */
  weight?: number;
}

/** The course a new community is linked to (its cohort). */
export interface SeedCourse {
  platformId: number;
  deploymentRowId: number;
  contextId: string;
  contextTitle: string;
  contextLabel?: string | null;
  nrpsUrl?: string | null;
}

export interface SeedOptions {
  members: number;
  posts: number;
  resources: number;
  seed: number;
  /** The fixed "now" every date is placed before (same seed + same anchor = same data). */
  now: Date;
  /** How long the community has existed. */
  months: number;
  domain?: Domain;
  /** Fill an existing community (its first cohort), or create one (title, course). */
  communityId?: number;
  title?: string;
  course?: SeedCourse;
  /** People included first, with their own sub (they count towards `members`). */
  people?: KnownPerson[];
  /** Prefix of generated subs: people are reused when the same seed runs again on the same platform. */
  subPrefix?: string;
  log?: (line: string) => void;
}

/** A member of the seeded community, as seeders need them. */
export interface SeedPerson {
  userId: number;
  membershipId: number;
  sub: string;
  name: string;
  lang: Lang;
  role: CommunityRole;
  status: MembershipStatus;
  joinedAt: Date;
  /** Set for members who left the course (inactive): they wrote nothing after. */
  leftAt: Date | null;
  /** How much they write, relative to others (a few members write most). */
  weight: number;
}

/** An activity row waiting to be written (in time order, at the end). */
export interface PendingActivity {
  createdAt: Date;
  userId: number | null;
  membershipId: number | null;
  verb: string;
  subject?: { type: string; id: number };
  data?: Record<string, unknown>;
}

/** Rows per INSERT: under SQLite's 32,766 bound parameters and MariaDB's packet size. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1000;

/** Allocates ids past the table's current maximum, so rows can reference each other before insertion. */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  async reserve(model: ModelStatic<Model>, n: number, transaction: Transaction): Promise<number> {
    const table = model.getTableName() as string;
    let start = this.next.get(table);
    if (start === undefined) start = Number((await model.max('id', { transaction })) ?? 0) + 1;
    this.next.set(table, start + n);
    return start;
  }
}

export interface SeedContext {
  sequelize: Sequelize;
  options: SeedOptions;
  rng: Rng;
  timeline: Timeline;
  domain: Domain;
  community: { id: number; title: string; cohortId: number; platformId: number; createdBy: number | null };
  people: SeedPerson[];
  ids: IdAllocator;
  activities: PendingActivity[];
  /** Rows written per table, for the report. */
  counts: Record<string, number>;
  /** What later seeders build on (rise-above targets, adaptation sources, agenda items…). */
  shared: Record<string, unknown>;
  log: (line: string) => void;
}

/** Insert rows in chunks with Model.bulkCreate (explicit ids and timestamps are kept). */
export async function insertRows(ctx: SeedContext, model: ModelStatic<Model>, rows: Array<Record<string, unknown>>, transaction: Transaction): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / (Object.keys(rows[0]).length + 2))));
  for (let i = 0; i < rows.length; i += size) {
    await model.bulkCreate(rows.slice(i, i + size), { transaction, hooks: false, validate: false });
  }
  const table = model.getTableName() as string;
  ctx.counts[table] = (ctx.counts[table] ?? 0) + rows.length;
}

/** Queue an activity row (the activity seeder writes them all, oldest first). */
export function activity(ctx: SeedContext, a: PendingActivity): void {
  ctx.activities.push(a);
}

/** The who-part of an activity row for a person. */
export function actor(p: SeedPerson): { userId: number; membershipId: number } {
  return { userId: p.userId, membershipId: p.membershipId };
}
