/**
 * The dashboard's daily roll-ups (src/analytics/daily.ts) against the activity log they count:
 * after members write (listener and bulk inserts, a rolled-back transaction), after an erasure,
 * a deleted membership and a purge of a member's activity, after a change of the community's
 * zone, and after the backfill migration. Then the figures read from the roll-ups against the
 * same figures read from the log, and a guard that the dashboard no longer reads contributions
 * row by row.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { QueryTypes, type Sequelize } from 'sequelize';
import { harness } from '../helpers/harness';
import { buildCommunity, buildMembership } from '../factories';
import { seedCommunity, type Plan } from './seed';
import { Activity, recordActivity } from '../../src/activity/model';
import { Community, Membership } from '../../src/kernel/community';
import { retryTransaction } from '../../src/db/retry';
import { eraseUser } from '../../src/privacy/erase';
import { setCommunityZone } from '../../src/communities/service';
import { rebuildDaily } from '../../src/analytics/daily';
import { VERB_KIND } from '../../src/analytics/kinds';
import { loadHistory } from '../../src/analytics/load';
import { dashboardFigures, historyRange } from '../../src/analytics/figures';
import { resolvePeriod, stageWindow } from '../../src/analytics/period';
import { up, down } from '../../migrations/20261203T9100-activity-daily';
import { up as firstsUp, down as firstsDown } from '../../migrations/20261203T9430-activity-firsts';

const DEFAULT_ZONE = 'America/Toronto';

/** The test's own reading of what a roll-up line is: contributions by kind, profile updates with kind ''. */
function lineOf(verb: string, data: Record<string, unknown> | null): { kind: string } | null {
  if (verb === 'profile.update') return { kind: '' };
  const kind = VERB_KIND[verb];
  if (!kind) return null;
  if (verb === 'thread.create' && data?.kind === 'knowledge') return { kind: 'learning' };
  if (verb === 'thread.create' && data?.kind === 'problem') return { kind: 'solving' };
  if (verb === 'journal.create' && data?.adaptation) return { kind: 'learning' };
  return { kind };
}

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** The roll-ups a scan of the log gives, as sorted text lines (member|day|verb|kind|count|links|first|last). */
async function scan(sequelize: Sequelize, communityId: number): Promise<string[]> {
  const [c] = await sequelize.query<{ time_zone: string | null }>('SELECT time_zone FROM communities WHERE id = ?', { replacements: [communityId], type: QueryTypes.SELECT });
  const zone = c.time_zone ?? DEFAULT_ZONE;
  const rows = await sequelize.query<{ membership_id: number | null; verb: string; data: string | null; created_at: unknown }>(
    'SELECT membership_id, verb, data, created_at FROM activities WHERE community_id = ?',
    { replacements: [communityId], type: QueryTypes.SELECT },
  );
  const lines = new Map<string, { count: number; links: number; first: string; last: string }>();
  for (const r of rows) {
    const data = r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null;
    const line = r.membership_id === null ? null : lineOf(r.verb, data);
    if (!line) continue;
    const at = iso(r.created_at);
    const key = `${r.membership_id}|${DateTime.fromISO(at, { zone }).toISODate()}|${r.verb}|${line.kind}`;
    const l = lines.get(key) ?? { count: 0, links: 0, first: at, last: at };
    l.count++;
    if (r.verb === 'post.rise_above' && Array.isArray(data?.links)) l.links += (data!.links as unknown[]).length;
    if (at < l.first) l.first = at;
    if (at > l.last) l.last = at;
    lines.set(key, l);
  }
  return [...lines].map(([k, l]) => `${k}|${l.count}|${l.links}|${l.first}|${l.last}`).sort();
}

