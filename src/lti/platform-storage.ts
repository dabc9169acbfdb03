/**
 * LTI Platform Storage: binding the launch to the browser that started the login where the
 * browser refuses the tool's cookies (Safari in an LMS frame) but the platform keeps values for
 * the tool in a frame of its own (Canvas, D2L Brightspace, Blackboard, Sakai; not Moodle).
 *
 * - Login: when the login initiation names a storage frame (`lti_storage_target`), the tool answers
 *   a page whose script stores the state and the nonce there (`lti.put_data`, keys `state_<state>`
 *   and `nonce_<nonce>`), then goes on to the platform's authorization endpoint. ltijs's state
 *   cookie is set too: a browser that keeps it launches as before.
 * - Launch: when that cookie did not come back, the launch is not taken on trust: the tool answers
 *   a page whose script reads both values back (`lti.get_data`) and posts them to the same launch
 *   address; the launch goes on only if they are this login's, posted by the tool's own page.
 *
 * Sources: 1EdTech "LTI OIDC Login with LTI Client Side postMessages"
 * (https://www.imsglobal.org/spec/lti-cs-oidc/v0p1), "LTI Client Side postMessages"
 * (https://www.imsglobal.org/spec/lti-cs-pm/v0p1: message_id, `.response`, the target frame in
 * `window.parent.frames`, targetOrigin = the OIDC authorization endpoint's origin), "LTI postMessage
 * Storage" (https://www.imsglobal.org/spec/lti-pm-s/v0p1); Canvas "Using window.postMessage in LTI
 * Tools" (`lti_storage_target=post_message_forwarding`); LTIJS-NOTES.md "Launching without
 * third-party cookies".
 */
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { signedCookie } from 'cookie-parser';
import type { Config } from '../config';
import type { Lang } from '../i18n';
import { translator } from '../i18n';
import type { LtiLogin } from './login-model';
import { LaunchRefused } from './errors';

/** The frame the platform named for its storage, when the login initiation named a valid one. */
export function storageTarget(params: Record<string, string> | undefined): string | null {
  const target = params?.lti_storage_target ?? '';
  // A window name: `_parent` (Sakai) or a plain frame name (Canvas's `post_message_forwarding`).
  return /^(_parent|[A-Za-z0-9][A-Za-z0-9_-]{0,63})$/.test(target) ? target : null;
}

/** The keys the values are stored under (lti-cs-oidc: one key per login, so logins never clash). */
export function storageKeys(state: string, nonce: string): { state: string; nonce: string } {
  return { state: `state_${state}`, nonce: `nonce_${nonce}` };
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * The login's answer instead of a bare redirect: store the state and the nonce with the platform,
 * then go on to `authUrl`. Without script the page moves on by itself (noscript refresh), and the
 * state cookie alone binds the launch, as before.
 */
export function storageLoginPage(res: Response, p: { lang: Lang; authUrl: string; target: string; state: string; nonce: string }): void {
  const t = translator(p.lang);
  const keys = storageKeys(p.state, p.nonce);
  res.set('Cache-Control', 'no-store');
  res.status(200).render('lti/storage-login', {
    lang: p.lang,
    t,
    title: t('launch.storage_login_title'),
    headExtra: `<noscript><meta http-equiv="refresh" content="0;url=${esc(p.authUrl)}"></noscript>`,
    storage: { mode: 'put', target: p.target, origin: new URL(p.authUrl).origin, next: p.authUrl, stateKey: keys.state, state: p.state, nonceKey: keys.nonce, nonce: p.nonce },
    url: (u: string) => u,
  });
}

/** ltijs's validation cookie for this state, when the browser sent it back (signed with the tool's key). */
export function hasStateCookie(req: Request, config: Config, state: string, issuer: string): boolean {
  const name = `state${state}`;
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    let raw: string;
    try {
      raw = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return false;
    }
    return signedCookie(raw, config.LTI_KEY) === issuer;
  }
  return false;
}

/** What the launch guard does about platform storage for a verified launch. */
export type StorageStep = { kind: 'none' } | { kind: 'ask' } | { kind: 'confirmed' } | { kind: 'refused'; error: LaunchRefused };

/**
 * The storage step of a verified launch whose state cookie did not come back:
 * - the login named no storage frame → none (ltijs refuses the launch: the new-tab page, as before);
 * - first post (from the platform) → ask: answer the page that reads the storage;
 * - second post (from that page) → confirmed only if posted by the tool's own page, with the values
 *   stored at this login; otherwise refused. Nothing is written either way.
 */
export function storageStep(config: Config, req: Request, login: LtiLogin): StorageStep {
  if (!storageTarget(login.params)) return { kind: 'none' };
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.lti_storage === undefined) return { kind: 'ask' };
  // A cross-site form could post made-up values (the state and the nonce are no secret from whoever
  // holds the token): only our own page, reading the platform's storage in this browser, may.
  if (!postedByOurPage(config, req)) return { kind: 'refused', error: new LaunchRefused('STORAGE_CROSS_SITE') };
  if (body.lti_storage !== 'checked') return { kind: 'refused', error: new LaunchRefused('COOKIES_BLOCKED') };
  const state = typeof body.storage_state === 'string' ? body.storage_state : '';
  const nonce = typeof body.storage_nonce === 'string' ? body.storage_nonce : '';
  if (!safeEqual(state, login.state) || !safeEqual(nonce, login.nonce)) return { kind: 'refused', error: new LaunchRefused('STORAGE_MISMATCH') };
  return { kind: 'confirmed' };
}

/**
 * Fetch Metadata (`Sec-Fetch-Site: same-origin`), else, from a browser that sends none, an Origin
 * that is ours (the page sets its referrer policy to same-origin so the browser sends it).
 */
function postedByOurPage(config: Config, req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  return req.get('origin') === new URL(config.PUBLIC_URL).origin;
}

/**
 * The launch's answer when the cookie did not come back: a page that reads the state and the nonce
 * back from the platform and posts them with the id_token to the launch address. Without script
 * nothing can be read: it offers the new tab.
 */
export function storageLaunchPage(res: Response, p: { lang: Lang; authUrl: string; target: string; login: LtiLogin; idToken: string }): void {
  const t = translator(p.lang);
  const keys = storageKeys(p.login.state, p.login.nonce);
  res.set('Cache-Control', 'no-store');
  res.status(200).render('lti/storage-launch', {
    lang: p.lang,
    t,
    title: t('launch.storage_check_title'),
    // Our own Origin on the post back, for browsers without Fetch Metadata (see postedByOurPage).
    headExtra: '<meta name="referrer" content="same-origin">',
    storage: { mode: 'get', target: p.target, origin: new URL(p.authUrl).origin, stateKey: keys.state, nonceKey: keys.nonce },
    idToken: p.idToken,
    state: p.login.state,
    relaunch: `/lti/login?${new URLSearchParams(p.login.params).toString()}`,
    url: (u: string) => u,
  });
}

/**
 * Hand ltijs the validation its state cookie would have given (the login's issuer), for a launch
 * whose binding platform storage confirmed. ltijs's cookie-parser leaves cookies already parsed
 * alone, so this stands in for it on this request only.
 */
export function vouchForState(req: Request, config: Config, state: string, issuer: string): void {
  const r = req as Request & { cookies?: Record<string, string>; signedCookies?: Record<string, string>; secret?: string };
  r.cookies = {};
  r.signedCookies = { [`state${state}`]: issuer };
  // What cookie-parser would have set: ltijs clears its (signed) state cookie with it.
  r.secret = config.LTI_KEY;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
