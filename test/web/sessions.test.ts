import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { asTab, csrfOf, sessionOf, withSession } from '../helpers/session';
import { Session } from '../../src/sessions/model';
import { metaRefresh } from '../../src/devplatform/agent';

const idOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Issue #16: how a launch hands over its session, and how the carrier is chosen and recorded. */
describe('session carriers over HTTP', () => {
  let h: Harness;
  let course: string;
  let communityId: number;
  before(async () => {
    h = await harness();
    course = newCourse(h.moodle);
    ({ communityId } = await setUpCommunity(h, h.moodle, course));
  });

  it('ends the launch with a partitioned HttpOnly session cookie and a page that moves on by itself, the token only in its body', async () => {
    const answer = await h.launch({ userId: 'learner1', courseId: course, stopAtLaunchResponse: true });
    assert.equal(answer.status, 200);
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('coper_session='));
    assert.ok(cookie, 'the session cookie is set');
    for (const attr of ['HttpOnly', 'Secure', 'Partitioned', 'SameSite=None', 'Path=/']) assert.ok(cookie.includes(attr), `${attr} in ${cookie}`);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(metaRefresh(answer.text), `/c/${communityId}`, 'without script the page goes on to the community (cookie path)');
    assert.equal(new URL(answer.url).search, '');
    const token = sessionOf(h, answer.agent);
    assert.ok(answer.text.includes(`data-token="${token}"`), 'the tab can pick the token from the page body');
    assert.equal((await Session.findByPk(idOf(token)))!.carrier, null, 'not chosen until the page checked');
  });

  it('records the carrier the launch page found: the cookie, else the tab\'s header; refuses a probe without its CSRF token', async () => {
    const launched = await h.launch({ userId: 'learner3', courseId: course });
    const token = sessionOf(h, launched.agent);
    const csrf = csrfOf(h, launched.agent);
    const probe = (init: RequestInit, body: object, withCsrf = true) => {
      const headers = new Headers(init.headers);
      headers.set('content-type', 'application/x-www-form-urlencoded');
      if (withCsrf) headers.set('x-csrf-token', csrf);
      return fetch(`${h.toolUrl}/session/probe`, { ...init, method: 'POST', headers, body: new URLSearchParams(body as Record<string, string>).toString() });
    };
    assert.equal((await probe(withSession(h, launched.agent), { carrier: 'cookie' }, false)).status, 403);
    assert.equal((await Session.findByPk(idOf(token)))!.carrier, null);
    assert.equal((await probe({}, { carrier: 'cookie' })).status, 401, 'no cookie came back: the page falls back to the tab');
    assert.equal((await probe(withSession(h, launched.agent), { carrier: 'tab' })).status, 409, 'the carrier must be the one that carried the request');
    assert.equal((await probe(withSession(h, launched.agent), { carrier: 'bogus' })).status, 400);
    assert.equal((await probe(withSession(h, launched.agent), { carrier: 'cookie' })).status, 200);
    assert.equal((await Session.findByPk(idOf(token)))!.carrier, 'cookie');
    assert.equal((await probe(asTab(token), { carrier: 'tab' })).status, 200);
    assert.equal((await Session.findByPk(idOf(token)))!.carrier, 'tab');
  });

  it('shows an expired session a page with a button to relaunch from the LMS course, without the LMS session key', async () => {
    const launched = await h.launch({ userId: 'learner1', courseId: course });
    await Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { id: idOf(sessionOf(h, launched.agent)) } });
    const page = await launched.agent.fetch(`${h.toolUrl}/c/${communityId}/discussions`);
    assert.equal(page.status, 401);
    assert.match(page.text, /data-session-expired/);
    const relaunch = /data-relaunch|href="([^"]+)" target="_top" data-relaunch/.exec(page.text)?.[1];
    assert.ok(relaunch?.startsWith(h.moodle.url), `relaunch: ${relaunch}`);
    assert.doesNotMatch(relaunch!, /sesskey/);
  });
});
