/**
 * The browser side of a launch: the LMS page that starts the OIDC third-party login
 * (LTI 1.3 core §5.1.1, IMS Security Framework §5.1.1) and the authorization endpoint that
 * answers with the signed id_token by form_post (§5.1.1.3–5).
 */
import { Router, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { DevPlatform } from './index';
import { params, q } from './http';
import { autoPostForm, messagePage } from './pages';
import type { MessageType } from './types';
import { offersStorage, STORAGE_FRAME } from './storage';

/** What the platform packs into lti_message_hint, as Moodle does ({"cmid":…,"launchid":…}). */
interface MessageHint {
  cmid?: string;
  launchid: string;
  course?: string | null;
  type: MessageType;
  target?: string;
}

/** Routes GET /launch and GET|POST /auth. */
export function oidcRoutes(p: DevPlatform): Router {
  const r = Router();
  r.get('/launch', (req, res) => startLaunch(p, req, res));
  r.all('/auth', (req, res) => authorize(p, req, res));
  return r;
}

function fail(res: Response, status: number, reason: string): void {
  res.status(status).type('html').send(messagePage('Requête refusée / Request refused', [reason]));
}

/** The auto-submitting page that POSTs the login initiation to the tool (Moodle uses POST). */
function startLaunch(p: DevPlatform, req: Request, res: Response): void {
  const tool = p.tool;
  if (!tool) return fail(res, 409, 'No tool registered: call registerTool() first.');
  const userId = q(req, 'user');
  const courseId = q(req, 'course') || ([...p.courses.keys()][0] ?? null);
  if (courseId && !p.courses.has(courseId)) return fail(res, 404, `Unknown course: ${courseId}`);
  if (!p.findUser(userId, courseId)) return fail(res, 404, `Unknown user in this course: ${userId}`);
  const type: MessageType = q(req, 'type') === 'deeplink' ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest';
  const hint: MessageHint = { launchid: `ltilaunch_${randomBytes(6).toString('hex')}`, course: courseId, type };
  if (type === 'LtiResourceLinkRequest') hint.cmid = q(req, 'resource_link') || `rl-${courseId ?? 'none'}`;
  const link = hint.cmid ? p.resourceLinks.get(hint.cmid) : undefined;
  const target = q(req, 'target') || (type === 'LtiDeepLinkingRequest' ? tool.deepLinkUrl ?? tool.launchUrl : link?.url ?? tool.launchUrl);
  if (q(req, 'target')) hint.target = target;
  res.type('html').send(autoPostForm(tool.loginUrl, {
    iss: p.issuer,
    login_hint: userId,
    lti_message_hint: JSON.stringify(hint),
    target_link_uri: target,
    client_id: tool.clientId,
    lti_deployment_id: tool.deploymentId,
    // Canvas names its storage frame (LTI OIDC Login with Client Side postMessages §login); Moodle sends nothing.
    ...(offersStorage(p) ? { lti_storage_target: STORAGE_FRAME } : {}),
  }, 'Lancement de l’outil… / Launching the tool…'));
}

/** Checks the authentication request (Security Framework §5.1.1.2); a reason, or undefined. */
function checkAuthRequest(p: DevPlatform, a: Record<string, string>, hint: MessageHint | undefined): string | undefined {
  const tool = p.requireTool();
  const allowed = [tool.launchUrl, tool.deepLinkUrl ?? tool.launchUrl];
  if (!a.scope?.split(' ').includes('openid')) return 'scope must contain openid';
  if (a.response_type !== 'id_token') return 'response_type must be id_token';
  if (a.response_mode !== 'form_post') return 'response_mode must be form_post';
  if (a.prompt !== 'none') return 'prompt must be none';
  if (a.client_id !== tool.clientId) return `unknown client_id: ${a.client_id ?? ''}`;
  if (!allowed.includes(a.redirect_uri)) return `redirect_uri is not registered for this tool: ${a.redirect_uri ?? ''}`;
  if (!a.state) return 'state is missing';
  if (!a.nonce) return 'nonce is missing';
  if (!a.lti_message_hint) return 'lti_message_hint is missing';
  if (!hint) return 'lti_message_hint is not the one the platform issued';
  if (!p.findUser(a.login_hint ?? '', hint.course)) return `login_hint is not a user of this course: ${a.login_hint ?? ''}`;
  return undefined;
}

function parseHint(s: string | undefined): MessageHint | undefined {
  try {
    const h = JSON.parse(s ?? '') as MessageHint;
    const types: unknown[] = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'];
    return typeof h === 'object' && h && typeof h.launchid === 'string' && types.includes(h.type) ? h : undefined;
  } catch {
    return undefined;
  }
}

/** The authorization endpoint: validate, sign, and form_post id_token + state to redirect_uri. */
async function authorize(p: DevPlatform, req: Request, res: Response): Promise<void> {
  if (!p.tool) return fail(res, 409, 'No tool registered.');
  // Moodle 4.5.x forces its session cookie to SameSite=Lax (mid-2026, LTIJS-NOTES.md): a cross-site
  // POST to auth.php arrives without the session, and Moodle answers as to someone not logged in.
  if (p.flavour === 'moodle' && req.method === 'POST') return fail(res, 401, 'You are not logged in (auth.php needs a top-level GET redirect: the Moodle session cookie is SameSite=Lax).');
  const a = params(req);
  const hint = parseHint(a.lti_message_hint);
  const reason = checkAuthRequest(p, a, hint);
  if (reason || !hint) return fail(res, 400, `Invalid authentication request: ${reason}`);
  const idToken = await p.buildIdToken({
    courseId: hint.course ?? null,
    userId: a.login_hint,
    nonce: a.nonce,
    messageType: hint.type,
    resourceLinkId: hint.cmid,
    targetLinkUri: hint.target,
  });
  // Canvas repeats lti_storage_target in the launch (Canvas doc/api/lti_window_post_message.md).
  const storage: Record<string, string> = offersStorage(p) ? { lti_storage_target: STORAGE_FRAME } : {};
  res.type('html').send(autoPostForm(a.redirect_uri, { id_token: idToken, state: a.state, ...storage }, 'Connexion à l’outil… / Signing in to the tool…'));
}
