import assert from 'node:assert/strict';
import { cycleOf, parseCycle, today } from '../../src/pd/cycles';
import { canReview, canResubmit, canSeeInstitutionReport, pdPolicy } from '../../src/pd/policy';

describe('PD cycles and policy (pure)', () => {
  it('a cycle runs from 1 July of an odd year to 30 June two years later', () => {
    const cases: Array<[string, string]> = [
      ['2025-06-30', '2023-2025'],
      ['2025-07-01', '2025-2027'],
      ['2026-06-30', '2025-2027'],
      ['2026-07-01', '2025-2027'],
      ['2027-06-30', '2025-2027'],
      ['2027-07-01', '2027-2029'],
      ['2028-01-15', '2027-2029'],
    ];
    for (const [day, key] of cases) assert.equal(cycleOf(day).key, key, day);
    assert.deepEqual(cycleOf('2026-11-22'), { key: '2025-2027', start: '2025-07-01', end: '2027-06-30', startYear: 2025 });
    assert.equal(parseCycle('2026-2028'), undefined, 'cycles start in odd years');
    assert.equal(parseCycle('2025-2028'), undefined);
    assert.equal(parseCycle('2025-2027')!.end, '2027-06-30');
    assert.equal(today(new Date('2027-07-01T03:30:00Z')), '2027-06-30', 'Québec time: still 30 June at 23:30');
  });

  it('who may declare, review, resubmit and see the institution report', () => {
    assert.deepEqual((['facilitator', 'mentor', 'member', 'observer'] as const).map((r) => pdPolicy.declare({ role: r })), [true, true, true, false]);
    const pending = { membershipId: 5, status: 'pending' as const, source: 'declared' as const };
    assert.equal(canReview({ role: 'facilitator' }, 1, pending), true);
    assert.equal(canReview({ role: 'facilitator' }, 5, pending), false, 'never one’s own declaration');
    assert.equal(canReview({ role: 'member' }, 1, pending), false);
    assert.equal(canReview({ role: 'facilitator' }, 1, { ...pending, status: 'approved' }), false);
    assert.equal(canResubmit(5, { ...pending, status: 'returned' }), true);
    assert.equal(canResubmit(6, { ...pending, status: 'returned' }), false);
    assert.equal(canSeeInstitutionReport({ institutionAdmin: true }), true);
    assert.equal(canSeeInstitutionReport({ institutionAdmin: false }), false);
  });
});
