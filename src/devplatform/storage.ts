/**
 * LTI Platform Storage, as Canvas offers it: a hidden, same-origin frame named
 * `post_message_forwarding` on the page that frames the tool keeps short values for the tool in
 * the platform's own `localStorage`, per tool origin, and answers the tool's postMessages
 * (`lti.put_data`, `lti.get_data`); the framing page answers `lti.capabilities` and names that
 * frame. The login initiation carries `lti_storage_target=post_message_forwarding`.
 *
 * Sources: 1EdTech "LTI Client Side postMessages" (https://www.imsglobal.org/spec/lti-cs-pm/v0p1:
 * capabilities, message_id, `.response` subjects, error codes, origin checks), "LTI postMessage
 * Storage" (https://www.imsglobal.org/spec/lti-pm-s/v0p1: put_data/get_data, storage partitioned by
 * the sender's origin), "LTI OIDC Login with LTI Client Side postMessages"
 * (https://www.imsglobal.org/spec/lti-cs-oidc/v0p1: the `lti_storage_target` login parameter);
 * Canvas "Using window.postMessage in LTI Tools" (doc/api/lti_window_post_message.md: the named
 * frame in `window.parent.frames`, `supported_messages[].frame`) and Canvas's platform storage
 * docs (doc/lti/17_platform_storage.md). Moodle offers none of it (mod/lti/auth.php sends no
 * `lti_storage_target`).
 */
import { Router } from 'express';
import type { DevPlatform } from './index';
import { esc, layout } from './pages';

/** Canvas's name for its storage frame. */
export const STORAGE_FRAME = 'post_message_forwarding';

/** Whether this flavour offers Platform Storage (Canvas does, Moodle does not). */
export function offersStorage(p: DevPlatform): boolean {
  return p.flavour === 'canvas';
}

/** What the script needs: the origins allowed to use the storage, and its role on the page. */
export interface StorageScriptConfig {
  allowed: string[];
  mode: 'frame' | 'parent';
  frame: string;
}

/**
 * The browser side, as plain ES5 so the platform can serve it as written and a test can run it
 * against a fake window (`new Function('window', 'cfg', STORAGE_SCRIPT)`). Strict: a message from
 * an origin that is not the registered tool's gets `wrong_origin`; an unknown `lti.*` subject gets
 * `unsupported_subject`; a malformed request gets `bad_request`. Replies go to the sender's window
 * with the sender's origin as target, never `*`.
 */
export const STORAGE_SCRIPT = `
var PREFIX = 'lti-storage|';
var HANDLED = cfg.mode === 'frame' ? ['lti.capabilities', 'lti.put_data', 'lti.get_data'] : ['lti.capabilities'];
function reply(event, body) {
  if (!event.source || !event.origin || event.origin === 'null') return;
  event.source.postMessage(body, event.origin);
}
function fail(event, data, code, message) {
  reply(event, { subject: data.subject + '.response', message_id: data.message_id, error: { code: code, message: message } });
}
window.addEventListener('message', function (event) {
  var data = event.data;
  if (!data || typeof data !== 'object' || typeof data.subject !== 'string') return;
  if (data.subject.indexOf('lti.') !== 0 || /\\.response$/.test(data.subject)) return;
  if (cfg.allowed.indexOf(event.origin) < 0) return fail(event, data, 'wrong_origin', 'origin ' + event.origin + ' is not a registered tool');
  if (HANDLED.indexOf(data.subject) < 0) return fail(event, data, 'unsupported_subject', 'unsupported subject ' + data.subject);
  if (data.subject === 'lti.capabilities') {
    return reply(event, { subject: 'lti.capabilities.response', message_id: data.message_id, supported_messages: [
      { subject: 'lti.capabilities' },
      { subject: 'lti.put_data', frame: cfg.frame },
      { subject: 'lti.get_data', frame: cfg.frame }
    ] });
  }
  if (typeof data.message_id !== 'string' || !data.message_id) return fail(event, data, 'bad_request', 'message_id is required');
  if (typeof data.key !== 'string' || !data.key || data.key.length > 256) return fail(event, data, 'bad_request', 'key must be a string of 1 to 256 characters');
  var slot = PREFIX + event.origin + '|' + data.key;
  if (data.subject === 'lti.put_data') {
    if (data.value !== null && (typeof data.value !== 'string' || data.value.length > 4096)) return fail(event, data, 'bad_request', 'value must be a string (at most 4096 characters) or null');
    try {
      if (data.value === null) window.localStorage.removeItem(slot);
      else window.localStorage.setItem(slot, data.value);
    } catch (e) {
      return fail(event, data, 'storage_exhaustion', 'the value could not be stored');
    }
    return reply(event, { subject: 'lti.put_data.response', message_id: data.message_id, key: data.key, value: data.value });
  }
  var value = window.localStorage.getItem(slot);
  reply(event, { subject: 'lti.get_data.response', message_id: data.message_id, key: data.key, value: value === undefined ? null : value });
});
`;

/** The inline `<script>` for a page of the platform (it serves no CSP of its own). */
export function storageScriptTag(cfg: StorageScriptConfig): string {
  // JSON in a script element: escape "<" so no value can close the element.
  const json = JSON.stringify(cfg).replace(/</g, '\\u003c');
  return `<script>(function (window, cfg) {${STORAGE_SCRIPT}})(window, ${json});</script>`;
}

/** The origins of the registered tool (its login and launch addresses), which alone may use the storage. */
export function toolOrigins(p: DevPlatform): string[] {
  const t = p.tool;
  if (!t) return [];
  const urls = [t.loginUrl, t.launchUrl, t.deepLinkUrl].filter((u): u is string => typeof u === 'string' && URL.canParse(u));
  return [...new Set(urls.map((u) => new URL(u).origin))];
}

/** What the framing page adds: the hidden storage frame and the capabilities answer. */
export function storageElements(p: DevPlatform): string {
  if (!offersStorage(p)) return '';
  return `<iframe name="${esc(STORAGE_FRAME)}" src="${esc(p.url)}/storage-frame" title="Stockage LTI / LTI storage" hidden></iframe>
${storageScriptTag({ allowed: toolOrigins(p), mode: 'parent', frame: STORAGE_FRAME })}`;
}

/** GET /storage-frame: the storage frame's page (Canvas flavour only; 404 elsewhere). */
export function storageRoutes(p: DevPlatform): Router {
  const r = Router();
  r.get('/storage-frame', (_req, res) => {
    if (!offersStorage(p)) return void res.status(404).json({ error: 'not found' });
    res.set('Cache-Control', 'no-store').type('html').send(layout('Stockage LTI / LTI storage', storageScriptTag({ allowed: toolOrigins(p), mode: 'frame', frame: STORAGE_FRAME })));
  });
  return r;
}
