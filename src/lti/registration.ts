import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { SCOPES } from './scopes';
import { CUSTOM_PARAMETERS } from './custom-params';
import { addPlatform } from './platforms';
import { translator, langFromHeader } from '../i18n';
import { log } from '../log';
import { lmsFetch } from './outbound';

const platformConfigSchema = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  registration_endpoint: z.string().url(),
  authorization_server: z.string().optional(),
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z
    .object({ product_family_code: z.string().optional(), version: z.string().optional() })
    .passthrough()
    .optional(),
});

const registrationResponseSchema = z.object({
  client_id: z.string().min(1),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z.object({ deployment_id: z.string().optional() }).passthrough().optional(),
});

export class RegistrationError extends Error {}

/**
 * LTI Dynamic Registration 1.0 §3.5.1: the issuer must match the configuration URL's host. Hosted
 * Canvas is the known exception: every instance's issuer is canvas.instructure.com while the
 * configuration is served from the school's own instructure.com or canvaslms.com host.
 */
export function issuerMatches(issuer: string, configurationUrl: string, family?: string): boolean {
  const issuerHost = new URL(issuer).host;
  const configHost = new URL(configurationUrl).host;
  if (issuerHost === configHost) return true;
  return family === 'canvas' && /(^|\.)instructure\.com$/.test(issuerHost) && /(\.instructure\.com|\.canvaslms\.com)$/.test(configHost);
}

/** The tool's registration request (Dynamic Registration §3.3), with Moodle and Canvas placements. */
export function toolRegistration(config: Config, family: string | undefined) {
  const base = config.PUBLIC_URL;
  const launch = `${base}/lti/launch`;
  const canvas = family === 'canvas';
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${base}/lti/login`,
    redirect_uris: [launch],
    client_name: 'CoPeR',
    jwks_uri: `${base}/lti/keys`,
    logo_uri: `${base}/public/icon.svg`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: Object.values(SCOPES).join(' '),
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: new URL(base).host,
      target_link_uri: launch,
      description: 'Communauté de pratique en réseau — networked community of practice',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'picture', 'locale'],
      custom_parameters: { ...CUSTOM_PARAMETERS },
      messages: [
        canvas
          ? { type: 'LtiResourceLinkRequest', target_link_uri: launch, label: 'CoPeR', placements: ['course_navigation'] }
          : { type: 'LtiResourceLinkRequest', target_link_uri: launch, label: 'CoPeR' },
        { type: 'LtiDeepLinkingRequest', target_link_uri: launch, label: 'CoPeR', placements: canvas ? ['link_selection', 'assignment_selection'] : ['ContentArea'] },
      ],
      ...(canvas ? { 'https://canvas.instructure.com/lti/privacy_level': 'public' } : {}),
    },
  };
}

async function getJson(url: string, token?: string): Promise<unknown> {
  const res = await lmsFetch(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, 10_000);
  if (!res.ok) throw new RegistrationError(`configuration: HTTP ${res.status}`);
  return res.json();
}

/** Run a registration: read the platform's configuration, register the tool, record platform and deployment. */
export async function registerDynamically(config: Config, configurationUrl: string, registrationToken?: string) {
  const platformConfig = platformConfigSchema.parse(await getJson(configurationUrl, registrationToken));
  const family = platformConfig['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code;
  if (!issuerMatches(platformConfig.issuer, configurationUrl, family)) throw new RegistrationError('issuer does not match the configuration URL');
  const res = await lmsFetch(platformConfig.registration_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(registrationToken ? { authorization: `Bearer ${registrationToken}` } : {}) },
    body: JSON.stringify(toolRegistration(config, family)),
  }, 10_000);
  if (!res.ok) throw new RegistrationError(`registration: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  const registered = registrationResponseSchema.parse(await res.json());
  const deploymentId = registered['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
  const { platform } = await addPlatform({
    issuer: platformConfig.issuer,
    clientId: registered.client_id,
    authUrl: platformConfig.authorization_endpoint,
    tokenUrl: platformConfig.token_endpoint,
    jwksUrl: platformConfig.jwks_uri,
    authServer: platformConfig.authorization_server,
    deploymentIds: deploymentId ? [deploymentId] : [],
    kind: family === 'canvas' ? 'canvas' : family === 'moodle' ? 'moodle' : 'other',
  });
  return { platform, deploymentId };
}

/**
 * GET /lti/register?openid_configuration=…&registration_token=… — the page the LMS opens, in a
 * frame of its configuration page's origin, which `allowFramingBy` (the app's CSP) lets in.
 */
export function dynamicRegistration(config: Config, allowFramingBy: (res: Response, url: string) => void) {
  return async (req: Request, res: Response) => {
    const lang = langFromHeader(req.headers['accept-language']);
    const t = translator(lang);
    const params = { ...req.query, ...(req.body ?? {}) } as Record<string, unknown>;
    const configurationUrl = typeof params.openid_configuration === 'string' ? params.openid_configuration : '';
    const token = typeof params.registration_token === 'string' ? params.registration_token : undefined;
    const view = { lang, t, title: t('registration.title'), url: (p: string) => p };
    if (configurationUrl) allowFramingBy(res, configurationUrl);
    if (!configurationUrl || !URL.canParse(configurationUrl)) {
      res.status(400).render('lti/registration', { ...view, ok: false, message: t('registration.missing_configuration') });
      return;
    }
    try {
      const { platform, deploymentId } = await registerDynamically(config, configurationUrl, token);
      log.info('platform_registered', { issuer: platform.issuer, clientId: platform.clientId, deploymentId });
      res.render('lti/registration', { ...view, ok: true, message: t('registration.done', { name: platform.name }) });
    } catch (err) {
      log.warn('registration_failed', { error: (err as Error).message });
      res.status(400).render('lti/registration', { ...view, ok: false, message: t('registration.failed'), detail: (err as Error).message });
    }
  };
}
