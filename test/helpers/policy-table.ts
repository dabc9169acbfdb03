import assert from 'node:assert/strict';
import type { CommunityRole } from '../../src/kernel/roles';

export const ROLES: CommunityRole[] = ['facilitator', 'mentor', 'member', 'observer'];

/**
 * One role × state table of a policy: each row is [what, predicate(role), expected], the expected
 * column written "F M m O" (facilitator, mentor, member, observer) with 1 or 0, and a fifth
 * column for someone with no membership (`null`) when the policy takes one.
 */
export function policyTable(rows: Array<[string, (role: CommunityRole | null) => boolean, string]>): void {
  for (const [name, check, spec] of rows) {
    it(`${name}: ${spec}`, () => {
      const bits = spec.split(' ').map((b) => b === '1');
      assert.ok(bits.length === 4 || bits.length === 5, `a row has 4 or 5 columns: ${spec}`);
      const roles: Array<CommunityRole | null> = bits.length === 5 ? [...ROLES, null] : ROLES;
      roles.forEach((role, i) => assert.equal(check(role), bits[i], `${name} — ${role ?? 'no membership'}`));
    });
  }
}
