import { privacyPolicy } from '../../src/privacy/policy';
import { policyTable } from '../helpers/policy-table';

describe('privacy policy (role × whose request)', () => {
  policyTable([
    ['see, download and erase my own data', (r) => privacyPolicy.ownData({ role: r }), '1 1 1 1 0'],
    ["confirm another member's erasure", (r) => privacyPolicy.confirmErasure({ role: r }, 1, 2), '1 0 0 0 0'],
    ['confirm my own erasure', (r) => privacyPolicy.confirmErasure({ role: r }, 1, 1), '0 0 0 0 0'],
    ['see the erasure requests', (r) => privacyPolicy.seeRequests({ role: r }), '1 0 0 0 0'],
  ]);
});
