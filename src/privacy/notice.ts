import { Router } from 'express';
import type { Config } from '../config';
import { translator, langFromHeader, type Lang } from '../i18n';
import { resumeSession, sessionLimits } from '../sessions/service';
import { presentedSession } from '../sessions/carrier';
import { urlBuilder } from '../web/context';

/** The retention periods the notice states: those the worker applies (privacy/retention.ts). */
export function retentionOf(config: Config) {
  return {
    sessions: config.RETENTION_SESSIONS_DAYS,
    logins: config.RETENTION_LOGINS_DAYS,
    lti: config.RETENTION_LTI_RECORDS_DAYS,
    email: config.RETENTION_EMAIL_DAYS,
    notifications: config.RETENTION_NOTIFICATIONS_DAYS,
    activity: config.RETENTION_ACTIVITY_DETAIL_DAYS,
    exports: config.RETENTION_EXPORT_HOURS,
  };
}

/**
 * The privacy notice (/privacy), public: linked from every page's footer and from the setup page.
 * Language: ?lang=, else the session's (when the browser carries one), else the browser's.
 */
export function noticeRoutes(config: Config): Router {
  const r = Router();
  r.get('/privacy', async (req, res) => {
    const presented = presentedSession(req);
    const session = presented ? (await resumeSession(sessionLimits(config), presented.token))?.session : null;
    const asked = req.query.lang === 'fr' || req.query.lang === 'en' ? (req.query.lang as Lang) : null;
    const lang: Lang = asked ?? session?.launch.lang ?? langFromHeader(req.headers['accept-language']);
    const t = translator(lang);
    res.render('privacy/notice', {
      lang,
      t,
      title: t('privacy.notice.title'),
      url: urlBuilder(),
      retention: retentionOf(config),
      contact: config.PRIVACY_CONTACT,
    });
  });
  return r;
}
