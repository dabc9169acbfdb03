/**
 * The people seeder: users (reused by (platform, sub) when the same seed ran before) and their
 * memberships. Most members launched the tool at some point; about a fifth are still only on the
 * LMS roster (status 'invited', source 'roster', never launched); a few left the course (inactive).
 */
import { Op, type Transaction } from 'sequelize';
import { User } from '../users/model';
import { Membership } from '../kernel/community';
import type { CommunityRole } from '../kernel/roles';
import type { Rng } from './random';
import { personName, emailFor } from './names';
import { activity, insertRows, type KnownPerson, type SeedContext, type SeedPerson } from './context';
import type { Lang } from './vocabulary';
import { singleTransaction } from '../db/retry';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
/** The LTI roles a roster would carry for each community role. */
export const LTI_ROLES: Record<CommunityRole, string[]> = {
  facilitator: [`${LIS}membership#Instructor`],
  mentor: [`${LIS}membership#Mentor`],
  member: [`${LIS}membership#Learner`],
  observer: [`${LIS}institution/person#Guest`],
};

type Spec = KnownPerson & { lang: Lang; status: SeedPerson['status']; joinedAt: Date; leftAt: Date | null; weight: number; launched: boolean };

/** Who is in the community: the known people first, then generated ones up to `members`. */
function specs(ctx: SeedContext): Spec[] {
  const { options, timeline } = ctx;
  const rng = ctx.rng.derive('people');
  const known = options.people ?? [];
  const facilitators = Math.max(2, Math.round(options.members / 50)) - known.filter((k) => k.role === 'facilitator').length;
  const out: Spec[] = known.map((k) => {
    const status = k.status ?? 'active';
    const joinedAt = timeline.at(rng.float() * 0.1);
    const leftAt = status === 'inactive' ? timeline.moment(rng, joinedAt) : null;
    return { ...k, lang: k.locale.startsWith('fr') ? 'fr' : 'en', status, joinedAt, leftAt, weight: k.weight ?? weightOf(rng, k.role), launched: status !== 'invited' };
  });
  for (let i = out.length; i < Math.max(options.members, known.length); i++) {
    const n = i - known.length + 1;
    const lang: Lang = rng.chance(0.65) ? 'fr' : 'en';
    const who = personName(rng, lang);
    const role: CommunityRole = n <= facilitators ? 'facilitator' : rng.chance(0.05) ? 'mentor' : rng.chance(0.02) ? 'observer' : 'member';
    const status = role === 'facilitator' ? 'active' : rng.chance(0.2) ? 'invited' : rng.chance(0.05) ? 'inactive' : 'active';
    // Half the members arrive with the course's first roster; the others over the months.
    const joinedAt = role === 'facilitator' ? timeline.at(rng.float() * 0.01) : rng.chance(0.5) ? timeline.at(rng.float() * 0.1) : timeline.moment(rng);
    const leftAt = status === 'inactive' ? timeline.moment(rng, joinedAt) : null;
    out.push({ sub: `${options.subPrefix ?? `seed${options.seed}-`}${n}`, ...who, email: emailFor(who, n), locale: lang === 'fr' ? 'fr-CA' : 'en', role, lang, status, joinedAt, leftAt, weight: weightOf(rng, role), launched: status !== 'invited' });
  }
  return out;
}

/** Participation is skewed: a few members write most of the content (facilitators more than most). */
function weightOf(rng: Rng, role: CommunityRole): number {
  const w = 0.2 + 20 * rng.float() ** 4;
  return role === 'facilitator' ? w * 3 + 2 : role === 'observer' ? 0 : w;
}

/** Existing users of the platform by sub (people reused across seeds and communities). */
async function existingUsers(platformId: number, subs: string[], transaction: Transaction): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < subs.length; i += 500) {
    const rows = await User.findAll({ where: { platformId, sub: { [Op.in]: subs.slice(i, i + 500) } }, attributes: ['id', 'sub'], transaction });
    for (const u of rows) found.set(u.sub, u.id);
  }
  return found;
}

