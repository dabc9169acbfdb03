import { valuePolicy } from '../../src/value/policy';
import { policyTable } from '../helpers/policy-table';

describe("value report policy (role): the facilitators' account to the institutions", () => {
  policyTable([['see the value report', (r) => valuePolicy.view({ role: r! }), '1 0 0 0']]);
});