async function rollups(sequelize: Sequelize, communityId: number): Promise<string[]> {
  const rows = await sequelize.query<{ membership_id: number; day: string; verb: string; kind: string; count: number; links: number; first_at: unknown; last_at: unknown }>(
    'SELECT membership_id, CAST(day AS CHAR(10)) AS day, verb, kind, count, links, first_at, last_at FROM activity_daily WHERE community_id = ?',
    { replacements: [communityId], type: QueryTypes.SELECT },
  );
  return rows.map((r) => `${r.membership_id}|${r.day}|${r.verb}|${r.kind}|${r.count}|${r.links}|${iso(r.first_at)}|${iso(r.last_at)}`).sort();
}

async function assertEqualToLog(sequelize: Sequelize, communityId: number, message: string) {
  const expected = await scan(sequelize, communityId);
  assert.ok(expected.length > 0, 'the log holds counted activities');
  assert.deepEqual(await rollups(sequelize, communityId), expected, message);
  assert.deepEqual(await firsts(sequelize, communityId), firstsOf(expected), `${message} (each member's first instant per kind)`);
}

/** Each member's first day and instant per kind, from scanned roll-up lines (member|day|verb|kind|count|links|first|last). */
function firstsOf(lines: string[]): string[] {
  const out = new Map<string, { day: string; first: string }>();
  for (const line of lines) {
    const [member, day, , kind, , , first] = line.split('|');
    const key = `${member}|${kind}`;
    const prev = out.get(key);
    if (!prev || first < prev.first) out.set(key, { day, first });
  }
  return [...out].map(([k, v]) => `${k}|${v.day}|${v.first}`).sort();
}

async function firsts(sequelize: Sequelize, communityId: number): Promise<string[]> {
  const rows = await sequelize.query<{ membership_id: number; kind: string; day: string; first_at: unknown }>(
    'SELECT membership_id, kind, CAST(day AS CHAR(10)) AS day, first_at FROM activity_firsts WHERE community_id = ?',
    { replacements: [communityId], type: QueryTypes.SELECT },
  );
  return rows.map((r) => `${r.membership_id}|${r.kind}|${r.day}|${iso(r.first_at)}`).sort();
}

/** A community in Vancouver with three members who write through recordActivity and in bulk, across local midnights. */
async function writingCommunity() {
  const c = await buildCommunity();
  await c.community.update({ timeZone: 'America/Vancouver' });
  const [a, b, x] = [await buildMembership(c), await buildMembership(c), await buildMembership(c)];
  const act = (m: { membership: Membership; user: { id: number } }, verb: string, data?: Record<string, unknown>) =>
    recordActivity({ communityId: c.community.id, userId: m.user.id, membershipId: m.membership.id, verb, subject: { type: 'post', id: 1 }, data });
  await act(a, 'thread.create', { kind: 'knowledge', length: 300 });
  await act(a, 'thread.create', { kind: 'discussion', length: 300 });
  await act(a, 'post.reply', { length: 200 });
  await act(a, 'post.reply', { length: 200 });
  await act(b, 'post.rise_above', { links: [1, 2, 3] });
  await act(b, 'journal.create', { adaptation: { type: 'resource', id: 1 } });
  await act(b, 'profile.update');
  await act(x, 'reaction.add');
  await act(x, 'vote.cast');
  await recordActivity({ communityId: c.community.id, verb: 'proposal.decided', data: { result: 'adopted' } });
  await act(x, 'problem.create');
  // Two in one transaction (as a command does).
  await retryTransaction(Activity.sequelize!, async (t) => {
    await recordActivity({ communityId: c.community.id, membershipId: x.membership.id, verb: 'lead.create', data: { problemId: 1 } }, t);
    await recordActivity({ communityId: c.community.id, membershipId: x.membership.id, verb: 'lead.create', data: { problemId: 2 } }, t);
  });
  // Bulk rows (seeds): a minute on each side of midnight in Vancouver (08:00 UTC in winter), on two days.
  const midnight = DateTime.fromISO('2026-11-20T00:00', { zone: 'America/Vancouver' });
  await Activity.bulkCreate(
    [-1, 1, 24 * 60 - 1, 24 * 60 + 1].flatMap((minutes) => [
      { communityId: c.community.id, membershipId: a.membership.id, verb: 'post.reply', data: JSON.stringify({ length: 200 }), createdAt: midnight.plus({ minutes }).toJSDate() },
      { communityId: c.community.id, membershipId: b.membership.id, verb: 'post.knowledge', createdAt: midnight.plus({ minutes }).toJSDate() },
      { communityId: c.community.id, membershipId: null, verb: 'post.reply', createdAt: midnight.plus({ minutes }).toJSDate() },
    ]),
  );
  return { c, a, b, x };
}

