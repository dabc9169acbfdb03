import assert from 'node:assert/strict';
import { harness } from '../helpers/harness';
import { sharingCommunity } from '../helpers/sharing';
import { Community, Membership } from '../../src/kernel/community';
import { scoreValues } from '../../src/gradebook/sources';

describe('points shown against the goal, with the length rule and the reflective kinds', () => {
  it('shows "4 / 4 (+1 beyond the goal)", never more than the goal, and says from how many characters a contribution counts', async () => {
    const h = await harness();
    const c = await sharingCommunity(h);
    const community = (await Community.findByPk(c.communityId))!;
    await community.update({ settings: { ...community.settings, participation: { target: 4, minLength: 20 } } });
    const alex = await c.as('learner1');
    await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Un fil', body: 'Un message assez long pour compter dans la participation.' });
    await alex.post(`${c.base}/journal`, { title: 'Réflexion', body: 'Ce que je retiens de la rencontre de cette semaine.', visibility: 'private' });
    const page = await alex.get(`${c.base}/participation`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<span data-earned>4<\/span> <span class="muted">of 4 points<\/span> <span class="muted" data-beyond>\(\+1 point beyond the goal\)<\/span>/);
    assert.match(page.text, /count from 20 characters/);
    assert.match(page.text, /Practice journal entry/);
    const form = await alex.get(`${c.base}/threads/new`);
    assert.match(form.text, /<span data-length-rule>For participation points, a contribution counts from 20 characters\.<\/span>/, 'shown where one writes');
    assert.doesNotMatch((await alex.get(`${c.base}/profile/edit`)).text, /data-length-rule/, 'not where nothing earns points');
    const marie = await c.as('instructor');
    const settings = await marie.get(`${c.base}/participation/settings`);
    for (const kind of ['journal', 'adaptation', 'problem', 'introduction']) assert.match(settings.text, new RegExp(`name="pt_${kind}"`));
  });
});

describe('the gradebook comment explains the score in the member’s language', () => {
  it('says why a short contribution did not count, instead of "no contribution counted yet", and names the reflective kinds', async () => {
    const h = await harness();
    const c = await sharingCommunity(h);
    const community = (await Community.findByPk(c.communityId))!;
    const nadia = await c.as('learner3');
    await nadia.post(`${c.base}/threads`, { kind: 'discussion', title: 'Court', body: 'Trop court.' });
    const mid = (await Membership.findOne({ where: { communityId: c.communityId }, include: [{ association: 'user', where: { sub: 'learner3' } }] }))!.id;
    let v = await scoreValues('participation', community, mid, 'fr');
    assert.equal(v.scoreMaximum, 30);
    assert.match(v.comment, /^Participation\s:\s0 point sur 30 \(0 %\)\. 1 contribution n’a pas compté\s:\smoins de 80 caractères\./);
    assert.doesNotMatch(v.comment, /Aucune contribution/);
    await nadia.post(`${c.base}/journal`, { title: 'Réflexion', body: 'Ce que je retiens de la rencontre : observer avant d’intervenir, puis proposer une piste concrète.', visibility: 'private' });
    v = await scoreValues('participation', community, mid, 'fr');
    assert.match(v.comment, /1 entrée de journal\./);
  });
});
