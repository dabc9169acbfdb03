/**
 * LTI Dynamic Registration 1.0, platform side, as Moodle 4.x does it (mod/lti/openid-configuration.php,
 * mod/lti/openid-registration.php, mod/lti/classes/local/ltiopenid/registration_helper.php):
 * - "Manage tools" takes a tool's registration URL and opens it in a *cross-site frame*, with
 *   `openid_configuration` and a single-use `registration_token`; the tool's page closes the frame
 *   with `postMessage({subject: 'org.imsglobal.lti.close'})`.
 * - When a tool on the same domain is already registered, the administrator chooses
 *   "Update" (same client id and deployment) or "Register as new" (a new client id and deployment).
 * - The registration is validated as registration_to_config does (id_token, redirect_uris array,
 *   private_key_jwt, application_type web) and the tool is then "preconfigured" (not shown in the
 *   activity chooser until someone turns it on) with grades "delegate to teacher"; the scopes
 *   asked for switch services on, the claims asked for switch name and e-mail sharing on.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DevPlatform } from './index';
import { esc, layout } from './pages';
import { q } from './http';
import { ALL_SCOPES } from './scopes';

const TOOL_CONF = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

/** What Moodle records from a dynamic registration (lti_types + its config). */
export interface RegisteredTool {
  clientId: string;
  deploymentId: string;
  name: string;
  domain: string;
  logoUri?: string;
  /** Moodle's lti_coursevisible: always "preconfigured" after dynamic registration. */
  courseVisible: 'preconfigured' | 'activity_chooser';
  /** Moodle's lti_acceptgrades: "delegate" when an AGS scope was asked for. */
  acceptGrades: 'never' | 'delegate';
  contentItem: boolean;
  customParameters: Record<string, string>;
  sendName: boolean;
  sendEmail: boolean;
}

/** Routes: the Manage tools page, the OpenID configuration and the registration endpoint. */
export function registrationRoutes(p: DevPlatform): Router {
  const r = Router();
  r.get('/admin/tools', (req, res) => void res.type('html').send(manageToolsPage(p, q(req, 'url'), q(req, 'choice'))));
  r.get('/openid-configuration', (req, res) => openidConfiguration(p, req, res));
  r.post('/openid-registration', (req, res) => register(p, req, res));
  return r;
}

function bearer(req: Request): string {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
}

/** The site's configuration (openid-configuration.php). Moodle lists messages as plain strings. */
function openidConfiguration(p: DevPlatform, req: Request, res: Response): void {
  const token = p.registrationTokens.get(bearer(req));
  if (!token || token.expiresAt < Date.now()) return void res.status(401).json({ error: 'invalid registration token' });
  res.json({
    issuer: p.issuer,
    token_endpoint: `${p.url}/token`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: `${p.url}/jwks`,
    authorization_endpoint: `${p.url}/auth`,
    registration_endpoint: `${p.url}/openid-registration`,
    scopes_supported: [...ALL_SCOPES, 'openid'],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
    'https://purl.imsglobal.org/spec/lti-platform-configuration': {
      product_family_code: p.flavour,
      version: p.flavour === 'moodle' ? '4.5.1 (Build: 20241209)' : 'cloud',
      messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
      placements: ['AddContentMenu'],
      variables: ['CourseSection.timeFrame.end', 'CourseSection.timeFrame.begin', 'Context.id.history', 'ResourceLink.id.history'],
    },
  });
}

/** registration_to_config's checks; a reason when the request is not acceptable. */
function invalid(body: any): string | undefined {
  if (!body || typeof body !== 'object') return 'missing required attribute response_types';
  for (const k of ['response_types', 'initiate_login_uri', 'redirect_uris', 'client_name', 'jwks_uri', 'token_endpoint_auth_method', TOOL_CONF]) {
    if (!body[k] || (Array.isArray(body[k]) && body[k].length === 0)) return `missing required attribute ${k}`;
  }
  const conf = body[TOOL_CONF];
  for (const k of ['domain', 'target_link_uri']) if (!conf?.[k]) return `missing required attribute ${k}`;
  if (!Array.isArray(body.response_types) || !body.response_types.includes('id_token')) return 'invalid_response_types';
  if (!Array.isArray(body.redirect_uris)) return 'invalid_redirect_uris';
  if (body.token_endpoint_auth_method !== 'private_key_jwt') return 'invalid_token_endpoint_auth_method';
  if (body.application_type && body.application_type !== 'web') return 'invalid_application_type';
  return undefined;
}

