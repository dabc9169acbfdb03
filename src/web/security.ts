import crypto from 'node:crypto';
import helmet from 'helmet';
import type { RequestHandler, Response } from 'express';
import { Platform } from '../kernel/platform';

/**
 * Origins allowed to frame the tool and to receive its form posts (deep-linking returns): the
 * registered platforms, refreshed every minute. Hosted Canvas serves courses from the school's
 * own instructure.com host while its issuer is canvas.instructure.com, hence the wildcard.
 */
let origins: string[] = [];
let loadedAt = 0;

export async function platformOrigins(): Promise<string[]> {
  if (Date.now() - loadedAt < 60_000) return origins;
  const rows = await Platform.findAll({ where: { active: true }, attributes: ['issuer', 'authUrl', 'kind'] });
  const set = new Set<string>();
  for (const p of rows) {
    for (const u of [p.issuer, p.authUrl]) if (URL.canParse(u)) set.add(new URL(u).origin);
    if (p.kind === 'canvas') set.add('https://*.instructure.com');
  }
  origins = [...set];
  loadedAt = Date.now();
  return origins;
}

/** Forget the cached origins (after a platform is added or removed in this process). */
export function resetPlatformOrigins(): void {
  loadedAt = 0;
}

/** Load the platform origins before helmet builds the CSP for this response. */
export const loadOrigins: RequestHandler = (_req, res, next) => {
  platformOrigins()
    .then((o) => {
      res.locals.frameOrigins = o;
      next();
    })
    .catch(next);
};

/**
 * A fresh nonce per response, for what the CSP must allow besides our own files: Turbo's
 * progress bar style (it reads `<meta name="csp-nonce">`). No inline script is ever allowed.
 */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  next();
};

/** The CSP frame-src: the video hosts an institution allows to embed (VIDEO_EMBED_HOSTS), else 'none'. */
export function frameSources(hosts: string[]): string[] {
  return hosts.length ? hosts.map((h) => `https://${h}`) : ["'none'"];
}

/** Helmet's headers; frame-src lists the video hosts an institution allows to embed (src/video/embed.ts). */
export function securityHeaders(embedHosts: string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce?: string } }).locals.cspNonce ?? ''}'`],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameSrc: frameSources(embedHosts),
        formAction: ["'self'", (_req, res) => ((res as unknown as { locals: { frameOrigins?: string[] } }).locals.frameOrigins ?? []).join(' ') || "'self'"],
        frameAncestors: ["'self'", (_req, res) => ((res as unknown as { locals: { frameOrigins?: string[] } }).locals.frameOrigins ?? []).join(' ') || "'self'"],
      },
    },
    // frame-ancestors governs framing; X-Frame-Options cannot list several origins.
    frameguard: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
  });
}

/**
 * Let one more origin frame this response. Dynamic Registration: Moodle opens the tool's
 * registration page in a frame of its "Manage tools" page, before the platform is registered
 * (so before its origin is in frame-ancestors); Chromium refused the page (ERR_BLOCKED_BY_RESPONSE)
 * and the administrator never saw it close. The origin comes from `openid_configuration`.
 */
export function allowFramingBy(res: Response, url: string): void {
  if (!URL.canParse(url)) return;
  const { protocol, origin } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') return;
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp !== 'string') return;
  res.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors ([^;]*)/, (_m, list: string) => `frame-ancestors ${list} ${origin}`));
}
