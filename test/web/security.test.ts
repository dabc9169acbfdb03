import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { harness, newCourse, field, BrowserAgent, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { sharingCommunity } from '../helpers/sharing';
import { asTab, sessionOf, withSession } from '../helpers/session';
import { Community } from '../../src/kernel/community';
import { Session } from '../../src/sessions/model';

describe('security: headers, cookies, sessions, CSRF, isolation', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('lets only the registered platforms frame the tool, and sends no Referer', async () => {
    const res = await fetch(`${h.toolUrl}/`);
    const csp = res.headers.get('content-security-policy')!;
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)![1].split(' ');
    assert.ok(ancestors.includes(new URL(h.moodle.url).origin), csp);
    assert.ok(ancestors.includes(new URL(h.canvas.url).origin), csp);
    assert.ok(!ancestors.includes('*'), 'no wildcard');
    assert.equal(res.headers.get('x-frame-options'), null, 'X-Frame-Options would block every LMS');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.match(csp, /script-src 'self'/);
    assert.equal(res.headers.get('access-control-allow-origin'), null, 'no CORS');
  });

  it('sets the login state cookie Partitioned, SameSite=None and Secure so Chromium keeps it in a cross-site iframe', async () => {
    const agent = new BrowserAgent();
    const page = await agent.fetch(`${h.moodle.url}/launch?user=learner1&course=course-1`);
    const login = await agent.submitAutoForm(page, { redirect: 'manual' });
    assert.equal(login.status, 302);
    const setCookie = login.headers.get('set-cookie')!;
    assert.match(setCookie, /state[^=]+=/);
    assert.match(setCookie, /Partitioned/i);
    assert.match(setCookie, /SameSite=None/i);
    assert.match(setCookie, /Secure/i);
    assert.match(setCookie, /HttpOnly/i);
    const nonce = new URL(login.headers.get('location')!).searchParams.get('nonce')!;
    assert.ok(nonce.length >= 32, 'a cryptographic nonce replaces ltijs’s Math.random one');
  });

  it('refuses a form post without the CSRF token, and writes nothing', async () => {
    const course = newCourse(h.moodle);
    const first = await h.launch({ userId: 'instructor', courseId: course });
    const before = await Community.count();
    const res = await first.agent.fetch(`${h.toolUrl}/setup/create`, { method: 'POST', form: { title: 'Sans jeton', purpose: 'Une tentative sans jeton CSRF.' } });
    assert.equal(res.status, 403);
    assert.equal(await Community.count(), before);
  });

  it('ends a session after its idle lifetime and after its absolute lifetime', async () => {
    const course = newCourse(h.moodle);
    const { communityId, agent } = await setUpCommunity(h, h.moodle, course);
    const page = () => fetch(`${h.toolUrl}/c/${communityId}`, withSession(h, agent));
    assert.equal((await page()).status, 200);
    const row = (await Session.findByPk(crypto.createHash('sha256').update(sessionOf(h, agent)).digest('hex')))!;
    await row.update({ expiresAt: new Date(Date.now() - 1000) });
    const idle = await page();
    assert.equal(idle.status, 401);
    assert.match(await idle.text(), /session a expiré|session has expired/);
    await row.update({ expiresAt: new Date(Date.now() + 3600_000) });
    assert.equal((await page()).status, 200);
    await Session.update({ createdAt: new Date(Date.now() - (h.config.SESSION_ABSOLUTE_MINUTES + 1) * 60_000) } as never, { where: { id: row.id } });
    assert.equal((await page()).status, 401, 'the absolute lifetime wins over activity');
  });

  it('refuses a request without a session, or with a made-up one', async () => {
    assert.equal((await fetch(`${h.toolUrl}/c/1`)).status, 401);
    assert.equal((await fetch(`${h.toolUrl}/c/1`, asTab('not-a-session'))).status, 401);
  });

  it('never reads a session from an address or a form field, only from its cookie or the tab\'s header', async () => {
    const course = newCourse(h.moodle);
    const { communityId, agent, csrf } = await setUpCommunity(h, h.moodle, course);
    const token = sessionOf(h, agent);
    const copied = await fetch(`${h.toolUrl}/c/${communityId}?s=${encodeURIComponent(token)}`);
    assert.equal(copied.status, 401, 'an address with the old ?s= parameter opens nothing');
    assert.doesNotMatch(await copied.text(), /Marie Tremblay|Enseigner en réseau/);
    const before = await Community.count();
    const viaField = await fetch(`${h.toolUrl}/setup/create`, { method: 'POST', body: new URLSearchParams({ _s: token, _csrf: csrf, title: 'Par le champ', purpose: 'Une tentative par un champ de formulaire.' }), redirect: 'manual' });
    assert.equal(viaField.status, 401);
    assert.equal(await Community.count(), before);
    const tab = await fetch(`${h.toolUrl}/c/${communityId}`, asTab(token));
    assert.equal(tab.status, 200, 'the tab\'s header carries the session');
    assert.match(await tab.text(), /Marie Tremblay/);
  });

  it('refuses a member of one community the pages of another (403), whether it exists or not', async () => {
    const courseA = newCourse(h.moodle);
    const a = await setUpCommunity(h, h.moodle, courseA);
    const b = await setUpCommunity(h, h.canvas, newCourse(h.canvas), { title: 'Autre communauté', purpose: 'Une autre communauté de pratique.' });
    const learner = await h.launch({ userId: 'learner1', courseId: courseA });
    const as = withSession(h, learner.agent);
    assert.equal((await fetch(`${h.toolUrl}/c/${a.communityId}`, as)).status, 200);
    const other = await fetch(`${h.toolUrl}/c/${b.communityId}`, as);
    assert.equal(other.status, 403);
    assert.doesNotMatch(await other.text(), /Autre communauté/);
    assert.equal((await fetch(`${h.toolUrl}/c/999999`, as)).status, 403, 'an unknown id is refused the same way');
  });

  it('answers /healthz with the contract', async () => {
    const res = await fetch(`${h.toolUrl}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', db: 'ok' });
  });

  it('shows a friendly page, never a stack trace, for an unknown page', async () => {
    const res = await fetch(`${h.toolUrl}/nowhere`, { headers: { 'accept-language': 'fr-CA' } });
    assert.equal(res.status, 404);
    const text = await res.text();
    assert.match(text, /Cette page n’existe pas/);
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
  });

  it('speaks the member’s language, not the browser’s, on an unknown page of their community', async () => {
    const c = await sharingCommunity(h);
    const communityId = c.communityId;
    const alex = await c.as('learner1'); // Alex launches in English
    const res = await fetch(`${h.toolUrl}/c/${communityId}/nowhere`, withSession(h, alex.agent, { headers: { 'accept-language': 'fr-CA' } }));
    assert.equal(res.status, 404);
    const text = await res.text();
    assert.match(text, /<html lang="en"/);
    assert.match(text, /This page does not exist/);
    // Without a session (or with an expired one), the browser's language as before.
    const anonymous = await fetch(`${h.toolUrl}/c/${communityId}/nowhere`, { headers: { 'accept-language': 'fr-CA', cookie: 'coper_session=expired' } });
    assert.equal(anonymous.status, 404);
    assert.match(await anonymous.text(), /<html lang="fr/);
  });
});
