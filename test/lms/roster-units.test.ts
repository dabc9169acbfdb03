import assert from 'node:assert/strict';
import { parseLinkHeader, parseMembershipPage } from '../../src/lms/nrps-schema';
import { parseRetryAfter } from '../../src/lms/errors';
import { planMemberships, type ExistingMembership } from '../../src/lms/apply';
import { isDue } from '../../src/lms/schedule';
import { backoffMs } from '../../src/lms/sync';
import { withLimit } from '../../src/lms/nrps';
import { membersCan } from '../../src/members/policy';
import { catalogKeys } from '../../src/i18n';

describe('roster sync: pure parts', () => {
  it('parses Link headers (several links, quoted or bare rel, several rels)', () => {
    assert.deepEqual(parseLinkHeader('<https://lms/x?page=2>; rel="next", <https://lms/x?since=5>; rel=differences'), {
      next: 'https://lms/x?page=2',
      differences: 'https://lms/x?since=5',
    });
    assert.deepEqual(parseLinkHeader('<https://a/1>; title="t"; rel="next last"'), { next: 'https://a/1', last: 'https://a/1' });
    assert.deepEqual(parseLinkHeader(null), {});
  });

  it('adds a page limit unless the URL has one, keeping its query (Moodle ?type_id=)', () => {
    assert.equal(withLimit('https://lms/m?type_id=1'), 'https://lms/m?type_id=1&limit=100');
    assert.equal(withLimit('https://lms/m?limit=20'), 'https://lms/m?limit=20');
  });

  it('parses a membership page: Moodle short roles, Canvas URIs, numeric ids; skips unusable entries', () => {
    const page = parseMembershipPage({
      members: [
        { user_id: 'a', roles: ['Learner'], name: ' Ana ', email: 'not-an-email' },
        { user_id: 42, roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'], status: 'Inactive', picture: 'javascript:x' },
        { user_id: 'c', status: 'Deleted' },
        { roles: ['Learner'] },
        'junk',
      ],
    });
    assert.ok(page);
    assert.equal(page.skipped, 2);
    assert.deepEqual(page.members.map((m) => [m.userId, m.status, m.roles.length, m.name, m.email, m.picture]), [
      ['a', 'Active', 1, 'Ana', undefined, undefined],
      ['42', 'Inactive', 1, undefined, undefined, undefined],
      ['c', 'Deleted', 0, undefined, undefined, undefined],
    ]);
    assert.equal(parseMembershipPage({ id: 'x' }), null);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('7'), 7000);
    assert.equal(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString(), Date.now())! > 58_000, true);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  it('backs off 30 s, 1 min, 2 min… up to an hour', () => {
    assert.deepEqual([1, 2, 3, 10].map(backoffMs), [30_000, 60_000, 120_000, 3600_000]);
  });

  it('plans memberships: invited, reactivated, removed stays removed, another course keeps its members', () => {
    const ex = (id: number, userId: number, status: ExistingMembership['status'], extra: Partial<ExistingMembership> = {}): ExistingMembership => ({
      id, userId, cohortId: 1, role: 'member', ltiRoles: '["Learner"]', status, source: 'launch', lastLaunchAt: null, ...extra,
    });
    const m = (userId: string, roles = ['Learner'], status: 'Active' | 'Inactive' | 'Deleted' = 'Active') => ({ userId, roles, status });
    const ids = new Map(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'].map((s, i) => [s, i + 1]));
    const existing = [
      ex(1, 1, 'active'),
      ex(2, 2, 'inactive', { lastLaunchAt: new Date() }),
      ex(3, 3, 'removed'),
      ex(4, 4, 'active', { cohortId: 2 }),
      ex(5, 5, 'invited'),
      ex(6, 6, 'active'),
      ex(8, 8, 'inactive'),
    ];
    const plan = planMemberships({ id: 1, communityId: 9 }, existing, [m('u1', ['Instructor']), m('u2'), m('u3'), m('u4', ['Mentor']), m('u5', ['Learner'], 'Inactive'), m('u7'), m('u8')], ids, true);
    assert.deepEqual(plan.counts, { added: 1, reactivated: 2, updated: 1, deactivated: 2 });
    assert.deepEqual(plan.inserts.map((r) => [r.userId, r.status, r.source]), [[7, 'invited', 'roster']]);
    assert.deepEqual(plan.updates.map((r) => [r.userId, r.status, r.role]), [[1, 'active', 'facilitator'], [2, 'active', 'member'], [8, 'invited', 'member']]);
    assert.deepEqual(plan.deactivate.sort(), [5, 6], 'u5 listed Inactive, u6 absent; u4 belongs to another course');
    const partial = planMemberships({ id: 1, communityId: 9 }, existing, [m('u1')], ids, false);
    assert.deepEqual(partial.deactivate, [], 'an incomplete roster (differences) deactivates nobody by absence');
  });

  it('keeps the LMS role list unchanged when the community role is the same (no churn between launch URIs and NRPS short names)', () => {
    const existing: ExistingMembership[] = [{ id: 1, userId: 1, cohortId: 1, role: 'member', ltiRoles: '["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]', status: 'active', source: 'launch', lastLaunchAt: null }];
    const plan = planMemberships({ id: 1, communityId: 1 }, existing, [{ userId: 'u', roles: ['Learner'], status: 'Active' }], new Map([['u', 1]]), true);
    assert.deepEqual([plan.updates.length, plan.counts.updated], [0, 0]);
  });

  it('decides which cohorts are due, as a table', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const ago = (min: number) => new Date(now.getTime() - min * 60_000);
    const base = { requestedAt: null, leaseUntil: null, nextAttemptAt: null, finishedAt: ago(10), stoppedUrl: null };
    const url = { nrpsUrl: 'https://lms/nrps' };
    const rows: Array<[string, boolean, boolean]> = [
      ['no NRPS URL', isDue({ nrpsUrl: null }, null, now, 60), false],
      ['never synced', isDue(url, null, now, 60), true],
      ['synced 10 min ago, interval 60', isDue(url, base, now, 60), false],
      ['synced 90 min ago', isDue(url, { ...base, finishedAt: ago(90) }, now, 60), true],
      ['requested', isDue(url, { ...base, requestedAt: ago(1) }, now, 60), true],
      ['leased by a worker', isDue(url, { ...base, requestedAt: ago(1), leaseUntil: new Date(now.getTime() + 1000) }, now, 60), false],
      ['backoff not over', isDue(url, { ...base, finishedAt: ago(90), nextAttemptAt: new Date(now.getTime() + 1000) }, now, 60), false],
      ['backoff over', isDue(url, { ...base, nextAttemptAt: ago(1) }, now, 60), true],
      ['link removed (404)', isDue(url, { ...base, finishedAt: ago(999), stoppedUrl: url.nrpsUrl }, now, 60), false],
      ['removed link, then a new URL from a launch', isDue(url, { ...base, stoppedUrl: 'https://lms/old' }, now, 60), true],
      ['removed link, a facilitator asks', isDue(url, { ...base, stoppedUrl: url.nrpsUrl, requestedAt: ago(1) }, now, 60), true],
    ];
    for (const [name, got, want] of rows) assert.equal(got, want, name);
  });

  it('members policy: only facilitators see invited/inactive people and sync; everyone sees the page', () => {
    assert.deepEqual(
      (['facilitator', 'mentor', 'member', 'observer'] as const).map((r) => {
        const c = membersCan({ role: r });
        return [r, c.view, c.seeAllStatuses, c.syncRoster];
      }),
      [['facilitator', true, true, true], ['mentor', true, false, false], ['member', true, false, false], ['observer', true, false, false]],
    );
  });

  it('has the same members keys in French and English', () => {
    const pick = (lang: 'fr' | 'en') => catalogKeys(lang).filter((k) => k.startsWith('members.'));
    assert.deepEqual(pick('fr'), pick('en'));
    assert.ok(pick('en').includes('members.errors.scope_not_granted'));
  });
});
