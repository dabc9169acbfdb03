import assert from 'node:assert/strict';
import { BrowserAgent } from '../../src/devplatform';
import { parsePostForm } from '../../src/devplatform/agent';
import { STORAGE_FRAME, STORAGE_SCRIPT, type StorageScriptConfig } from '../../src/devplatform/storage';
import { platformWithTool } from './fake-tool';

/** A window as the storage script sees it: message listeners, localStorage, and the replies it posts. */
function fakeWindow(cfg: StorageScriptConfig) {
  const listeners: Array<(e: unknown) => void> = [];
  const store = new Map<string, string>();
  const win = {
    addEventListener: (type: string, fn: (e: unknown) => void) => void (type === 'message' && listeners.push(fn)),
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
  };
  new Function('window', 'cfg', STORAGE_SCRIPT)(win, cfg);
  /** Sends `data` from a window of `origin`; returns what the script answered, and to which target origin. */
  function send(origin: string, data: unknown): Array<{ body: Record<string, any>; target: string }> {
    const replies: Array<{ body: Record<string, any>; target: string }> = [];
    const source = { postMessage: (body: Record<string, any>, target: string) => replies.push({ body, target }) };
    for (const fn of listeners) fn({ data, origin, source });
    return replies;
  }
  return { send, store };
}

const TOOL = 'http://localhost:3000';
const OTHER_TOOL = 'http://127.0.0.2:4000';