/** openid-registration.php: a single-use token, then the tool is recorded and described back. */
function register(p: DevPlatform, req: Request, res: Response): void {
  const key = bearer(req);
  const token = p.registrationTokens.get(key);
  if (!token || token.expiresAt < Date.now()) return void res.status(401).json({ error: 'invalid registration token' });
  if (token.used) return void res.status(401).json({ error: 'token_already_used' });
  const reason = invalid(req.body);
  if (reason) return void res.status(400).json({ error: reason });
  token.used = true;
  const body = req.body;
  const conf = body[TOOL_CONF];
  const scopes = String(body.scope ?? '').split(/\s+/).filter(Boolean);
  const claims: string[] = Array.isArray(conf.claims) ? conf.claims : [];
  const messages: Array<{ type?: string; target_link_uri?: string }> = Array.isArray(conf.messages) ? conf.messages : [];
  const deepLink = messages.find((m) => m?.type === 'LtiDeepLinkingRequest');
  const deploymentId = token.update?.deploymentId ?? String(p.nextToolTypeId++);
  const tool: RegisteredTool = {
    clientId: token.clientId,
    deploymentId,
    name: String(body.client_name),
    domain: String(conf.domain),
    logoUri: typeof body.logo_uri === 'string' ? body.logo_uri : undefined,
    courseVisible: 'preconfigured',
    acceptGrades: scopes.some((s) => s.startsWith('https://purl.imsglobal.org/spec/lti-ags/')) ? 'delegate' : 'never',
    contentItem: Boolean(deepLink),
    customParameters: conf.custom_parameters && typeof conf.custom_parameters === 'object' ? conf.custom_parameters : {},
    sendName: ['name', 'given_name', 'family_name'].some((c) => claims.includes(c)),
    sendEmail: claims.includes('email'),
  };
  p.registeredTools.set(tool.clientId, tool);
  p.registerTool({
    clientId: tool.clientId,
    deploymentId,
    loginUrl: String(body.initiate_login_uri),
    launchUrl: String(conf.target_link_uri),
    jwksUrl: String(body.jwks_uri),
    deepLinkUrl: deepLink?.target_link_uri,
    grantedScopes: scopes.filter((s) => ALL_SCOPES.includes(s)),
    customParameters: tool.customParameters,
  });
  res.json({
    client_id: tool.clientId,
    response_types: ['id_token'],
    jwks_uri: body.jwks_uri,
    initiate_login_uri: body.initiate_login_uri,
    grant_types: ['client_credentials', 'implicit'],
    redirect_uris: body.redirect_uris,
    application_type: 'web',
    token_endpoint_auth_method: 'private_key_jwt',
    client_name: tool.name,
    logo_uri: tool.logoUri ?? '',
    scope: scopes.join(' '),
    [TOOL_CONF]: { deployment_id: deploymentId, target_link_uri: conf.target_link_uri, domain: tool.domain, claims: ['sub', 'iss', ...claims.filter((c) => c !== 'sub' && c !== 'iss')] },
  });
}

/** A new single-use registration token; `update` keeps an existing tool's ids. */
function issueToken(p: DevPlatform, update?: RegisteredTool): string {
  const token = randomBytes(24).toString('base64url');
  const clientId = update?.clientId ?? randomBytes(8).toString('base64url').slice(0, 15);
  p.registrationTokens.set(token, { clientId, update, expiresAt: Date.now() + 3600_000, used: false });
  return token;
}

/** Moodle's "Manage tools": registered tools, the URL field, the choice for a known domain, the frame. */
function manageToolsPage(p: DevPlatform, url: string, choice: string): string {
  const cards = [...p.registeredTools.values()].map((t) => `<li data-tool="${esc(t.clientId)}">${t.logoUri ? `<img src="${esc(t.logoUri)}" alt="" width="32" height="32" data-tool-icon> ` : ''}<strong>${esc(t.name)}</strong>
 — client id <code>${esc(t.clientId)}</code>, deployment <code>${esc(t.deploymentId)}</code>, ${esc(t.courseVisible === 'preconfigured' ? 'Preconfigured (not shown in the activity chooser)' : 'Shown in activity chooser')}, grades: ${esc(t.acceptGrades === 'delegate' ? 'Delegate to teacher' : 'Never')}</li>`).join('');
  const form = `<form method="get" action="${esc(p.url)}/admin/tools"><label>Tool URL <input name="url" type="url" required size="50" value="${esc(url)}"></label> <button type="submit">Add LTI Advantage</button></form>`;
  let frame = '';
  if (url && URL.canParse(url)) {
    const existing = [...p.registeredTools.values()].find((t) => t.domain === new URL(url).host);
    if (existing && choice !== 'update' && choice !== 'new') {
      const base = `${p.url}/admin/tools?url=${encodeURIComponent(url)}`;
      frame = `<p role="alert" data-existing>A tool with the domain ${esc(existing.domain)} is already registered.</p><p><a class="button" href="${esc(base)}&choice=update">Update</a> <a class="button" href="${esc(base)}&choice=new">Register as new</a></p>`;
    } else {
      const token = issueToken(p, choice === 'update' ? existing : undefined);
      const src = new URL(url);
      src.searchParams.set('openid_configuration', `${p.url}/openid-configuration`);
      src.searchParams.set('registration_token', token);
      frame = `<iframe id="registration" title="Tool registration" src="${esc(src.href)}"></iframe>
<script>window.addEventListener('message', function (e) {
  if (e.data && e.data.subject === 'org.imsglobal.lti.close') { document.getElementById('registration').remove(); location.href = ${JSON.stringify(`${p.url}/admin/tools`)}; }
});</script>`;
    }
  }
  return layout('Manage tools', `<main><h1>Manage tools</h1><ul>${cards || '<li>No tool yet.</li>'}</ul>${form}${frame}</main>`, 'en');
}
