/**
 * How each LMS lets a service request in, before any service code runs.
 *
 * Moodle (mod/lti/services.php): every LTI service request goes through one dispatcher that
 * picks the resource whose path template matches *and* whose media types include the request's:
 * - GET: the whole `Accept` header is compared as a string with the resource's formats; only an
 *   empty header, or one containing `*\/*`, is let through loosely. A list with q-values matches
 *   nothing.
 * - POST and PUT: the whole `Content-Type` header (parameters included) must be one of the formats.
 * - DELETE: not checked.
 * No match: 400, with the reason "No handler found for <path> <Accept>" (seen on Moodle 4.5).
 * Then the line-item container (ltiservice_gradebookservices lineitems.php) is stricter still:
 * a GET must ask for the container type (or send no Accept), a POST must send a line item.
 *
 * Canvas: API requests without a valid `User-Agent` are refused with 403 (enforced on production
 * from January 2026, Instructure's "Enforcing User-Agent Header for Canvas API Requests").
 */
import type { NextFunction, Request, Response } from 'express';
import type { DevPlatform } from './index';

export const MEDIA = {
  memberships: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
  lineItems: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  results: 'application/vnd.ims.lis.v2.resultcontainer+json',
} as const;

/** Moodle's service resources: path template → formats (ltiservice_*\/classes/local/resources/*.php). */
const MOODLE_RESOURCES: Array<{ path: RegExp; formats: string[] }> = [
  { path: /^\/nrps\/[^/]+\/memberships$/, formats: [MEDIA.memberships] },
  { path: /^\/ags\/[^/]+\/lineitems$/, formats: [MEDIA.lineItems, MEDIA.lineItem] },
  { path: /^\/ags\/[^/]+\/lineitems\/[^/]+\/lineitem$/, formats: [MEDIA.lineItem] },
  { path: /^\/ags\/[^/]+\/lineitems\/[^/]+\/lineitem\/scores$/, formats: [MEDIA.score] },
  { path: /^\/ags\/[^/]+\/lineitems\/[^/]+\/lineitem\/results$/, formats: [MEDIA.results] },
];

/** The refusal Moodle's dispatcher would give this request, or undefined when a resource takes it. */
export function moodleDispatchRefusal(method: string, path: string, accept: string, contentType: string): { status: 400; reason: string } | undefined {
  const resource = MOODLE_RESOURCES.find((r) => r.path.test(path));
  if (!resource) return undefined; // not a service path: the platform's other routes answer
  const isGet = method === 'GET';
  const isDelete = method === 'DELETE';
  const dispatched = isGet
    ? !accept || accept.includes('*/*') || resource.formats.includes(accept)
    : isDelete || resource.formats.includes(contentType);
  if (!dispatched) return { status: 400, reason: `No handler found for ${path} ${isGet ? accept : contentType}` };
  if (resource.formats[0] === MEDIA.lineItems) {
    // lineitems.php: `$container = empty($accept) || $accept === formats[0]`, and a GET must be
    // a container request, a POST must not (so `*\/*` passes the dispatcher and is refused here).
    const type = isGet ? accept : contentType;
    const container = !type || type === MEDIA.lineItems;
    if (container !== isGet || (type && !resource.formats.includes(type))) return { status: 400, reason: 'No context or unsupported content type' };
  }
  return undefined;
}

/** Express middleware in front of the service routes, per flavour. */
export function serviceGate(p: DevPlatform) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!/^\/(nrps|ags|token)\b/.test(req.path)) return next();
    p.serviceAgents.push(req.get('user-agent') ?? '');
    if (p.flavour === 'canvas' && !validUserAgent(req.get('user-agent'))) {
      res.status(403).json({ error: 'Forbidden', message: 'You are not authorized to access this site because you have not provided a valid user agent.' });
      return;
    }
    if (p.flavour === 'moodle') {
      const refusal = moodleDispatchRefusal(req.method, req.path, req.get('accept') ?? '', req.get('content-type') ?? '');
      if (refusal) {
        res.status(400).json({ status: 400, reason: refusal.reason, request: { method: req.method, url: req.originalUrl, accept: req.get('accept') } });
        return;
      }
    }
    next();
  };
}

/**
 * Absent, empty, or undici's bare default (`node`, what Node's fetch sends when the caller sets
 * none) count as missing: a request that names no product cannot be attributed, which is the
 * point of Canvas's rule.
 */
function validUserAgent(ua: string | undefined): boolean {
  const v = (ua ?? '').trim();
  return v !== '' && v.toLowerCase() !== 'node';
}
