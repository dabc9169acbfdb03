import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { translator, langFromHeader, type Lang } from '../i18n';
import { log } from '../log';
import { launchRefusals } from '../metrics';
import { pickLanguage } from './claims';
import type { LaunchRefused } from './errors';
import { LtiLogin } from './login-model';

/** Show a refused launch: a clear page with its reason code, one log line, nothing written. */
export function refuse(req: Request, res: Response, err: LaunchRefused, status?: number): void {
  const lang = launchLanguage(req);
  const t = translator(lang);
  log.warn('launch_refused', { reason: err.code, ...(err.detail ?? {}) });
  launchRefusals.inc({ reason: err.code });
  if (err.code === 'COOKIES_BLOCKED') {
    void newTabPage(req, res, lang);
    return;
  }
  res.status(status ?? (err.code === 'PLATFORM_ERROR' ? 400 : 401)).render('lti/refused', {
    lang,
    t,
    title: t('launch.refused_title'),
    code: err.code,
    reason: t(`launch.reasons.${err.code}`, { defaultValue: t('launch.reasons.GENERIC') }),
    url: (p: string) => p,
  });
}

/** The browser refused our cookies inside the iframe: offer to relaunch at the top level. */
async function newTabPage(req: Request, res: Response, lang: Lang): Promise<void> {
  const t = translator(lang);
  const state = typeof req.body?.state === 'string' ? req.body.state : '';
  const login = state ? await LtiLogin.findByPk(state).catch(() => null) : null;
  const relaunch = login ? `/lti/login?${new URLSearchParams(login.params).toString()}` : null;
  res.status(401).render('lti/new-tab', { lang, t, title: t('launch.new_tab_title'), relaunch, url: (p: string) => p });
}

function launchLanguage(req: Request): Lang {
  try {
    const token = typeof req.body?.id_token === 'string' ? req.body.id_token : '';
    if (token) {
      const p = decodeJwt(token) as Record<string, unknown>;
      const lp = p['https://purl.imsglobal.org/spec/lti/claim/launch_presentation'] as { locale?: string } | undefined;
      return pickLanguage((p.locale as string) ?? lp?.locale);
    }
  } catch {
    /* an unreadable token: fall back to the browser's language */
  }
  return langFromHeader(req.headers['accept-language']);
}
