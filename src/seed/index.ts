/**
 * Seeded data: a realistic, deterministic community of practice, written in bulk. Used by
 * `npm run cli -- seed`, by the demo (a small living community on first start), by the benchmarks
 * and by tests. Each feature has its seeder; they run in the order of SEEDERS, each in its own
 * transactions, and the activity log is written last, in time order.
 */
import type { Sequelize } from 'sequelize';
import { Rng } from './random';
import { Timeline } from './timeline';
import { IdAllocator, type SeedContext, type SeedOptions } from './context';
import { DOMAINS } from './vocabulary';
import { openCommunity, seedFounder, seedTags } from './community';
import { seedPeople } from './people';
import { seedDiscussions, seedKnowledge } from './discussions';
import { seedResources } from './resources';
import { seedJournal } from './journal';
import { seedProblems } from './problems';
import { seedProfiles, seedMentoring } from './profiles';
import { seedCharter } from './charter';
import { seedGovernance } from './governance';
import { seedMeetings } from './meetings';
import { seedActivities } from './activity';

export type { SeedOptions, KnownPerson, SeedCourse } from './context';

/** One feature's seeder. A seeder reads what earlier ones left in ctx (people, tags, threads…). */
export interface Seeder {
  name: string;
  run: (ctx: SeedContext) => Promise<void>;
}

/**
 * The seeders, in order. A new feature adds its own where its dependencies are met (profiles need
 * people and tags; problems, threads) and takes its posts out of postBudget (discussions.ts).
 */
export const SEEDERS: Seeder[] = [
  { name: 'community', run: openCommunity },
  { name: 'people', run: seedPeople },
  { name: 'founder', run: seedFounder },
  { name: 'tags', run: seedTags },
  { name: 'profiles', run: seedProfiles },
  { name: 'mentoring', run: seedMentoring },
  { name: 'discussions', run: seedDiscussions },
  { name: 'knowledge', run: seedKnowledge },
  { name: 'resources', run: seedResources },
  { name: 'journal', run: seedJournal },
  { name: 'problems', run: seedProblems },
  { name: 'charter', run: seedCharter },
  { name: 'governance', run: seedGovernance },
  { name: 'meetings', run: seedMeetings },
  { name: 'activity', run: seedActivities },
];

export interface SeedResult {
  communityId: number;
  cohortId: number;
  /** The pinned welcome thread (the longest one: up to 500 posts). */
  longThreadId: number | null;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Milliseconds per seeder, and in all. */
  timings: Record<string, number>;
  ms: number;
}

/** Seed a community (see SeedOptions); the same options on the same database state give the same data. */
export async function seedCommunity(sequelize: Sequelize, options: SeedOptions, seeders: Seeder[] = SEEDERS): Promise<SeedResult> {
  const rng = new Rng(options.seed >>> 0);
  const ctx: SeedContext = {
    sequelize,
    options,
    rng,
    timeline: new Timeline(options.now, options.months),
    domain: options.domain ?? DOMAINS[rng.derive('domain').int(0, DOMAINS.length - 1)],
    community: { id: 0, title: '', cohortId: 0, platformId: 0, createdBy: null },
    people: [],
    ids: new IdAllocator(),
    activities: [],
    counts: {},
    shared: {},
    log: options.log ?? (() => undefined),
  };
  const started = performance.now();
  const timings: Record<string, number> = {};
  for (const seeder of seeders) {
    const t0 = performance.now();
    ctx.log(`${seeder.name}…`);
    await seeder.run(ctx);
    timings[seeder.name] = Math.round(performance.now() - t0);
  }
  return {
    communityId: ctx.community.id,
    cohortId: ctx.community.cohortId,
    longThreadId: (ctx.shared.longThreadId as number | undefined) ?? null,
    counts: ctx.counts,
    timings,
    ms: Math.round(performance.now() - started),
  };
}
