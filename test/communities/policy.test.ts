import assert from 'node:assert/strict';
import { communityCan, communityPolicy } from '../../src/communities/policy';
import { policyTable } from '../helpers/policy-table';

describe('community policy (role)', () => {
  policyTable([
    ['see the community', (r) => communityPolicy.view({ role: r }), '1 1 1 1 0'],
    ['see the invitation code', (r) => communityPolicy.seeInviteCode({ role: r }), '1 0 0 0 0'],
    ['set up another course', (r) => communityPolicy.setUpCourse({ role: r }), '1 0 0 0 0'],
    ['edit the settings', (r) => communityPolicy.editSettings({ role: r }), '1 0 0 0 0'],
    ['contribute', (r) => communityPolicy.contribute({ role: r }), '1 1 1 0 0'],
  ]);

  it('the can map has one entry per action of the policy', () => {
    assert.deepEqual(communityCan({ role: 'observer' }), { view: true, seeInviteCode: false, setUpCourse: false, editSettings: false, contribute: false });
    assert.deepEqual(Object.keys(communityCan({ role: null })).sort(), Object.keys(communityPolicy).sort());
  });
});
