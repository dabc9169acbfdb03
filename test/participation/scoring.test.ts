import assert from 'node:assert/strict';
import { computeScore, periodOf, beneficiary, type ScoringActivity } from '../../src/participation/scoring';
import { rulesSchema, rulesOf } from '../../src/participation/rules';
import { nextTimestamp } from '../../src/gradebook/outbox';

const ME = 7;
let seq = 0;
function act(verb: string, at: string, data: Record<string, unknown> = {}, extra: Partial<ScoringActivity> = {}): ScoringActivity {
  return { id: ++seq, verb, membershipId: ME, subjectType: 'post', subjectId: seq, data, createdAt: new Date(at), ...extra };
}
const start = new Date('2026-09-07T12:00:00Z'); // a Monday
const now = new Date('2026-09-30T12:00:00Z');
const score = (rows: ScoringActivity[], rules = {}, adj: Array<{ points: number; at: string }> = []) =>
  computeScore(ME, rows, adj.map((a, i) => ({ id: i + 1, points: a.points, reason: 'r', createdAt: new Date(a.at) })), rulesSchema.parse(rules), { defaultStart: start, now });

describe('participation scoring rules (pure)', () => {
  it('defaults: a course-long target of 30, the points of each kind, score = min(1, earned/target)', () => {
    const s = score([act('thread.create', '2026-09-08T10:00:00Z', { length: 500 }), act('post.reply', '2026-09-09T10:00:00Z', { length: 90 })]);
    assert.deepEqual([s.earned, s.maximum, s.scoreGiven, s.left], [5, 30, 5, 25]);
    assert.equal(s.ratio, 5 / 30);
    assert.deepEqual(s.byKind.thread, { count: 1, points: 3 });
    assert.equal(rulesOf({}).target, 30);
    assert.equal(rulesOf({ participation: { target: -1 } }).target, 30, 'invalid stored rules fall back to defaults');
  });

  it('minimum length: shorter written contributions earn nothing and say why; kinds without length are not affected', () => {
    const s = score([act('post.reply', '2026-09-08T10:00:00Z', { length: 79 }), act('post.reply', '2026-09-08T11:00:00Z', { length: 80 }), act('resource.share', '2026-09-08T12:00:00Z')], { minLength: 80 });
    assert.deepEqual(s.items.map((i) => [i.counted, i.reason]), [[false, 'too_short'], [true, undefined], [true, undefined]]);
    assert.equal(s.earned, 4);
    assert.equal(score([act('post.reply', '2026-09-08T10:00:00Z', { length: 3 })], { minLength: 0 }).earned, 2);
  });

  it('rewards reflective practice: journal entries, adaptation notes, help requests and introductions, each configurable', () => {
    const rows = [
      act('journal.create', '2026-09-08T10:00:00Z', { length: 300 }, { subjectType: 'thread' }),
      act('journal.create', '2026-09-08T11:00:00Z', { length: 300, adaptation: 'resource:4' }, { subjectType: 'thread' }),
      act('problem.create', '2026-09-08T12:00:00Z', { length: 40 }, { subjectType: 'problem' }),
      act('onboarding.introduce', '2026-09-08T13:00:00Z', { length: 20 }, { subjectType: 'profile' }),
    ];
    const s = score(rows);
    assert.deepEqual(s.items.map((i) => [i.kind, i.points]), [['journal', 2], ['adaptation', 3], ['problem', 2], ['introduction', 1]]);
    assert.equal(s.earned, 8);
    const custom = score(rows, { points: { journal: 4, adaptation: 6, problem: 0, introduction: 2 } });
    assert.equal(custom.earned, 12);
    const short = score([act('journal.create', '2026-09-08T10:00:00Z', { length: 30 }, { subjectType: 'thread' })], { minLength: 80 });
    assert.equal(short.items[0].reason, 'too_short', 'the length rule applies to journal entries too');
    const deleted = score([rows[0], act('journal.delete', '2026-09-09T10:00:00Z', {}, { subjectType: 'thread', subjectId: rows[0].subjectId })]);
    assert.equal(deleted.earned, 0, 'a deleted entry stops counting');
  });

  it('a weekly cap limits what any one week can earn, in a course-long period too', () => {
    const burst = Array.from({ length: 5 }, (_, i) => act('thread.create', `2026-09-08T1${i}:00:00Z`, { length: 500 })); // week 1: 15 points
    const later = [act('thread.create', '2026-09-15T10:00:00Z', { length: 500 })]; // week 2: 3 points
    const s = score([...burst, ...later], { weeklyCap: 6 });
    assert.deepEqual([s.earned, s.periods[0].overCap], [9, 9], 'week 1 gives 6 of its 15, week 2 its 3');
    assert.equal(score([...burst, ...later]).earned, 18, 'no weekly cap by default');
  });

  it('the score never exceeds 1, and a cap limits what one period can earn', () => {
    const many = Array.from({ length: 30 }, (_, i) => act('thread.create', `2026-09-08T10:${String(i).padStart(2, '0')}:00Z`, { length: 500 }));
    const s = score(many, { target: 30 });
    assert.deepEqual([s.earned, s.scoreGiven, s.ratio], [90, 30, 1]);
    const capped = score(many, { target: 30, cap: 20 });
    assert.deepEqual([capped.earned, capped.periods[0].overCap], [20, 70]);
  });

  it('weekly periods: weeks from the start date (Québec time), target × weeks, cap per week; the current week is shown', () => {
    const rules = { period: 'weekly', target: 5, cap: 6, weeks: 10, startDate: '2026-09-07' };
    const rows = [
      act('thread.create', '2026-09-07T04:30:00Z', { length: 500 }), // Sunday 00:30 in Montréal: before week 1 → counted in week 1
      act('thread.create', '2026-09-08T10:00:00Z', { length: 500 }),
      act('thread.create', '2026-09-09T10:00:00Z', { length: 500 }), // week 1: 9 raw, capped to 6
      act('post.reply', '2026-09-14T04:30:00Z', { length: 500 }), // Monday 00:30 in Montréal: week 2
    ];
    const s = score(rows, rules);
    assert.deepEqual(s.periods.map((p) => [p.key, p.raw, p.earned]), [['w1', 9, 6], ['w2', 2, 2], ['w4', 0, 0]]);
    assert.deepEqual([s.earned, s.maximum, s.current?.key], [8, 50, 'w4']);
    assert.deepEqual(periodOf(new Date('2026-09-13T23:00:00-04:00'), rulesSchema.parse(rules), start), { key: 'w1', week: 1 });
    assert.deepEqual(periodOf(new Date('2026-09-14T00:00:00-04:00'), rulesSchema.parse(rules), start), { key: 'w2', week: 2 });
  });

  it('manual adjustments apply after the cap, in their period, and never take a period below zero', () => {
    const rows = [act('thread.create', '2026-09-08T10:00:00Z', { length: 500 }), act('thread.create', '2026-09-08T11:00:00Z', { length: 500 })];
    const s = score(rows, { cap: 4 }, [{ points: 3, at: '2026-09-10T00:00:00Z' }]);
    assert.equal(s.earned, 7, 'cap 4 + 3 adjusted');
    assert.equal(score(rows, {}, [{ points: -20, at: '2026-09-10T00:00:00Z' }]).earned, 0);
    const weekly = score(rows, { period: 'weekly', startDate: '2026-09-07' }, [{ points: 2, at: '2026-09-22T00:00:00Z' }]);
    assert.deepEqual(weekly.periods.map((p) => [p.key, p.earned]), [['w1', 6], ['w3', 2], ['w4', 0]]);
  });

  it('credits: endorsements and accepted solutions go to the author, once, never for one’s own work', () => {
    const other = 9;
    const e = (endorser: number, resource: number, author = ME) => act('resource.endorse', '2026-09-08T10:00:00Z', { authorMembershipId: author }, { membershipId: endorser, subjectType: 'resource', subjectId: resource });
    const rows = [e(other, 1), e(other, 1), e(11, 1), e(ME, 2), e(other, 3, 12)];
    assert.equal(beneficiary(rows[0]), ME);
    const s = score(rows);
    assert.deepEqual(s.items.map((i) => i.reason ?? 'ok'), ['ok', 'duplicate', 'ok', 'self']);
    assert.equal(s.byKind.endorsementReceived.count, 2);
    const acc = act('solution.accept', '2026-09-08T10:00:00Z', { authorMembershipId: String(ME) }, { membershipId: other, subjectType: 'lead', subjectId: 5 });
    assert.equal(score([acc]).earned, 5, 'an id written as a string still credits');
  });

  it('meetings: attendance earns points until revoked; confirming twice counts once; votes count once per proposal', () => {
    const m = (verb: string, at: string, meeting = 3) => act(verb, at, { minutes: 90 }, { subjectType: 'meeting', subjectId: meeting });
    assert.equal(score([m('meeting.attended', '2026-09-08T10:00:00Z'), m('meeting.attended', '2026-09-08T11:00:00Z')]).earned, 4);
    const revoked = score([m('meeting.attended', '2026-09-08T10:00:00Z'), m('meeting.attendance_revoked', '2026-09-09T10:00:00Z')]);
    assert.deepEqual([revoked.earned, revoked.items[0].reason], [0, 'revoked']);
    const facilitatorConfirms = act('meeting.attended', '2026-09-08T10:00:00Z', { minutes: 60, attendeeMembershipId: ME }, { membershipId: 1, subjectType: 'meeting', subjectId: 4 });
    assert.equal(score([facilitatorConfirms]).earned, 4, 'the attendee, not the confirming facilitator, is credited');
    const v = (proposal: number) => act('vote.cast', '2026-09-08T10:00:00Z', {}, { subjectType: 'proposal', subjectId: proposal });
    assert.equal(score([v(1), v(1), v(2)]).earned, 2);
  });

  it('withdrawals: an endorsement withdrawn stops counting (and counts again when given again); a deleted contribution stops counting, whoever deleted it', () => {
    const e = (verb: string, at: string) => act(verb, at, { authorMembershipId: ME }, { membershipId: 9, subjectType: 'resource', subjectId: 3 });
    const s = score([e('resource.endorse', '2026-09-08T10:00:00Z'), e('resource.unendorse', '2026-09-08T11:00:00Z')]);
    assert.deepEqual([s.earned, s.items[0].reason], [0, 'unendorsed']);
    assert.equal(score([e('resource.endorse', '2026-09-08T10:00:00Z'), e('resource.unendorse', '2026-09-08T11:00:00Z'), e('resource.endorse', '2026-09-08T12:00:00Z')]).earned, 1);
    const thread = act('thread.create', '2026-09-08T10:00:00Z', { length: 500, postId: 55 }, { subjectType: 'thread', subjectId: 4 });
    const reply = act('post.reply', '2026-09-08T10:30:00Z', { length: 500 }, { subjectType: 'post', subjectId: 56 });
    const byModerator = (id: number) => act('post.delete', '2026-09-09T10:00:00Z', {}, { membershipId: 1, subjectType: 'post', subjectId: id });
    const after = score([thread, reply, byModerator(56)]);
    assert.deepEqual([after.earned, after.items.map((i) => i.reason ?? 'ok')], [3, ['ok', 'deleted']]);
    assert.equal(score([thread, reply, byModerator(55)]).earned, 2, 'deleting the opening post withdraws the thread');
    assert.equal(score([thread, act('resource.delete', '2026-09-09T10:00:00Z', {}, { membershipId: 1, subjectType: 'resource', subjectId: 4 })]).earned, 3, 'another kind of subject with the same id is not touched');
  });

  it('outbox timestamps: whole seconds, strictly increasing even within one second', () => {
    const t0 = new Date('2026-09-08T10:00:00.700Z');
    const a = nextTimestamp(null, t0);
    const b = nextTimestamp(a, t0);
    const c = nextTimestamp(b, new Date('2026-09-08T10:00:05.100Z'));
    assert.deepEqual([a, b, c].map((d) => d.toISOString()), ['2026-09-08T10:00:00.000Z', '2026-09-08T10:00:01.000Z', '2026-09-08T10:00:05.000Z']);
  });
});
