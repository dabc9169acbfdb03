import type { Config } from '../config';

/**
 * Attributes for cookies that must survive a cross-site LMS iframe: Chromium blocks third-party
 * cookies unless partitioned (CHIPS), which requires Secure; browsers accept Secure cookies on
 * http://localhost (LTIJS-NOTES.md). On plain HTTP elsewhere only a first-party Lax cookie works.
 */
export function crossSiteCookie(config: Config): { secure: boolean; sameSite: 'none' | 'lax'; partitioned: boolean } {
  const host = new URL(config.PUBLIC_URL).hostname;
  const secure = config.secureCookies || host === 'localhost';
  return secure ? { secure: true, sameSite: 'none', partitioned: true } : { secure: false, sameSite: 'lax', partitioned: false };
}
