import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { Config } from '../config';
import { resumeSession, csrfToken, checkCsrf, sessionLimits } from '../sessions/service';
import { presentedSession } from '../sessions/carrier';
import { sessionExpired } from './expired';
import { User } from '../users/model';
import { effectiveRole } from '../kernel/community';
import { memberKernel, kernelQuery, kernelFrom } from './kernel';
import { translator, enterLang } from '../i18n';
import { DomainError, forbidden, notFound } from '../kernel/errors';
import { urlBuilder } from './context';
import { navFor } from './nav';
import { enterZone, pickZone } from '../content/zone';
import { communityHooks } from './community-hooks';
import { enforceRateLimit } from './rate-limit';

/**
 * Load the session a launch opened. The token comes from the partitioned cookie or, where the
 * browser refused it, from the header the tab sends (src/sessions/carrier.ts) — never from the
 * URL or a form field. Forms also carry a CSRF token (an HMAC of the session), so protection
 * does not rely on SameSite.
 */
export function sessionRequired(config: Config): RequestHandler {
  const limits = sessionLimits(config);
  return async (req: Request, res: Response, next: NextFunction) => {
    const presented = presentedSession(req);
    // On /c/:communityId routes the membership kernel is read in the same statement (communityMember takes it).
    const community = communityParam(req);
    const kernel = community === null ? null : kernelQuery(community, 's.user_id');
    const resumed = presented ? await resumeSession(limits, presented.token, kernel ?? undefined) : null;
    if (!resumed) throw await sessionExpired(presented?.token);
    const { session, user } = resumed;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const csrf = req.body?._csrf ?? req.get('x-csrf-token');
      if (!checkCsrf(config.LTI_KEY, session.id, csrf)) throw new DomainError('forbidden', 'errors.csrf');
      await enforceRateLimit(config, User.sequelize!, 'write', `user:${user.id}`, req, res);
    }
    enterSession(config, req, res, resumed, presented!.carrier);
    if (kernel) req.ctx!.readKernel = { communityId: kernel.communityId, kernel: kernelFrom(kernel, resumed.row) };
    next();
  };
}

type Resumed = NonNullable<Awaited<ReturnType<typeof resumeSession>>>;

/** The request is the session's: its language, translator, CSRF token and the layout's locals. */
function enterSession(config: Config, req: Request, res: Response, { session, user }: Resumed, carrier: NonNullable<ReturnType<typeof presentedSession>>['carrier']): void {
  const lang = session.launch.lang;
  enterLang(lang);
  const t = translator(lang);
  const csrf = csrfToken(config.LTI_KEY, session.id);
  req.ctx = { lang, t, session, carrier, user, csrf };
  Object.assign(res.locals, { lang, t, csrf, url: urlBuilder(), me: user, title: 'CoPeR' });
}

/**
 * For an address no route answers: when the request carries a live session, the "not found"
 * page speaks the member's language (their launch's), not the browser's. Nothing else is
 * allowed by it; no session, or an expired one, leaves the request as it was.
 */
export function sessionIfAny(config: Config): RequestHandler {
  const limits = sessionLimits(config);
  return async (req: Request, res: Response, next: NextFunction) => {
    const presented = req.ctx ? null : presentedSession(req);
    const resumed = presented ? await resumeSession(limits, presented.token) : null;
    if (resumed) enterSession(config, req, res, resumed, presented!.carrier);
    next();
  };
}

/**
 * Scope a request to /c/:communityId: the session's user must hold an active membership there.
 * Anything else is refused the same way, whether the community exists or not.
 */
export const communityMember: RequestHandler = async (req, res, next) => {
  const ctx = req.ctx;
  if (!ctx) throw new DomainError('unauthenticated', 'errors.session_expired');
  const id = communityParam(req);
  if (id === null) throw notFound();
  const read = ctx.readKernel;
  const kernel = read && read.communityId === id ? read.kernel : await memberKernel(ctx.user.id, id);
  if (!kernel) throw forbidden();
  const { membership, community } = kernel;
  // Every date of the page in the reader's zone: their own, else the community's (content/zone.ts).
  enterZone(pickZone(kernel.ownZone, community.timeZone), pickZone(null, community.timeZone));
  membership.community = community;
  ctx.membership = membership;
  ctx.community = community;
  ctx.role = effectiveRole(membership);
  ctx.kernel = { unread: kernel.unread, charter: kernel.charter };
  const url = res.locals.url as ReturnType<typeof urlBuilder>;
  Object.assign(res.locals, {
    community: { id: community.id, title: community.title },
    role: ctx.role,
    nav: navFor(ctx.role!, id, ctx.t, url),
  });
  for (const hook of communityHooks()) await hook(ctx, req, res);
  next();
};

/** The community of a /c/:communityId address (null when the route has none or it is not a positive integer). */
function communityParam(req: Request): number | null {
  const raw = req.params?.communityId;
  if (raw === undefined) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
