import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, ok, idFrom } from '../helpers/people';
import { launchAll } from '../helpers/people';
import { launchChromium, auditPages } from '../helpers/browser';
import { MentoringGoal } from '../../src/mentoring/model';

describe('accessibility of the people pages (axe-core, WCAG 2.1 A/AA, in Chromium, 400px wide)', function () {
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

  it('has no violation and no horizontal scroll on the directory, profiles, problems, mentoring and welcome pages', async () => {
    const c = await peopleCommunity(h);
    const [marie, alex, chris] = await launchAll(c, ['instructor', 'learner1', 'mentor']);
    await ok(chris, `${c.base}/profile`, { roleTitle: 'Conseiller pédagogique', experience: 'experienced', expertise: 'évaluation', intro: 'Bonjour **tout le monde**.' });
    const pb = idFrom((await ok(alex, `${c.base}/problems`, { title: 'Une difficulté', context: 'Contexte', tried: 'Essai', needed: 'Besoin', tags: 'évaluation' })).url, 'problems');
    await ok(chris, `${c.base}/problems/${pb}/leads`, { body: 'Une piste' });
    const pair = idFrom((await ok(alex, `${c.base}/mentoring`, { mentor: String(await c.mid('mentor')), message: 'Bonjour' })).url, 'mentoring');
    await ok(chris, `${c.base}/mentoring/${pair}/accept`);
    await ok(alex, `${c.base}/mentoring/${pair}/goals`, { title: 'Un objectif' });
    await ok(alex, `${c.base}/mentoring/${pair}/messages`, { body: 'Un message' });
    assert.ok(await MentoringGoal.count());
    const chrisId = await c.mid('mentor');
    const pages: Array<[typeof marie, string]> = [
      [alex, `${c.base}/people`],
      [alex, `${c.base}/people?help=évaluation`],
      [alex, `${c.base}/people/${chrisId}`],
      [alex, `${c.base}/profile/edit`],
      [alex, `${c.base}/problems`],
      [alex, `${c.base}/problems/new?to=${chrisId}`],
      [alex, `${c.base}/problems/${pb}`],
      [chris, `${c.base}/problems/${pb}`],
      [alex, `${c.base}/mentoring`],
      [alex, `${c.base}/mentoring/new`],
      [alex, `${c.base}/mentoring/${pair}`],
      [marie, `${c.base}/mentoring`],
      [marie, `${c.base}/mentoring/${pair}`],
      [alex, `${c.base}/welcome`],
      [alex, c.base],
    ];
    const problems = await auditPages(browser, h.toolUrl, pages);
    assert.deepEqual(problems, []);
  });
});
