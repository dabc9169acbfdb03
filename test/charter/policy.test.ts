import assert from 'node:assert/strict';
import { charterCan, charterPolicy } from '../../src/charter/policy';
import { policyTable } from '../helpers/policy-table';

describe('charter policy (role × whether a charter exists)', () => {
  policyTable([
    ['draft the first charter', (r) => charterPolicy.draft({ role: r }, false), '1 0 0 0 0'],
    ['draft once a charter exists (only an amendment changes it)', (r) => charterPolicy.draft({ role: r }, true), '0 0 0 0 0'],
    ['acknowledge the charter', (r) => charterPolicy.acknowledge({ role: r }, true), '1 1 1 1 0'],
    ['acknowledge before any charter', (r) => charterPolicy.acknowledge({ role: r }, false), '0 0 0 0 0'],
    ['propose an amendment', (r) => charterPolicy.amend({ role: r }, true), '1 1 1 0 0'],
    ['propose an amendment before any charter', (r) => charterPolicy.amend({ role: r }, false), '0 0 0 0 0'],
  ]);

  it('the can map views receive is the policy, action by action', () => {
    assert.deepEqual(charterCan({ role: 'member' }, true), { draft: false, acknowledge: true, amend: true });
    assert.deepEqual(charterCan({ role: 'facilitator' }, false), { draft: true, acknowledge: false, amend: false });
  });
});
