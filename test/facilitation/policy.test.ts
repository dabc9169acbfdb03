import { facilitationPolicy } from '../../src/facilitation/policy';
import { policyTable } from '../helpers/policy-table';

describe("facilitation policy (role): the to-do is the facilitators'", () => {
  policyTable([
    ['see the to-do', (r) => facilitationPolicy.seeTodo({ role: r }), '1 0 0 0 0'],
    ['set an item aside', (r) => facilitationPolicy.setAside({ role: r }), '1 0 0 0 0'],
  ]);
});
