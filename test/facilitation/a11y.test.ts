import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { launchChromium, auditPages } from '../helpers/browser';
import { DateTime } from 'luxon';
import { Post, Thread } from '../../src/discussions/model';
import { PdEntry } from '../../src/pd/model';
import { PdAttestation } from '../../src/pd/attestation';

describe('accessibility of the to-do and flag pages (axe-core, WCAG 2.1 A/AA, in Chromium, FR and EN)', function () {
  this.timeout(120_000);
  let h: Harness;
  let browser: Browser;
  before(async () => {
    h = await harness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('has no violation on a facilitator’s home with its to-do, the flag form, the moderation page with flags, the attendance form and the verification page', async () => {
    const c = await sharingCommunity(h);
    // The teaching assistant (a co-facilitator) reads English here, the instructor French.
    h.moodle.courses.get(c.course)!.members.find((m) => m.id === 'ta')!.locale = 'en';
    const [marie, jean, alex, nadia] = [await c.as('instructor'), await c.as('ta'), await c.as('learner1'), await c.as('learner3')];
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Sans réponse', body: 'Texte' })).url, 'threads');
    await Thread.update({ createdAt: new Date(Date.now() - 3 * 24 * 3600_000) }, { where: { id: thread }, silent: true });
    const post = (await Post.findOne({ where: { threadId: thread } }))!.id;
    await nadia.post(`${c.base}/posts/${post}/flag`, { reason: 'off_topic', note: 'Hors sujet' });
    const home = await jean.get(c.base);
    assert.match(home.text, /To do[\s\S]*The thread “Sans réponse” has had no answer for 48 hours/);
    const problems = await auditPages(browser, h.toolUrl, [
      [marie, c.base],
      [jean, c.base],
      [marie, `${c.base}/posts/${post}/moderate`],
      [jean, `${c.base}/posts/${post}/moderate`],
      [marie, `${c.base}/moderation`],
      [alex, c.base],
      [jean, `${c.base}/threads/${thread}`],
      [nadia, `${c.base}/posts/${post}/flag`],
    ]);
    assert.deepEqual(problems, []);
    const meeting = idFrom((await marie.post(`${c.base}/meetings`, { title: 'Rencontre', mode: 'remote', videoUrl: 'https://meet.example.org/r', startsAt: DateTime.now().setZone('America/Toronto').minus({ minutes: 30 }).toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: '60', recurrence: 'none' })).url, 'meetings');
    await alex.post(`${c.base}/pd/declarations`, { category: 'lecture', date: DateTime.now().toISODate()!, hours: '1', title: 'Lecture' });
    const entry = (await PdEntry.findOne({ where: { communityId: c.communityId, status: 'pending' } }))!;
    await marie.post(`${c.base}/pd/entries/${entry.id}/review`, { decision: 'approve' });
    await alex.download(`${c.base}/pd/transcript.pdf`);
    const code = (await PdAttestation.findOne({ where: { communityId: c.communityId } }))!.code;
    assert.deepEqual(await auditPages(browser, h.toolUrl, [
      [marie, `${c.base}/meetings/${meeting}/attendance`],
      [jean, `${c.base}/meetings/${meeting}/attendance?preset=yes`],
      [alex, `/verify/${code}?lang=en`],
      [alex, `/verify/${code}?lang=fr`],
    ]), []);
    const flagForm = await alex.get(`${c.base}/posts/${post}/flag`);
    assert.equal(flagForm.status, 403, 'own post');
    const [jeanForm] = [await jean.get(`${c.base}/posts/${post}/flag`)];
    assert.match(jeanForm.text, /Flag a message for the facilitators/);
  });
});
