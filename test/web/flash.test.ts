import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, ok } from '../helpers/people';
import { featureRouters } from '../../src/routes';
import { flashKeyFor, FLASH_KEYS } from '../../src/web/flash';
import { translator } from '../../src/i18n';

/** Every action ends on a page that says what happened, in a live region, in the member's language. */
describe('confirmations after an action', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof peopleCommunity>>;
  before(async () => {
    h = await harness();
    c = await peopleCommunity(h);
  });

  it('confirms a new thread (FR), a reply (EN) and a profile, once: the key names a message, never text', async () => {
    const sophie = await c.as('learner2'); // fr-CA
    const alex = await c.as('learner1'); // en
    const thread = await ok(sophie, `${c.base}/threads`, { kind: 'discussion', title: 'Rétroaction en 4e secondaire', body: 'Comment faites-vous lire vos commentaires?' });
    assert.match(thread.url, /[?&]flash=thread_created/);
    assert.match(thread.text, /<p class="flash" role="status" data-flash>Votre fil de discussion est publié\.<\/p>/);
    const threadId = Number(/\/threads\/(\d+)/.exec(thread.url)![1]);
    const reply = await ok(alex, `${c.base}/threads/${threadId}/posts`, { body: 'I read them aloud with each student.' });
    assert.match(reply.text, /data-flash>Your reply is posted\.<\/p>/);
    const profile = await ok(sophie, `${c.base}/profile`, { expertise: 'évaluation' });
    assert.match(profile.text, /data-flash>Votre profil est enregistré\.<\/p>/);
    // The page opened again (a reload without the parameter, a link) confirms nothing.
    assert.doesNotMatch((await sophie.get(`${c.base}/threads/${threadId}`)).text, /data-flash/);
    // A made-up key shows nothing; nothing from the address is ever written into the page.
    const forged = await sophie.get(`${c.base}/threads/${threadId}`, { flash: '<script>alert(1)</script>' });
    assert.equal(forged.status, 200);
    assert.doesNotMatch(forged.text, /data-flash|alert\(1\)/);
  });

  it('a failed action (400) shows the form again with its errors, and no confirmation', async () => {
    const sophie = await c.as('learner2');
    const res = await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: '', body: '' });
    assert.equal(res.status, 400);
    assert.doesNotMatch(res.text, /data-flash/);
  });

  it('gives every action of a community page a message that exists in both languages', () => {
    const routers = featureRouters(h.config, h.runtime.sequelize);
    const posts: string[] = [];
    for (const router of routers)
      for (const layer of (router as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> }).stack)
        if (layer.route?.methods.post && layer.route.path.startsWith('/c/')) posts.push(layer.route.path);
    assert.ok(posts.length > 30, `${posts.length} actions found`);
    const fr = translator('fr');
    const en = translator('en');
    for (const path of posts) {
      const key = flashKeyFor(path);
      if (key === null) continue; // pages that say it in their own words
      assert.ok(FLASH_KEYS.includes(key), path);
      for (const t of [fr, en]) assert.notEqual(t(`flash.${key}`), `flash.${key}`, `${path}: flash.${key} missing`);
    }
    assert.equal(flashKeyFor('/c/:communityId/threads/:threadId/posts'), 'reply_posted');
    assert.equal(flashKeyFor('/c/:communityId/members/sync'), null);
    assert.equal(flashKeyFor('/setup/create'), null);
  });
});
