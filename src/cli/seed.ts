import { parseArgs } from 'node:util';
import type { Runtime } from '../bootstrap';
import { seedCommunity } from '../seed';
import { DOMAINS, type Domain } from '../seed/vocabulary';
import { UsageError } from './usage';
import { Cohort } from '../kernel/community';

export const SEED_USAGE = 'seed --members N --posts N --resources N [--seed S] [--community ID | --title T] [--months M] [--domain teaching|nursing|advising] [--now ISO-DATE]';

function count(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`seed: --${name} takes a whole number from ${min} to ${max}\nusage: ${SEED_USAGE}`);
  return n;
}

/** Today at 00:00 UTC: reruns on the same day give the same dates (the seed never reads the clock otherwise). */
function today(): Date {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * `seed …`: fill the configured database (DATABASE_URL) with a realistic, deterministic community:
 * a new one (on the seed platform, or titled --title) or more content in an existing one (--community).
 */
export async function seedCommand(rt: Runtime, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      members: { type: 'string' }, posts: { type: 'string' }, resources: { type: 'string' }, seed: { type: 'string' },
      community: { type: 'string' }, title: { type: 'string' }, months: { type: 'string' }, domain: { type: 'string' }, now: { type: 'string' },
    },
    strict: true,
  });
  if (values.community && values.title) throw new UsageError(`seed: --community and --title exclude each other\nusage: ${SEED_USAGE}`);
  if (values.domain && !DOMAINS.includes(values.domain as Domain)) throw new UsageError(`seed: --domain is one of ${DOMAINS.join(', ')}`);
  const now = values.now ? new Date(values.now) : today();
  if (Number.isNaN(now.getTime())) throw new UsageError('seed: --now takes an ISO date, e.g. 2026-11-20 or 2026-11-20T12:00:00Z');
  const title = values.title?.trim();
  if (title !== undefined && (title.length < 3 || title.length > 200)) throw new UsageError('seed: --title takes 3 to 200 characters');
  const communityId = values.community === undefined ? undefined : count('community', values.community, 1, 2 ** 31 - 1);
  if (communityId && !(await Cohort.findOne({ where: { communityId } }))) throw new UsageError(`seed: no community ${communityId} with a linked course`);
  const started = Date.now();
  const result = await seedCommunity(rt.sequelize, {
    members: count('members', values.members, 2, 100_000),
    posts: count('posts', values.posts, 0, 2_000_000),
    resources: count('resources', values.resources, 0, 200_000),
    seed: values.seed === undefined ? 1 : count('seed', values.seed, 0, 2 ** 32 - 1),
    months: values.months === undefined ? 8 : count('months', values.months, 1, 60),
    communityId,
    title,
    domain: values.domain as Domain | undefined,
    now,
    log: (line) => out(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`),
  });
  out('');
  out(`Community ${result.communityId} seeded in ${(result.ms / 1000).toFixed(1)} s (longest thread: ${result.longThreadId ?? '—'}).`);
  for (const [table, n] of Object.entries(result.counts)) out(`  ${table.padEnd(26)} ${String(n).padStart(9)}`);
}