/** Create the users and memberships; ctx.people lists them afterwards. */
export async function seedPeople(ctx: SeedContext): Promise<void> {
  const all = specs(ctx);
  const { community } = ctx;
  await singleTransaction(ctx.sequelize, async (t) => {
    const known = await existingUsers(community.platformId, all.map((s) => s.sub), t);
    let userId = await ctx.ids.reserve(User, all.length, t);
    const users: Array<Record<string, unknown>> = [];
    const lastLaunch = new Map<string, Date | null>();
    for (const s of all) {
      lastLaunch.set(s.sub, s.launched ? ctx.timeline.moment(ctx.rng.derive('launch', s.sub), s.joinedAt, s.leftAt ?? ctx.timeline.now) : null);
      if (known.has(s.sub)) continue;
      known.set(s.sub, userId);
      users.push({ id: userId++, platformId: community.platformId, sub: s.sub, name: s.name, givenName: s.givenName, familyName: s.familyName, email: s.email, locale: s.locale, lastLaunchAt: lastLaunch.get(s.sub), createdAt: s.joinedAt, updatedAt: s.joinedAt });
    }
    await insertRows(ctx, User, users, t);
    const existing = await Membership.findAll({ where: { communityId: community.id }, attributes: ['id', 'userId', 'role', 'status'], transaction: t });
    const byUser = new Map(existing.map((m) => [m.userId, m]));
    let membershipId = await ctx.ids.reserve(Membership, all.length, t);
    const memberships: Array<Record<string, unknown>> = [];
    ctx.people = all.map((s) => {
      const uid = known.get(s.sub)!;
      const mine = byUser.get(uid);
      const person: SeedPerson = { userId: uid, membershipId: mine?.id ?? membershipId++, sub: s.sub, name: s.name, lang: s.lang, role: mine?.role ?? s.role, status: mine?.status ?? s.status, joinedAt: s.joinedAt, leftAt: s.leftAt, weight: s.weight };
      if (!mine) memberships.push(membershipRow(ctx, person, lastLaunch.get(s.sub) ?? null, s.launched));
      return person;
    });
    await insertRows(ctx, Membership, memberships, t);
  });
  for (const p of ctx.people) if (p.status !== 'invited') queueLaunches(ctx, p);
}

function membershipRow(ctx: SeedContext, p: SeedPerson, lastLaunchAt: Date | null, launched: boolean): Record<string, unknown> {
  const rng = ctx.rng.derive('membership', p.sub);
  // A roster sync usually brings people in before their first launch (source stays 'roster').
  const source = launched && rng.chance(0.4) ? 'launch' : 'roster';
  const previousVisitAt = lastLaunchAt ? ctx.timeline.moment(rng, p.joinedAt, lastLaunchAt) : null;
  return {
    id: p.membershipId,
    userId: p.userId,
    communityId: ctx.community.id,
    cohortId: ctx.community.cohortId,
    role: p.role,
    ltiRoles: LTI_ROLES[p.role],
    status: p.status,
    source,
    lastLaunchAt,
    lastVisitAt: lastLaunchAt,
    previousVisitAt,
    createdAt: p.joinedAt,
    updatedAt: lastLaunchAt ?? p.joinedAt,
  };
}

/** Launch rows: people come back now and then, the most active ones more often. */
function queueLaunches(ctx: SeedContext, p: SeedPerson): void {
  const rng = ctx.rng.derive('launches', p.sub);
  const n = Math.min(60, rng.geometric(2 + p.weight * 2));
  for (let i = 0; i < n; i++) {
    activity(ctx, { createdAt: ctx.timeline.moment(rng, p.joinedAt, p.leftAt ?? ctx.timeline.now), userId: p.userId, membershipId: p.membershipId, verb: 'launch', data: { role: p.role } });
  }
}

/**
 * Picks authors: weighted by participation, among people who could write at that moment
 * (launched, joined before, not yet gone; observers never write).
 */
export class Authors {
  private readonly list: SeedPerson[];
  private readonly cumulative: number[] = [];

  constructor(people: SeedPerson[]) {
    this.list = people.filter((p) => p.status !== 'invited' && p.weight > 0).sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
    let total = 0;
    for (const p of this.list) this.cumulative.push((total += p.weight));
  }

  /** Someone who could write at `at` (the earliest member when nobody had joined yet). */
  pick(rng: Rng, at: Date): SeedPerson {
    const k = this.joinedBy(at);
    for (let attempt = 0; attempt < 8 && k > 0; attempt++) {
      const r = rng.float() * this.cumulative[k - 1];
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.cumulative[mid] <= r) lo = mid + 1;
        else hi = mid;
      }
      const p = this.list[lo];
      if (!p.leftAt || p.leftAt >= at) return p;
    }
    return this.list[0];
  }

  /** How many people can write. */
  count(): number {
    return this.list.length;
  }

  /** Everyone who can write, earliest to join first. */
  all(): readonly SeedPerson[] {
    return this.list;
  }

  /** Active facilitators (the charter's authors, the meetings' hosts). */
  facilitators(): SeedPerson[] {
    return this.list.filter((p) => p.role === 'facilitator' && p.status === 'active');
  }

  private joinedBy(at: Date): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].joinedAt <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
