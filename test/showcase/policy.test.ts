import assert from 'node:assert/strict';
import { consented, showcasePolicy } from '../../src/showcase/policy';
import type { CommunityRole } from '../../src/kernel/roles';
import { policyTable } from '../helpers/policy-table';

const ME = 7;
const a = (role: CommunityRole | null) => ({ role: role as CommunityRole, userId: ME });

describe('showcase policy (role × authorship × consent)', () => {
  policyTable([
    ['set up the showcase and propose items', (r) => showcasePolicy.manage(a(r)), '1 0 0 0'],
    ['answer for my own contribution', (r) => showcasePolicy.answer(a(r), { authorId: ME }), '1 1 1 0'],
    ["answer for someone else's contribution", (r) => showcasePolicy.answer(a(r), { authorId: ME + 1 }), '0 0 0 0'],
  ]);

  it('publishes only what its author consented to, named or anonymous', () => {
    assert.equal(consented({ consent: 'named' } as never), true);
    assert.equal(consented({ consent: 'anonymous' } as never), true);
    for (const consent of ['pending', 'declined', 'withdrawn', null]) assert.equal(consented({ consent } as never), false, String(consent));
  });
});
