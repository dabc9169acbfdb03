import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness } from '../helpers/harness';
import { launchChromium, auditPages } from '../helpers/browser';
import { privacyCommunity } from './helpers';
import { User } from '../../src/users/model';
import { Membership } from '../../src/kernel/community';

describe('privacy: the notice and the pages in a browser', function () {
  this.timeout(180_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('the privacy notice is public, in French and English, with the retention periods and the contact, and every page links to it', async () => {
    const h = await harness();
    const fr = await fetch(`${h.toolUrl}/privacy`, { headers: { 'accept-language': 'fr-CA' } });
    assert.equal(fr.status, 200);
    const frText = await fr.text();
    assert.match(frText, /<html lang="fr">/);
    assert.match(frText, /Avis de confidentialité/);
    assert.match(frText, /Commission d’accès à l’information/);
    assert.match(frText, new RegExp(`Courriels\\s: ${h.config.RETENTION_EMAIL_DAYS} jour`));
    const en = await (await fetch(`${h.toolUrl}/privacy?lang=en`)).text();
    assert.match(en, /<html lang="en">/);
    assert.match(en, /Privacy notice/);
    assert.match(en, new RegExp(`Activity log detail: ${h.config.RETENTION_ACTIVITY_DETAIL_DAYS} days`));
    assert.match(en, /the person in charge of the protection of personal information at your institution/, 'without PRIVACY_CONTACT, the institution’s officer');

    const c = await privacyCommunity();
    const zoe = await c.as(c.person.id);
    const home = await zoe.get(c.base);
    assert.match(home.text, /<footer[^]*href="\/privacy"[^>]*>Privacy notice</, 'the footer links to the notice');
    const mine = await zoe.get(`${c.base}/my-data`);
    assert.match(mine.text, /href="\/c\/\d+\/my-data"[^>]*>My data</, '"My data" is in the navigation (the "Me" group)');
    const own = await zoe.get('/privacy');
    assert.match(own.text, /<html lang="en">/, 'the session’s language when the browser carries one');
  });

  it('"My data" and the notice have no axe violation and no horizontal scroll, in both languages', async () => {
    const h = await harness();
    const c = await privacyCommunity();
    const zoe = await c.as(c.person.id);
    const fac = await c.as('instructor'); // French
    const user = (await User.findOne({ where: { sub: c.person.id } }))!;
    const mid = (await Membership.findOne({ where: { userId: user.id, communityId: c.communityId } }))!.id;
    await fac.get(`${c.base}/analytics/members/${mid}`); // "Who viewed your data" has a row
    await zoe.post(`${c.base}/my-data/erasure`, { contributions: 'keep', confirm: 'yes' });
    const problems = await auditPages(browser, h.toolUrl, [
      [zoe, `${c.base}/my-data`],
      [fac, `${c.base}/my-data`],
      [zoe, '/privacy'],
      [fac, '/privacy'],
    ]);
    assert.deepEqual(problems, []);
  });
});
