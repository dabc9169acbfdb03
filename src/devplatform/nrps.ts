/**
 * Names and Role Provisioning Services 2.0: the context membership service with paging
 * (`limit` and an opaque page cursor, `Link: rel="next"`) and membership differences
 * (`rel="differences"`, `since=`). Moodle writes roles short here, Canvas in full.
 */
import { Router, type Request, type Response } from 'express';
import type { DevPlatform } from './index';
import { hasScope, q, sendFault, takeFault } from './http';
import { nrpsRoles } from './roles';
import { listMembers, type ListedMember } from './roster';
import { SCOPES } from './scopes';
import type { DevCourse } from './types';

const NRPS_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** Canvas also answers the older LIS media type. */
const LIS_TYPE = 'application/vnd.ims.lis.v2.membershipcontainer+json';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Routes GET /nrps/:courseId/memberships. */
export function nrpsRoutes(p: DevPlatform): Router {
  const r = Router();
  r.get('/nrps/:courseId/memberships', (req, res) => memberships(p, req, res));
  return r;
}

/** The media type to answer with, or undefined when the Accept header allows none we serve. */
function negotiate(p: DevPlatform, accept: string | undefined): string | undefined {
  const served = p.flavour === 'canvas' ? [NRPS_TYPE, LIS_TYPE] : [NRPS_TYPE];
  if (!accept) return NRPS_TYPE;
  const asked = accept.split(',').map((s) => s.split(';')[0].trim().toLowerCase());
  if (asked.some((t) => t === '*/*' || t === 'application/*' || t === 'application/json')) return NRPS_TYPE;
  return served.find((t) => asked.includes(t));
}

function positiveInt(s: string, fallback: number): number {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

async function memberships(p: DevPlatform, req: Request, res: Response): Promise<void> {
  if (!hasScope(p, req, res, [SCOPES.nrps])) return;
  const course = p.courses.get(String(req.params.courseId));
  if (!course) {
    res.status(404).json({ error: 'unknown context' });
    return;
  }
  const page = positiveInt(q(req, 'page'), 1);
  const fault = takeFault(p.faults.nrps, (f) => f.page === undefined || f.page === page);
  if (fault) return sendFault(res, fault);
  const type = negotiate(p, req.get('accept'));
  if (!type) {
    res.status(406).json({ error: `Accept must allow ${NRPS_TYPE}` });
    return;
  }
  const limit = Math.min(positiveInt(q(req, 'limit'), DEFAULT_LIMIT), MAX_LIMIT);
  const sinceRaw = q(req, 'since');
  const since = sinceRaw && Number.isFinite(Number(sinceRaw)) ? Number(sinceRaw) : undefined;
  const role = q(req, 'role');
  const all = listMembers(course.members, p.rosterChanges.get(course.id), since)
    .filter((m) => !role || nrpsRoles(m.user, 'canvas').concat(nrpsRoles(m.user, 'moodle')).includes(role));
  const slice = all.slice((page - 1) * limit, page * limit);
  const links = pageLinks(p, req, course, page, limit, page * limit < all.length);
  res.set('Link', links.join(', ')).type(type).send(JSON.stringify(container(p, req, course, slice)));
}

/** `rel="next"` while pages remain; `rel="differences"` on the last page (NRPS 2.0 §2.4). */
function pageLinks(p: DevPlatform, req: Request, course: DevCourse, page: number, limit: number, more: boolean): string[] {
  const base = p.membershipsUrl(course.id);
  if (more) {
    const next = new URLSearchParams();
    for (const k of ['role', 'since', 'rlid']) if (q(req, k)) next.set(k, q(req, k));
    next.set('limit', String(limit));
    next.set('page', String(page + 1));
    return [`<${base}?${next}>; rel="next"`];
  }
  return [`<${base}?since=${Date.now()}>; rel="differences"`];
}

function container(p: DevPlatform, req: Request, course: DevCourse, members: ListedMember[]): Record<string, unknown> {
  return {
    id: `${p.url}/nrps/${encodeURIComponent(course.id)}/memberships${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`,
    context: { id: course.id, label: course.label, title: course.title },
    members: members.map(({ user, status }) => dropUndefined({
      status,
      name: user.name,
      given_name: user.givenName,
      family_name: user.familyName,
      email: user.email,
      picture: user.picture,
      user_id: user.id,
      lis_person_sourcedid: `sis-${user.id}`,
      roles: nrpsRoles(user, p.flavour),
    })),
  };
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
