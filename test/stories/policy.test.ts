import { storyPolicy } from '../../src/stories/policy';
import type { CommunityRole } from '../../src/kernel/roles';
import { policyTable } from '../helpers/policy-table';

const ME = 7;
const a = (role: CommunityRole | null) => ({ role: role as CommunityRole, userId: ME });
const shared = { shared: true, removed: false };

describe('story policy (role × subject state × authorship)', () => {
  policyTable([
    ['read stories', (r) => storyPolicy.read(a(r)), '1 1 1 1'],
    ['write on a shared contribution', (r) => storyPolicy.write(a(r), shared), '1 1 1 0'],
    ['write on a private journal entry', (r) => storyPolicy.write(a(r), { shared: false, removed: false }), '0 0 0 0'],
    ['write on a removed contribution', (r) => storyPolicy.write(a(r), { shared: true, removed: true }), '0 0 0 0'],
    ['remove my own story', (r) => storyPolicy.remove(a(r), { authorId: ME }), '1 1 1 0'],
    ["remove someone else's story", (r) => storyPolicy.remove(a(r), { authorId: ME + 1 }), '1 0 0 0'],
    ['remove a story whose author erased their data', (r) => storyPolicy.remove(a(r), { authorId: null }), '1 0 0 0'],
    ['invite a member to tell what happened', (r) => storyPolicy.prompt(a(r)), '1 0 0 0'],
  ]);
});