describe('devplatform: LTI Platform Storage (Canvas flavour)', () => {
  describe('the storage frame script', () => {
    const frame = () => fakeWindow({ allowed: [TOOL, OTHER_TOOL], mode: 'frame', frame: STORAGE_FRAME });

    it('stores a value for the sending tool and gives it back, replying to that origin only', () => {
      const w = frame();
      const put = w.send(TOOL, { subject: 'lti.put_data', message_id: 'm1', key: 'state_abc', value: 'abc' });
      assert.deepEqual(put, [{ body: { subject: 'lti.put_data.response', message_id: 'm1', key: 'state_abc', value: 'abc' }, target: TOOL }]);
      const get = w.send(TOOL, { subject: 'lti.get_data', message_id: 'm2', key: 'state_abc' });
      assert.deepEqual(get, [{ body: { subject: 'lti.get_data.response', message_id: 'm2', key: 'state_abc', value: 'abc' }, target: TOOL }]);
    });

    it('keeps each tool origin apart, and answers null for a key never stored', () => {
      const w = frame();
      w.send(TOOL, { subject: 'lti.put_data', message_id: 'm1', key: 'k', value: 'mine' });
      assert.equal(w.send(OTHER_TOOL, { subject: 'lti.get_data', message_id: 'm2', key: 'k' })[0].body.value, null);
      assert.equal(w.send(TOOL, { subject: 'lti.get_data', message_id: 'm3', key: 'k' })[0].body.value, 'mine');
    });

    it('removes a value put as null', () => {
      const w = frame();
      w.send(TOOL, { subject: 'lti.put_data', message_id: 'm1', key: 'k', value: 'v' });
      w.send(TOOL, { subject: 'lti.put_data', message_id: 'm2', key: 'k', value: null });
      assert.equal(w.store.size, 0);
      assert.equal(w.send(TOOL, { subject: 'lti.get_data', message_id: 'm3', key: 'k' })[0].body.value, null);
    });

    it('refuses an origin that is not the registered tool’s, and stores nothing for it', () => {
      const w = frame();
      const [r] = w.send('https://evil.example', { subject: 'lti.put_data', message_id: 'm1', key: 'k', value: 'v' });
      assert.equal(r.target, 'https://evil.example');
      assert.equal(r.body.subject, 'lti.put_data.response');
      assert.equal(r.body.message_id, 'm1');
      assert.equal(r.body.error.code, 'wrong_origin');
      assert.equal(w.store.size, 0);
      assert.equal(w.send('https://evil.example', { subject: 'lti.get_data', message_id: 'm2', key: 'k' })[0].body.error.code, 'wrong_origin');
    });

    it('answers an unknown lti.* subject with unsupported_subject, and a malformed request with bad_request', () => {
      const w = frame();
      assert.equal(w.send(TOOL, { subject: 'lti.delete_everything', message_id: 'm1' })[0].body.error.code, 'unsupported_subject');
      assert.equal(w.send(TOOL, { subject: 'lti.put_data', key: 'k', value: 'v' })[0].body.error.code, 'bad_request', 'no message_id');
      assert.equal(w.send(TOOL, { subject: 'lti.put_data', message_id: 'm', key: '', value: 'v' })[0].body.error.code, 'bad_request', 'empty key');
      assert.equal(w.send(TOOL, { subject: 'lti.put_data', message_id: 'm', key: 'k', value: 42 })[0].body.error.code, 'bad_request', 'not a string');
      assert.equal(w.send(TOOL, { subject: 'lti.get_data', message_id: 'm', key: 'x'.repeat(257) })[0].body.error.code, 'bad_request', 'key too long');
      assert.equal(w.store.size, 0);
    });

    it('ignores what is not an LTI request (other messages, responses), so it never answers itself', () => {
      const w = frame();
      assert.deepEqual(w.send(TOOL, 'hello'), []);
      assert.deepEqual(w.send(TOOL, { subject: 'lti.put_data.response', message_id: 'm' }), []);
      assert.deepEqual(w.send(TOOL, { subject: 'resize' }), []);
    });

    it('the framing page answers lti.capabilities with the storage frame’s name, and leaves storage to the frame', () => {
      const w = fakeWindow({ allowed: [TOOL], mode: 'parent', frame: STORAGE_FRAME });
      const [r] = w.send(TOOL, { subject: 'lti.capabilities', message_id: 'c1' });
      assert.equal(r.target, TOOL);
      assert.deepEqual(r.body, {
        subject: 'lti.capabilities.response',
        message_id: 'c1',
        supported_messages: [
          { subject: 'lti.capabilities' },
          { subject: 'lti.put_data', frame: STORAGE_FRAME },
          { subject: 'lti.get_data', frame: STORAGE_FRAME },
        ],
      });
      assert.equal(w.send(TOOL, { subject: 'lti.put_data', message_id: 'm', key: 'k', value: 'v' })[0].body.error.code, 'unsupported_subject');
      assert.equal(w.send('https://evil.example', { subject: 'lti.capabilities', message_id: 'c2' })[0].body.error.code, 'wrong_origin');
    });
  });

  describe('the platform', () => {
    it('Canvas: the login initiation carries lti_storage_target, and the page framing the tool holds the storage frame', async () => {
      const { p, tool, close } = await platformWithTool({ flavour: 'canvas' });
      try {
        const agent = new BrowserAgent();
        const login = parsePostForm(await agent.fetch(`${p.url}/launch?user=learner2&course=course-1`));
        assert.equal(login?.fields.lti_storage_target, STORAGE_FRAME);
        const home = await agent.fetch(`${p.url}/`);
        assert.match(home.text, new RegExp(`<iframe name="${STORAGE_FRAME}" src="${p.url}/storage-frame"[^>]* hidden>`));
        assert.match(home.text, /lti\.capabilities/);
        const frame = await agent.fetch(`${p.url}/storage-frame`);
        assert.equal(frame.status, 200);
        assert.match(frame.text, /lti\.put_data/);
        assert.ok(frame.text.includes(JSON.stringify(new URL(tool.url).origin)), 'only the registered tool’s origin is allowed');
      } finally {
        await close();
      }
    });

    it('Moodle: no lti_storage_target, no storage frame', async () => {
      const { p, close } = await platformWithTool({ flavour: 'moodle' });
      try {
        const agent = new BrowserAgent();
        const login = parsePostForm(await agent.fetch(`${p.url}/launch?user=learner2&course=course-1`));
        assert.ok(login);
        assert.equal(login.fields.lti_storage_target, undefined);
        assert.doesNotMatch((await agent.fetch(`${p.url}/`)).text, /storage-frame|lti\.capabilities/);
        assert.equal((await agent.fetch(`${p.url}/storage-frame`)).status, 404);
      } finally {
        await close();
      }
    });
  });
});
