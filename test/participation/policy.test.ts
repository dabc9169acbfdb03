import assert from 'node:assert/strict';
import { participationCan, participationPolicy } from '../../src/participation/policy';
import { policyTable } from '../helpers/policy-table';

describe("participation policy (role): peers never see each other's points", () => {
  policyTable([
    ['see my own points', (r) => participationPolicy.viewOwn({ role: r }), '1 1 1 1 0'],
    ["see everyone's points", (r) => participationPolicy.viewAll({ role: r }), '1 0 0 0 0'],
    ['change the rules', (r) => participationPolicy.configure({ role: r }), '1 0 0 0 0'],
    ['adjust a score', (r) => participationPolicy.adjust({ role: r }), '1 0 0 0 0'],
    ['send the scores to the gradebook', (r) => participationPolicy.sync({ role: r }), '1 0 0 0 0'],
  ]);

  it('the can map has one entry per action of the policy', () => {
    assert.deepEqual(participationCan({ role: 'mentor' }), { viewOwn: true, viewAll: false, configure: false, adjust: false, sync: false });
  });
});
