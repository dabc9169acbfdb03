import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { translator, langFromHeader, type Lang } from '../i18n';
import { pickLanguage } from '../lti/claims';
import { Cohort, Community, Membership } from '../kernel/community';
import { User } from '../users/model';
import { DomainError } from '../kernel/errors';
import { presentedSession } from '../sessions/carrier';
import { itemTitle, rememberTarget } from '../sessions/resume';
import { checkUnsubscribeSignature, readRecipientHint } from './tokens';
import { unsubscribeSchema } from './schemas';
import { unsubscribe } from './preferences';
import { FACILITATOR_DIGEST, isNotificationKind, type UnsubscribeTarget } from './kinds';
import { retryTransaction } from '../db/retry';

/** Does the request carry a session (cookie or the tab's header), as sessionRequired reads it? */
function hasSessionToken(req: Request): boolean {
  return presentedSession(req) !== null;
}

function pageLocals(lang: Lang, title: string) {
  return { lang, t: translator(lang), title, url: (p: string) => p };
}

/**
 * Pages that work WITHOUT a session, for links in e-mails: the tool's own URL opened outside
 * the LMS shows "open CoPeR from your course" (with a button to the member's course when the
 * signed recipient hint names it); the unsubscribe link shows a confirmation (GET) and applies
 * it (POST, also RFC 8058 one-click).
 */
export function publicNotificationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();

  r.get('/c/:communityId{/*rest}', async (req: Request, res: Response, next: NextFunction) => {
    if (hasSessionToken(req)) return next();
    const communityId = Number(req.params.communityId);
    const hinted = readRecipientHint(config.LTI_KEY, req.query.r, req.path);
    const member = hinted && Number.isSafeInteger(communityId)
      ? await Membership.findOne({ where: { id: hinted, communityId }, include: [{ model: User, as: 'user' }, { model: Cohort, as: 'cohort' }] })
      : null;
    const lang = member?.user?.locale ? pickLanguage(member.user.locale) : langFromHeader(req.headers['accept-language']);
    const locals = pageLocals(lang, translator(lang)('notifications.landing.title'));
    const course = member?.cohort?.lmsReturnUrl ? { href: member.cohort.lmsReturnUrl, title: member.cohort.contextTitle ?? '' } : null;
    // The member's own e-mail link (signed hint): name the item, and land on it at the next launch.
    const item = member?.status === 'active' ? await itemTitle(communityId, req.path) : null;
    if (member && item) await rememberTarget(member, req.path);
    // 401 as before (no session), but a page that says what to do and leads to the course.
    res.status(401).set('Cache-Control', 'no-store').set('X-Robots-Tag', 'noindex');
    res.render('notifications/landing', { ...locals, course, item, remembered: Boolean(member && item) });
  });

  const confirm = async (req: Request, res: Response) => {
    const lang0 = langFromHeader(req.headers['accept-language']);
    const parsed = unsubscribeSchema.safeParse({ ...(req.body ?? {}), ...req.query });
    if (!parsed.success) throw new DomainError('invalid', 'notifications.errors.unsubscribe_link');
    const { m, k, sig } = parsed.data;
    if (!checkUnsubscribeSignature(config.LTI_KEY, m, k, sig)) throw new DomainError('invalid', 'notifications.errors.unsubscribe_link');
    const member = await Membership.findOne({ where: { id: m }, include: [{ model: User, as: 'user' }, { model: Community, as: 'community' }] });
    if (!member?.community) throw new DomainError('invalid', 'notifications.errors.unsubscribe_link');
    const lang = member.user?.locale ? pickLanguage(member.user.locale) : lang0;
    const t = translator(lang);
    const target = k as UnsubscribeTarget;
    const what = isNotificationKind(target) ? t(`notifications.prefs.kinds.${target}`) : t(`notifications.unsubscribe.targets.${target === FACILITATOR_DIGEST ? 'facilitator' : target.slice(7)}`);
    const done = req.method === 'POST';
    if (done) await retryTransaction(sequelize, (tx) => unsubscribe(member, target, tx));
    res.set('Cache-Control', 'no-store').set('X-Robots-Tag', 'noindex');
    res.render('notifications/unsubscribe', { ...pageLocals(lang, t('notifications.unsubscribe.title')), what, communityTitle: member.community.title, done, fields: { m: String(m), k, sig } });
  };
  r.get('/notifications/unsubscribe', confirm);
  r.post('/notifications/unsubscribe', confirm);
  return r;
}
