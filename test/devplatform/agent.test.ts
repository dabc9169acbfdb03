import assert from 'node:assert/strict';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BrowserAgent, DevPlatform, sampleCourse } from '../../src/devplatform';

describe('devplatform: BrowserAgent', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.get('/set', (_req, res) => {
      res.append('Set-Cookie', 'session=abc; Path=/; HttpOnly; SameSite=None; Secure; Partitioned');
      res.append('Set-Cookie', 'scoped=1; Path=/app');
      res.append('Set-Cookie', 'gone=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
      res.send('ok');
    });
    app.get('/drop', (_req, res) => void res.append('Set-Cookie', 'session=; Path=/; Max-Age=0').send('ok'));
    app.get('/echo', (req, res) => void res.send(req.headers.cookie ?? ''));
    app.get('/app/echo', (req, res) => void res.send(req.headers.cookie ?? ''));
    app.post('/see-other', (_req, res) => void res.redirect(303, '/method'));
    app.post('/temporary', (_req, res) => void res.redirect(307, '/method'));
    app.all('/method', (req, res) => void res.send(`${req.method} ${JSON.stringify(req.body ?? {})}`));
    app.get('/auto', (_req, res) => void res.send('<form action="/method" method="POST"><input type="hidden" name="JWT" value="a&amp;b" /><input type="submit" value="Go"></form>'));
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }));

  it('stores cookies per host, honours Path and Expires, ignores SameSite/Secure/Partitioned on http', async () => {
    const agent = new BrowserAgent();
    await agent.fetch(`${base}/set`);
    assert.deepEqual(agent.cookies.get(new URL(base).host), { session: 'abc', scoped: '1' });
    assert.equal((await agent.fetch(`${base}/echo`)).text, 'session=abc');
    assert.equal((await agent.fetch(`${base}/app/echo`)).text, 'scoped=1; session=abc');
    await agent.fetch(`${base}/drop`);
    assert.equal((await agent.fetch(`${base}/echo`)).text, '');
  });

  it('turns a POST into a GET on 303 and keeps it on 307', async () => {
    const agent = new BrowserAgent();
    const seeOther = await agent.fetch(`${base}/see-other`, { form: { a: '1' } });
    assert.equal(seeOther.text, 'GET {}');
    assert.equal(seeOther.url, `${base}/method`);
    assert.equal((await agent.fetch(`${base}/temporary`, { form: { a: '1' } })).text, 'POST {"a":"1"}');
    const manual = await agent.fetch(`${base}/see-other`, { method: 'POST', redirect: 'manual' });
    assert.equal(manual.status, 303);
  });

  it('submits an auto-posting form with its hidden inputs decoded', async () => {
    const agent = new BrowserAgent();
    const res = await agent.submitAutoForm(await agent.fetch(`${base}/auto`));
    assert.equal(res.text, 'POST {"JWT":"a&b"}');
  });
});

describe('devplatform: home page', () => {
  it('lists courses and members with launch links aimed at the tool iframe, escaping everything', async () => {
    const course = sampleCourse();
    course.title = '<script>alert(1)</script> Cours';
    const p = new DevPlatform({ flavour: 'canvas', courses: [course] });
    await p.listen(0);
    try {
      const res = await fetch(`${p.url}/`);
      const html = await res.text();
      assert.equal(res.status, 200);
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Cours/);
      assert.match(html, /<iframe name="tool" title="[^"]+"/);
      assert.match(html, /<main>/);
      assert.match(html, new RegExp(`href="${p.url}/launch\\?user=learner1&amp;course=course-1" target="tool"`));
      assert.match(html, /type=deeplink" target="tool">Ajouter via le sélecteur de contenu/);
      assert.match(html, /Nadia Côté/);
      assert.match(html, /target="_blank"/);
      assert.equal((html.match(/type=deeplink/g) ?? []).length, 2, 'content picker for the instructor and the TA only');
    } finally {
      await p.close();
    }
  });

  it('exposes what the tool needs to register the platform', async () => {
    const p = new DevPlatform();
    const url = await p.listen(0);
    try {
      const r = p.registration;
      assert.equal(r.issuer, url);
      assert.equal(r.authUrl, `${url}/auth`);
      assert.equal(r.tokenUrl, `${url}/token`);
      assert.equal(r.jwksUrl, `${url}/jwks`);
      assert.ok(r.clientId);
      assert.equal(r.deploymentId, '1');
    } finally {
      await p.close();
    }
  });
});
