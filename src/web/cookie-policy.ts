/**
 * The cookie attributes live with the session they carry (sessions/cookie-policy.ts), below web/.
 * This name stays for the LTI adapter's login state cookie until it imports them from there.
 */
export { crossSiteCookie } from '../sessions/cookie-policy';
