import assert from 'node:assert/strict';
import { governancePolicy, proposalCan } from '../../src/governance/policy';
import { policyTable } from '../helpers/policy-table';

const now = new Date('2026-12-03T12:00:00Z');
const open = { status: 'open', deadline: new Date(now.getTime() + 3_600_000) };

describe('governance policy (role × charter × proposal state × deadline): one member, one vote', () => {
  policyTable([
    ['see governance', (r) => governancePolicy.view({ role: r }), '1 1 1 1 0'],
    ['open a proposal', (r) => governancePolicy.open({ role: r }, true), '1 1 1 0 0'],
    ['open a proposal before any charter', (r) => governancePolicy.open({ role: r }, false), '0 0 0 0 0'],
    ['vote on an open proposal', (r) => governancePolicy.vote({ role: r }, open, now), '1 1 1 0 0'],
    ['vote after the deadline', (r) => governancePolicy.vote({ role: r }, { ...open, deadline: now }, now), '0 0 0 0 0'],
    ['vote on a closed proposal', (r) => governancePolicy.vote({ role: r }, { ...open, status: 'adopted' }, now), '0 0 0 0 0'],
  ]);

  it('the can map of a proposal is its vote rule', () => {
    assert.deepEqual(proposalCan({ role: 'member' }, open, now), { vote: true });
    assert.deepEqual(proposalCan({ role: 'observer' }, open, now), { vote: false });
  });
});
