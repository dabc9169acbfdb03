import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { Post } from '../../src/discussions/model';
import { dateLabels } from '../../src/content/dates';
import { DEFAULT_ZONE } from '../../src/content/zone';
import { UserTimeZone } from '../../src/content/model';
import { userIdIn } from '../helpers/sharing';

/** Every date a page shows is in the reader's own time zone (their preference), Eastern time otherwise. */
describe('dates in the reader’s time zone', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });
  // A preference belongs to the person on every community: the other suites expect Alex on the default.
  after(async () => {
    await UserTimeZone.destroy({ where: { userId: await userIdIn(c.communityId, 'learner1') } });
  });

  it('shows the same post at Vancouver time to a member who chose it and at Toronto time to the others', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const threadId = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fuseaux horaires', body: 'Quelle heure est-il chez vous?' })).url, 'threads');
    const post = (await Post.findOne({ where: { threadId } }))!;
    // The preference page is under Me, and says it covers every date.
    const prefs = await alex.get(`${c.base}/meetings/timezone`);
    assert.match(prefs.text, /aria-current="page">Time zone</);
    assert.match(prefs.text, /Every date and time in CoPeR/);
    await alex.post(`${c.base}/meetings/timezone`, { timeZone: 'America/Vancouver' });

    const vancouver = dateLabels.when(post.createdAt, 'en', 'America/Vancouver');
    const toronto = dateLabels.when(post.createdAt, 'fr', DEFAULT_ZONE);
    assert.notEqual(dateLabels.when(post.createdAt, 'en', 'America/Vancouver'), dateLabels.when(post.createdAt, 'en', DEFAULT_ZONE));
    const seenByAlex = await alex.get(`${c.base}/threads/${threadId}`);
    assert.ok(seenByAlex.text.includes(`>${vancouver}</time>`), `Alex sees ${vancouver}`);
    const seenBySophie = await sophie.get(`${c.base}/threads/${threadId}`);
    assert.ok(seenBySophie.text.includes(`>${toronto}</time>`), `Sophie sees ${toronto}`);
    // Lists too.
    assert.ok((await alex.get(`${c.base}/discussions`)).text.includes(vancouver));
  });
});