describe('analytics daily roll-ups', function () {
  this.timeout(180_000);
  let sequelize: Sequelize;
  before(async () => {
    sequelize = (await harness()).runtime.sequelize;
  });

  it('stay equal to a scan of the log after members write (listener, bulk rows, local midnights), and a rolled-back write adds nothing', async () => {
    const { c, a } = await writingCommunity();
    await assertEqualToLog(sequelize, c.community.id, 'after writes');
    const days = (await rollups(sequelize, c.community.id)).filter((l) => l.startsWith(`${a.membership.id}|2026-11-`)).map((l) => l.split('|')[1]);
    assert.deepEqual([...new Set(days)].sort(), ['2026-11-19', '2026-11-20', '2026-11-21'], 'days are Vancouver days');
    const before = await rollups(sequelize, c.community.id);
    await assert.rejects(
      retryTransaction(sequelize, async (t) => {
        await recordActivity({ communityId: c.community.id, membershipId: a.membership.id, verb: 'post.reply', data: { length: 200 } }, t);
        throw new Error('the command fails after writing');
      }),
      /the command fails/,
    );
    assert.deepEqual(await rollups(sequelize, c.community.id), before, 'the roll-up went with its activity');
  });

  it('stay equal to the log after an erasure, a deleted membership and a purge of a member\'s activity', async () => {
    const { c, a, b, x } = await writingCommunity();
    await retryTransaction(sequelize, (t) => eraseUser(sequelize, a.user.id, { keepContributions: false }, t));
    await assertEqualToLog(sequelize, c.community.id, 'after an erasure: the log and its counts are kept, under the anonymous membership');
    assert.equal((await Membership.findByPk(a.membership.id))!.status, 'removed');
    await Membership.destroy({ where: { id: b.membership.id } });
    await assertEqualToLog(sequelize, c.community.id, 'after a membership was deleted (its log rows lose their member)');
    assert.ok(!(await rollups(sequelize, c.community.id)).some((l) => l.startsWith(`${b.membership.id}|`)));
    await sequelize.query('DELETE FROM activities WHERE membership_id = ?', { replacements: [x.membership.id] });
    await retryTransaction(sequelize, (t) => rebuildDaily(sequelize, c.community.id, t));
    await assertEqualToLog(sequelize, c.community.id, 'after a purge of one member\'s activity and a rebuild');
  });

  it('move to the new days when the community changes time zone', async () => {
    const { c, a } = await writingCommunity();
    const community = (await Community.findByPk(c.community.id))!;
    // An instant whose day differs in Kolkata from Vancouver's and from the default zone's (15:00 in Toronto, 01:30 the next day in Kolkata).
    await Activity.bulkCreate([{ communityId: c.community.id, membershipId: a.membership.id, verb: 'post.reply', data: JSON.stringify({ length: 120 }), createdAt: new Date('2026-11-25T20:00:00Z') }]);
    await retryTransaction(sequelize, (t) => setCommunityZone(a.actor, community, 'Asia/Kolkata', t));
    assert.ok((await rollups(sequelize, c.community.id)).some((l) => l.startsWith(`${a.membership.id}|2026-11-26|post.reply|`)), 'the evening reply is on the next day in Kolkata');
    await assertEqualToLog(sequelize, c.community.id, 'counted in Kolkata days');
  });

  it('are built from the existing log by the migrations (down, then up): the roll-ups, then each member\'s first instants from them', async () => {
    const { c } = await writingCommunity();
    const other = await writingCommunity();
    const context = { queryInterface: sequelize.getQueryInterface(), sequelize };
    await firstsDown({ context });
    await down({ context });
    // Rows written while the tables are gone, as before the migrations (bulk, no hooks).
    await Activity.bulkCreate([{ communityId: c.community.id, membershipId: other.a.membership.id, verb: 'resource.share', createdAt: new Date('2026-06-01T12:00:00Z') }], { hooks: false });
    await up({ context });
    await firstsUp({ context });
    await assertEqualToLog(sequelize, c.community.id, 'first community');
    await assertEqualToLog(sequelize, other.c.community.id, 'second community');
  });

  describe('on a seeded community', () => {
    let plan: Plan;
    let community: Community;
    before(async () => {
      plan = await seedCommunity(new Date(), 11);
      community = (await Community.findByPk(plan.community.id))!;
    });

    it('give the same dashboard figures as reading the log row by row, for every period and cohort', async () => {
      await assertEqualToLog(sequelize, community.id, 'seeded in bulk');
      const to = DateTime.fromJSDate(plan.now, { zone: DEFAULT_ZONE }).minus({ days: 10 });
      const periods = [
        resolvePeriod({ period: '4w' }, community.createdAt, plan.now),
        resolvePeriod({ period: '12w' }, community.createdAt, plan.now),
        resolvePeriod({ period: 'all' }, community.createdAt, plan.now),
        resolvePeriod({ period: 'custom', from: to.minus({ days: 3 }).toISODate()!, to: to.toISODate()! }, community.createdAt, plan.now),
      ];
      for (const period of periods) {
        for (const cohortId of [null, plan.cohorts[1]]) {
          const range = historyRange(period);
          const windows = [{ since: period.since, until: period.until }, stageWindow(period)];
          const daily = await loadHistory(community, range.since, range.until, { cohortId, windows });
          const log = await loadHistory(community, range.since, range.until, { fromLog: true });
          assert.ok(daily.tallies && !log.tallies, 'one from the roll-ups, one from the log');
          assert.deepEqual(dashboardFigures(daily, period, cohortId), dashboardFigures(log, period, cohortId), `${period.key} ${period.fromDate}, cohort ${cohortId}`);
        }
      }
    });

    it('no longer reads contributions from the log: a fixed number of statements, none loading contribution rows', async () => {
      const period = resolvePeriod({ period: '12w' }, community.createdAt, plan.now);
      const range = historyRange(period);
      const windows = [{ since: period.since, until: period.until }, stageWindow(period)];
      const statements = async (c: Pick<Community, 'id' | 'createdAt' | 'timeZone'>) => {
        const sql: string[] = [];
        const hook = (_options: unknown, query: object) => void sql.push((query as { sql?: string }).sql ?? '');
        sequelize.addHook('afterQuery', 'daily-guard', hook);
        try {
          const h = await loadHistory(c, range.since, range.until, { windows });
          return { sql, acts: h.acts };
        } finally {
          sequelize.removeHook('afterQuery', 'daily-guard');
        }
      };
      const seeded = await statements(community);
      const bare = (await buildCommunity()).community;
      const empty = await statements({ id: bare.id, createdAt: bare.createdAt, timeZone: null });
      // The same statements for thousands of activities as for none, plus the decided proposals' titles and votes.
      assert.equal(seeded.sql.length, empty.sql.length + 2);
      const fromLog = seeded.sql.filter((s) => /FROM `?activities`?/i.test(s));
      assert.ok(fromLog.length > 0);
      // Votes are read for the decided proposals only (who voted), never as contributions.
      for (const s of fromLog) assert.doesNotMatch(s, /'post\.reply'|'thread\.create'|'resource\.share'|'meeting\.attended'/, `reads no contribution rows: ${s.slice(0, 200)}`);
      assert.ok(seeded.acts.every((a) => ['problem.create', 'lead.create', 'solution.accept', 'problem.resolve', 'proposal.decided'].includes(a.verb)), 'only problem requests and decisions are read row by row');
      assert.ok(seeded.acts.length < plan.acts.length / 10);
    });
  });
});
