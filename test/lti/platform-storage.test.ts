import assert from 'node:assert/strict';
import { harness, newCourse, BrowserAgent, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchFootprint } from '../helpers/counts';
import { parsePostForm, type AgentPage } from '../../src/devplatform/agent';
import { STORAGE_FRAME } from '../../src/devplatform/storage';
import { LtiLogin } from '../../src/lti/login-model';

/** The data-* attributes of the page's platform-storage element. */
function storageData(html: string): Record<string, string> {
  const tag = /<section\b[^>]*data-lti-storage="[^"]*"[^>]*>/.exec(html)?.[0];
  assert.ok(tag, 'the page talks to the platform storage');
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/data-([a-z-]+)="([^"]*)"/g)) out[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  return out;
}

/**
 * Issue #16, item 3: where the platform offers LTI Platform Storage (the Canvas flavour), the login
 * stores its state and nonce there and a launch whose state cookie did not come back (Safari in
 * the LMS frame) is completed only when the tool's own page reads them back from this browser's
 * platform storage. The launch-state vectors are still refused, and write nothing.
 */
describe('LTI Platform Storage: the launch state without the cookie', () => {
  let h: Harness;
  let course: string;
  let canvasOrigin: string;

  before(async () => {
    h = await harness();
    course = newCourse(h.canvas, 'Stockage');
    await setUpCommunity(h, h.canvas, course); // through the storage page, with the cookie: as before
    canvasOrigin = new URL(h.canvas.url).origin;
  });

  /** A login started from the Canvas flavour in `agent`: the tool's storage page, and the platform's answer to it. */
  async function canvasLogin(agent = new BrowserAgent(), userId = 'learner1', extra = '') {
    const start = await agent.fetch(`${h.canvas.url}/launch?user=${userId}&course=${course}${extra}`);
    const page = await agent.submitAutoForm(start, { redirect: 'manual' });
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const data = storageData(page.text);
    const auth = await agent.fetch(data.next);
    const form = parsePostForm(auth);
    assert.ok(form, 'the platform answers with its form_post');
    return { page, data, agent, fields: form.fields };
  }

  /** The platform's form_post to the tool, from a browser that did not keep the state cookie (a fresh agent). */
  async function launchWithoutCookie(fields: Record<string, string>, agent = new BrowserAgent()): Promise<AgentPage> {
    return agent.fetch(`${h.toolUrl}/lti/launch`, { method: 'POST', form: fields, headers: { origin: canvasOrigin, 'sec-fetch-site': 'cross-site' } });
  }

  /** What the storage page's script posts back, with `read` standing for what the platform's storage answered. */
  async function complete(check: AgentPage, read: { state: string; nonce: string } | 'unavailable', headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }, agent = new BrowserAgent()) {
    const form = parsePostForm(check);
    assert.ok(form, 'the check page has its form');
    assert.equal(form.action, `${h.toolUrl}/lti/launch`);
    const fields = read === 'unavailable' ? form.fields : { ...form.fields, lti_storage: 'checked', storage_state: read.state, storage_nonce: read.nonce };
    return agent.fetch(form.action, { method: 'POST', form: fields, headers });
  }

  it('the login answers a page that stores the state and nonce in the frame the platform named, and still sets the state cookie', async () => {
    const agent = new BrowserAgent();
    const start = await agent.fetch(`${h.canvas.url}/launch?user=learner1&course=${course}`);
    const page = await agent.submitAutoForm(start, { redirect: 'manual' });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('cache-control') ?? '', /no-store/);
    const d = storageData(page.text);
    assert.equal(d['lti-storage'], 'put');
    assert.equal(d.target, STORAGE_FRAME);
    assert.equal(d['platform-origin'], canvasOrigin, 'messages target the platform’s authorization origin');
    const auth = new URL(d.next);
    assert.equal(`${auth.origin}${auth.pathname}`, h.canvas.registration.authUrl);
    assert.equal(auth.searchParams.get('state'), d.state);
    assert.equal(auth.searchParams.get('nonce'), d.nonce);
    assert.equal(d['state-key'], `state_${d.state}`);
    assert.equal(d['nonce-key'], `nonce_${d.nonce}`);
    const login = await LtiLogin.findByPk(d.state);
    assert.equal(login?.nonce, d.nonce, 'the login is recorded with its nonce');
    assert.ok(page.headers.getSetCookie().some((c) => c.startsWith(`state${d.state}=`)), 'the state cookie is set too');
    assert.match(page.text, /<script src="\/public\/js\/lti-storage\.js"><\/script>/);
    assert.match(page.text, /<noscript><meta http-equiv="refresh" content="0;url=/, 'without script the page moves on (cookie path)');
  });

  it('a browser that keeps the state cookie launches as before, without the storage check', async () => {
    const { agent, fields } = await canvasLogin();
    const res = await agent.fetch(`${h.toolUrl}/lti/launch`, { method: 'POST', form: fields, headers: { origin: canvasOrigin } });
    assert.equal(res.status, 200);
    assert.match(res.text, /data-launched/);
  });

  it('without the cookie, asks the page to read the storage; writes nothing yet', async () => {
    const { data, fields } = await canvasLogin();
    const before = await launchFootprint();
    const check = await launchWithoutCookie(fields);
    assert.equal(check.status, 200);
    assert.match(check.headers.get('cache-control') ?? '', /no-store/);
    const d = storageData(check.text);
    assert.equal(d['lti-storage'], 'get');
    assert.equal(d.target, STORAGE_FRAME);
    assert.equal(d['platform-origin'], canvasOrigin);
    assert.equal(d['state-key'], data['state-key']);
    assert.equal(d['nonce-key'], data['nonce-key']);
    const form = parsePostForm(check)!;
    assert.equal(form.fields.id_token, fields.id_token);
    assert.equal(form.fields.state, fields.state);
    assert.match(check.text, /<noscript>[\s\S]*href="\/lti\/login\?[^"]*" target="_blank"[\s\S]*<\/noscript>/, 'without script: the new tab');
    assert.deepEqual(await launchFootprint(), before);
    assert.equal((await LtiLogin.findByPk(fields.state))?.usedAt, null, 'the login is not used up');
  });

  it('a deep-linking launch (the content picker) completes the same way', async () => {
    const { data, fields } = await canvasLogin(undefined, 'instructor', '&type=deeplink');
    const check = await launchWithoutCookie(fields);
    assert.equal(storageData(check.text)['lti-storage'], 'get');
    const res = await complete(check, { state: data.state, nonce: data.nonce });
    assert.equal(res.status, 200, res.text.slice(0, 400));
    assert.match(res.text, /data-launched[^>]*data-next="\/deep-linking"/);
  });

  it('completes the launch when the page reads back this login’s state and nonce', async () => {
    const { data, fields } = await canvasLogin(undefined, 'learner3');
    const check = await launchWithoutCookie(fields);
    const before = await launchFootprint();
    const res = await complete(check, { state: data.state, nonce: data.nonce });
    assert.equal(res.status, 200, res.text.slice(0, 400));
    assert.match(res.text, /data-launched/);
    assert.equal((await launchFootprint()).sessions, before.sessions + 1, 'a session was opened');
    assert.ok((await LtiLogin.findByPk(fields.state))?.usedAt, 'the login is used up');
  });

  it('accepts our own Origin from a browser that sends no Fetch Metadata', async () => {
    const { data, fields } = await canvasLogin();
    const check = await launchWithoutCookie(fields);
    const res = await complete(check, { state: data.state, nonce: data.nonce }, { origin: new URL(h.toolUrl).origin });
    assert.equal(res.status, 200, res.text.slice(0, 400));
    assert.match(res.text, /data-launched/);
  });

  describe('refused, writing nothing', () => {
    async function refusedWith(res: Promise<AgentPage>, code: string, before: Awaited<ReturnType<typeof launchFootprint>>) {
      const page = await res;
      assert.equal(page.status, 401, page.text.slice(0, 400));
      assert.match(page.text, new RegExp(`data-reason="${code}"`));
      assert.deepEqual(await launchFootprint(), before, 'nothing was written');
    }

    it('a wrong state or nonce read back', async () => {
      const { data, fields } = await canvasLogin();
      const check = await launchWithoutCookie(fields);
      const before = await launchFootprint();
      await refusedWith(complete(check, { state: 'not-the-state', nonce: data.nonce }), 'STORAGE_MISMATCH', before);
      await refusedWith(complete(check, { state: data.state, nonce: 'not-the-nonce' }), 'STORAGE_MISMATCH', before);
      await refusedWith(complete(check, { state: '', nonce: '' }), 'STORAGE_MISMATCH', before);
      assert.equal((await LtiLogin.findByPk(fields.state))?.usedAt, null);
    });

    it('a state from another browser: that browser’s storage holds another login’s values', async () => {
      const victim = await canvasLogin();
      const attacker = await canvasLogin(); // the attacker's own login, in the attacker's browser
      const check = await launchWithoutCookie(victim.fields, attacker.agent);
      const before = await launchFootprint();
      await refusedWith(complete(check, { state: attacker.data.state, nonce: attacker.data.nonce }, undefined, attacker.agent), 'STORAGE_MISMATCH', before);
    });

    it('values posted by another site (a forged form), even the right ones', async () => {
      const { data, fields } = await canvasLogin();
      const check = await launchWithoutCookie(fields);
      const before = await launchFootprint();
      const right = { state: data.state, nonce: data.nonce };
      await refusedWith(complete(check, right, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }), 'STORAGE_CROSS_SITE', before);
      await refusedWith(complete(check, right, { 'sec-fetch-site': 'same-site' }), 'STORAGE_CROSS_SITE', before);
      await refusedWith(complete(check, right, { origin: 'https://evil.example' }), 'STORAGE_CROSS_SITE', before);
      await refusedWith(complete(check, right, {}), 'STORAGE_CROSS_SITE', before);
      assert.equal((await LtiLogin.findByPk(fields.state))?.usedAt, null);
    });

    it('no storage answered: the new tab, as without storage', async () => {
      const { fields } = await canvasLogin();
      const check = await launchWithoutCookie(fields);
      const before = await launchFootprint();
      const page = await complete(check, 'unavailable');
      await refusedWith(Promise.resolve(page), 'COOKIES_BLOCKED', before);
      assert.match(page.text, /href="\/lti\/login\?[^"]*lti_storage_target=post_message_forwarding/, 'the new tab relaunches the same login');
    });

    it('a replay: the completed launch posted again, with or without its storage values', async () => {
      const { data, fields } = await canvasLogin();
      const check = await launchWithoutCookie(fields);
      const done = await complete(check, { state: data.state, nonce: data.nonce });
      assert.equal(done.status, 200);
      const before = await launchFootprint();
      await refusedWith(complete(check, { state: data.state, nonce: data.nonce }), 'REPLAYED_TOKEN', before);
      await refusedWith(launchWithoutCookie(fields), 'REPLAYED_TOKEN', before);
    });

    it('a replay through a fresh login: the fresh login’s storage does not vouch for the old state', async () => {
      const old = await canvasLogin();
      const agent = old.agent;
      const fresh = await canvasLogin(agent); // same browser, a new login: its storage now holds the fresh values
      const check = await launchWithoutCookie(old.fields);
      const before = await launchFootprint();
      await refusedWith(complete(check, { state: fresh.data.state, nonce: fresh.data.nonce }), 'STORAGE_MISMATCH', before);
      // Once the old login is used, anything posted for it is a replay.
      const used = await complete(check, { state: old.data.state, nonce: old.data.nonce });
      assert.equal(used.status, 200);
      const after = await launchFootprint();
      await refusedWith(complete(check, { state: old.data.state, nonce: old.data.nonce }), 'REPLAYED_TOKEN', after);
    });
  });

  it('a storage frame named in the registered login address (Blackboard Learn) counts as named by the login', async () => {
    const agent = new BrowserAgent();
    const start = await agent.fetch(`${h.moodle.url}/launch?user=learner1&course=course-1`);
    const form = parsePostForm(start)!;
    const page = await agent.fetch(`${form.action}?lti_storage_target=lti_storage_frame`, { method: 'POST', form: form.fields, redirect: 'manual' });
    assert.equal(page.status, 200);
    const d = storageData(page.text);
    assert.equal(d.target, 'lti_storage_frame');
    assert.equal(d['platform-origin'], new URL(h.moodle.url).origin);
  });

  it('ignores a frame name that is not a plain window name', async () => {
    const agent = new BrowserAgent();
    const start = await agent.fetch(`${h.moodle.url}/launch?user=learner1&course=course-1`);
    const form = parsePostForm(start)!;
    const page = await agent.fetch(form.action, { method: 'POST', form: { ...form.fields, lti_storage_target: '"><script>' }, redirect: 'manual' });
    assert.equal(page.status, 302, 'a plain redirect, as without storage');
  });

  describe('where the platform offers no storage (Moodle)', () => {
    let moodleCourse: string;
    before(async () => {
      moodleCourse = newCourse(h.moodle, 'Sans stockage');
      await setUpCommunity(h, h.moodle, moodleCourse);
    });

    it('the login redirects straight to the platform, and a launch without the cookie is offered the new tab, even with storage values posted', async () => {
      const agent = new BrowserAgent();
      const start = await agent.fetch(`${h.moodle.url}/launch?user=learner1&course=${moodleCourse}`);
      const login = await agent.submitAutoForm(start, { redirect: 'manual' });
      assert.equal(login.status, 302);
      const authUrl = new URL(login.headers.get('location')!);
      const form = parsePostForm(await agent.fetch(authUrl.href))!;
      const before = await launchFootprint();
      const moodleOrigin = new URL(h.moodle.url).origin;
      const bare = await new BrowserAgent().fetch(`${h.toolUrl}/lti/launch`, { method: 'POST', form: form.fields, headers: { origin: moodleOrigin } });
      assert.equal(bare.status, 401);
      assert.match(bare.text, /data-reason="COOKIES_BLOCKED"/);
      const forged = { ...form.fields, lti_storage: 'checked', storage_state: form.fields.state, storage_nonce: authUrl.searchParams.get('nonce')! };
      const res = await new BrowserAgent().fetch(`${h.toolUrl}/lti/launch`, { method: 'POST', form: forged, headers: { 'sec-fetch-site': 'same-origin' } });
      assert.equal(res.status, 401);
      assert.match(res.text, /data-reason="COOKIES_BLOCKED"/);
      assert.deepEqual(await launchFootprint(), before);
    });
  });
});
