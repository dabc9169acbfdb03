import assert from 'node:assert/strict';
import { User } from '../../src/users/model';
import { Membership } from '../../src/kernel/community';
import { AccessLog, accessesTo } from '../../src/activity/access-log';
import { privacyCommunity, ok } from './helpers';

describe('privacy: facilitators’ views of personal data are logged and shown to the member', () => {
  it('opening a member’s analytics or participation page, or the table of all members, is recorded; the member sees who and when on "My data"', async () => {
    const c = await privacyCommunity();
    const zoe = await c.as(c.person.id);
    const alex = await c.as('learner1');
    const fac = await c.as('instructor');
    const user = (await User.findOne({ where: { sub: c.person.id } }))!;
    const mid = (await Membership.findOne({ where: { userId: user.id, communityId: c.communityId } }))!.id;

    const quiet = await zoe.get(`${c.base}/my-data`);
    // Institution reports of the platform (other suites open them in this process) may be listed; nothing about her own pages yet.
    assert.doesNotMatch(quiet.text, /Your page in the facilitators|Your participation score page/);
    ok(await zoe.get(`${c.base}/my-activity`), 'her own page');
    assert.equal(await AccessLog.count({ where: { subjectMembershipId: mid } }), 0, 'a member reading their own page is not logged');

    ok(await fac.get(`${c.base}/analytics/members/${mid}`), 'analytics page of Zoé');
    ok(await fac.get(`${c.base}/participation/members/${mid}`), 'participation page of Zoé');
    ok(await fac.get(`${c.base}/analytics/members`), 'table of all members');
    assert.equal(await AccessLog.count({ where: { subjectMembershipId: mid } }), 2);

    const page = await zoe.get(`${c.base}/my-data`);
    assert.match(page.text, /Who viewed your data/);
    assert.match(page.text, /Marie Tremblay<\/td><td>Your page in the facilitators&#39; analytics/);
    assert.match(page.text, /Your participation score page/);
    assert.match(page.text, /The facilitators&#39; table of all members&#39; participation/);
    const other = await alex.get(`${c.base}/my-data`);
    // Alex sees only what concerns him: in this community, the table of all members, not Zoé's pages.
    // (His own pages may have been opened in other suites' communities, in this same process.)
    const alexUser = (await User.findOne({ where: { sub: 'learner1', platformId: user.platformId } }))!;
    const seenHere = (await accessesTo(c.h.runtime.sequelize, alexUser)).filter((a) => a.communityId === c.communityId).map((a) => a.what);
    assert.deepEqual(seenHere, ['analytics.members'], 'Alex sees only what concerns him');
    assert.match(other.text, /table of all members/);
    assert.equal((await alex.get(`${c.base}/analytics/members/${mid}`)).status, 403);
    assert.equal(await AccessLog.count({ where: { subjectMembershipId: mid } }), 2, 'a refused view writes nothing');
  });
});
