import crypto from 'node:crypto';
import { type Express, type Request, type RequestHandler, type Response, type NextFunction } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { lti, isDeployed, markDeployed } from './provider';
import { SequelizePlugin } from './plugin';
import { launchGuard } from './guard';
import { LaunchRefused, fromLtijsError } from './errors';
import { LtiLogin } from './login-model';
import { handleLaunch, installLaunchHandler, type LaunchHandler } from './connect';
import { refuse } from './refusal';
import { langFromHeader } from '../i18n';
import { canvasConfiguration } from './canvas';
import { dynamicRegistration } from './registration';
import { findActivePlatform } from './platforms';
import { Platform } from '../kernel/platform';
import { crossSiteCookie } from './cookie-policy';
import { storageLoginPage, storageTarget } from './platform-storage';

let plugin: SequelizePlugin | null = null;

/** Set up and deploy ltijs once per process (it is a singleton), serverless, over our Sequelize. */
export async function setupLti(config: Config, sequelize: Sequelize): Promise<SequelizePlugin> {
  if (isDeployed() && plugin) return plugin;
  plugin = new SequelizePlugin(sequelize);
  lti.setup(
    config.LTI_KEY,
    { plugin },
    {
      appRoute: '/launch',
      loginRoute: '/login',
      keysetRoute: '/keys',
      // ltiaas: ltijs validates the launch and hands us the claims in the same request; our own
      // bounded session replaces its never-expiring ltik (LTIJS-NOTES.md "Sessions").
      ltiaas: true,
      cors: false,
      devMode: false,
      tokenMaxAge: 60 + config.LTI_CLOCK_TOLERANCE,
      cookies: cookieOptions(config),
    },
  );
  lti.onConnect((token, req, res, next) => handleLaunch(req, res).catch(next));
  lti.onDeepLinking((token, req, res, next) => handleLaunch(req, res).catch(next));
  lti.onInvalidToken((req, res) => {
    const err = (res.locals as { err?: { details?: { message?: string } } }).err;
    refuse(req, res, new LaunchRefused(fromLtijsError(err?.details?.message), { ltijs: err?.details?.message }));
  });
  await lti.deploy({ serverless: true, silent: true });
  markDeployed();
  return plugin;
}

/**
 * Cookies for the login state: Chromium blocks third-party cookies unless partitioned (CHIPS),
 * which requires Secure; browsers accept Secure cookies on http://localhost (LTIJS-NOTES.md).
 */
function cookieOptions(config: Config): { secure: boolean; sameSite: 'None' | 'Lax' } {
  return crossSiteCookie(config).secure ? { secure: true, sameSite: 'None' } : { secure: false, sameSite: 'Lax' };
}

function partitionedCookies(config: Config) {
  const partition = cookieOptions(config).secure;
  return (_req: Request, res: Response, next: NextFunction) => {
    if (partition) {
      const cookie = res.cookie.bind(res);
      const clear = res.clearCookie.bind(res);
      res.cookie = ((name: string, value: unknown, opts: Record<string, unknown> = {}) =>
        cookie(name, value as string, { ...opts, partitioned: true })) as typeof res.cookie;
      res.clearCookie = ((name: string, opts: Record<string, unknown> = {}) => clear(name, { ...opts, partitioned: true })) as typeof res.clearCookie;
    }
    next();
  };
}

/**
 * Wrap ltijs's login: record (state, nonce, login parameters) so the launch can be bound to its
 * login, and replace ltijs's Math.random nonce with a cryptographic one (ltijs never stores it).
 * Where the login names a platform storage frame (`lti_storage_target`), answer a page that stores
 * the state and nonce there before going on to the platform, instead of a bare redirect.
 */
function loginRecorder() {
  return async (req: Request, res: Response, next: NextFunction) => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...req.query, ...(req.body ?? {}) })) if (typeof v === 'string') params[k] = v.slice(0, 2000);
    // OIDC third-party login (LTI Security Framework §5.1.1.1): iss, login_hint and target_link_uri are required.
    if (!params.iss || !params.login_hint || !params.target_link_uri) return refuse(req, res, new LaunchRefused('MISSING_LOGIN_PARAMETERS'), 400);
    if (!(await isKnownIssuer(params.iss, params.client_id))) return refuse(req, res, new LaunchRefused('UNKNOWN_PLATFORM', { iss: params.iss }), 400);
    const redirect = res.redirect.bind(res) as (url: string) => void;
    (res as unknown as { redirect: (url: string) => void }).redirect = (location: string) => {
      const url = new URL(location);
      const state = url.searchParams.get('state');
      if (!state || !params.iss) return redirect(location);
      const nonce = crypto.randomBytes(24).toString('base64url');
      url.searchParams.set('nonce', nonce);
      const target = storageTarget(params);
      LtiLogin.create({ state, nonce, issuer: params.iss, clientId: params.client_id ?? null, params })
        .then(() => {
          // The platform offers storage: keep the state and nonce there too (src/lti/platform-storage.ts).
          if (target) return storageLoginPage(res, { lang: langFromHeader(req.headers['accept-language']), authUrl: url.toString(), target, state, nonce });
          redirect(url.toString());
        })
        .catch(next);
    };
    next();
  };
}

async function isKnownIssuer(issuer: string, clientId: string | undefined): Promise<boolean> {
  if (clientId) return (await findActivePlatform(issuer, clientId)) !== null;
  return (await Platform.count({ where: { issuer, active: true } })) > 0;
}

/**
 * We parse login and launch bodies ourselves (the guard needs them); tell ltijs's body-parser 1.x,
 * which skips a request flagged `_body`, so it does not read the consumed stream again.
 */
function markParsed(req: Request, _res: Response, next: NextFunction): void {
  (req as Request & { _body?: boolean })._body = true;
  req.body ??= {};
  next();
}

/** What the app hands the LTI endpoints when it mounts them: the adapter imports no shared layer and no feature. */
export interface LtiHost {
  /** Applies a verified launch and answers it (src/communities/launch-handler.ts). */
  onLaunch: LaunchHandler;
  /** The app's form-body pipeline (src/web/input.ts), with the LTI endpoints' smaller limits. */
  formBodies(limit: string): RequestHandler[];
  /** Lets a page be framed by one more origin than the CSP allows (src/web/security.ts). */
  allowFramingBy(res: Response, url: string): void;
}

/** Mount everything under /lti: our edges first, then ltijs (never at "/": it answers 401 to anything it does not know). */
export function mountLti(app: Express, config: Config, host: LtiHost): void {
  installLaunchHandler(host.onLaunch);
  app.get('/lti/canvas.json', (_req, res) => res.json(canvasConfiguration(config)));
  const register = dynamicRegistration(config, host.allowFramingBy);
  app.get('/lti/register', register);
  app.post('/lti/register', ...host.formBodies('20kb'), register);
  app.use('/lti', partitionedCookies(config));
  app.use('/lti/login', ...host.formBodies('20kb'), markParsed, loginRecorder());
  app.use('/lti/launch', ...host.formBodies('100kb'), markParsed, launchGuard(config, refuse));
  app.use('/lti', lti.app);
}
