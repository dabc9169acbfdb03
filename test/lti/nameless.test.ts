import assert from 'node:assert/strict';
import { courseCommunity, type CourseCommunity } from '../helpers/community';
import { ROLES } from '../../src/devplatform';
import { User } from '../../src/users/model';

/**
 * An LMS whose privacy settings withhold names (Moodle: "Share launcher's name with tool: Never")
 * sends neither `name` nor `given_name`/`family_name`: the person is still shown, as "Member #n".
 */
describe('a launch without a name', () => {
  let c: CourseCommunity;
  before(async () => {
    c = await courseCommunity('moodle', 'Sans noms', (p, courseId) => {
      const course = p.courses.get(courseId)!;
      course.members.push({ id: 'anon-en', locale: 'en', roles: [ROLES.learner] }, { id: 'anon-fr', locale: 'fr-CA', roles: [ROLES.learner] });
    });
  });

  it('shows "Member #n" in English and "Membre nº n" in French, never an empty name', async () => {
    const en = await c.h.launch({ platform: c.platform, userId: 'anon-en', courseId: c.courseId });
    assert.equal(en.status, 200, en.text.slice(0, 300));
    const userEn = (await User.findOne({ where: { sub: 'anon-en', platformId: (await User.findOne({ where: { sub: 'instructor' } }))!.platformId } }))!;
    assert.equal(userEn.name, null, 'the platform sent no name');
    assert.match(en.text, new RegExp(`Signed in: Member #${userEn.id}<`));
    assert.doesNotMatch(en.text, /Signed in: *</);
    const fr = await c.h.launch({ platform: c.platform, userId: 'anon-fr', courseId: c.courseId });
    assert.equal(fr.status, 200);
    assert.match(fr.text, /Connecté·e\s: Membre nº \d+</);
  });
});
