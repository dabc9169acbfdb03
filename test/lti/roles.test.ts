import assert from 'node:assert/strict';
import { mapRoles, parseRole } from '../../src/lti/roles';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('role parser (launch and roster alike)', () => {
  const table: Array<[string[], string, boolean]> = [
    [[`${LIS}membership#Instructor`], 'facilitator', false],
    [[`${LIS}membership#Administrator`], 'facilitator', false],
    [[`${LIS}membership/Instructor#TeachingAssistant`], 'facilitator', false],
    [[`${LIS}membership#Mentor`], 'mentor', false],
    [[`${LIS}membership#Learner`], 'member', false],
    [[`${LIS}membership#Member`], 'member', false],
    [[`${LIS}membership#ContentDeveloper`], 'member', false],
    [['Instructor'], 'facilitator', false], // Moodle NRPS short names
    [['Learner'], 'member', false],
    [['TeachingAssistant'], 'facilitator', false],
    [['Mentor'], 'mentor', false],
    [['urn:lti:role:ims/lis/Instructor'], 'facilitator', false], // LTI 1.1 URNs (older Canvas NRPS)
    [['urn:lti:role:ims/lis/TeachingAssistant'], 'facilitator', false],
    [[`${LIS}membership#Janitor`], 'observer', false],
    [[''], 'observer', false],
    [[], 'observer', false],
    [[`${LIS}institution/person#Administrator`], 'observer', true],
    [[`${LIS}institution/person#Administrator`, `${LIS}membership#Instructor`], 'facilitator', true],
    [[`${LIS}system/person#Administrator`], 'observer', true],
    [[`${LIS}institution/person#Student`, `${LIS}membership#Learner`], 'member', false],
    [[`${LIS}membership#Learner`, `${LIS}membership#Mentor`], 'mentor', false], // the highest wins
  ];
  for (const [roles, role, admin] of table) {
    it(`${JSON.stringify(roles)} → ${role}${admin ? ' + institution report' : ''}`, () => {
      assert.deepEqual(mapRoles(roles), { role, institutionAdmin: admin });
    });
  }

  it('parses scopes and sub-roles', () => {
    assert.deepEqual(parseRole(`${LIS}membership/Instructor#TeachingAssistant`), { scope: 'context', name: 'Instructor', sub: 'TeachingAssistant' });
    assert.deepEqual(parseRole(`${LIS}institution/person#Faculty`), { scope: 'institution', name: 'Faculty' });
    assert.equal(parseRole('not a role!'), null);
  });
});
