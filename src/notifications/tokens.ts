import crypto from 'node:crypto';

/**
 * Signed values carried by e-mail links, which are opened without a session (the session token
 * never leaves the LMS frame). HMAC-SHA256 with LTI_KEY, each under its own label so a token
 * made for one purpose is refused for another.
 */
function sign(secret: string, label: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(`${label}:${value}`).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The unsubscribe signature over (membership, what to turn off). */
export function unsubscribeSignature(secret: string, membershipId: number, target: string): string {
  return sign(secret, 'unsubscribe', `${membershipId}:${target}`);
}

export function checkUnsubscribeSignature(secret: string, membershipId: number, target: string, presented: unknown): boolean {
  return typeof presented === 'string' && presented.length < 100 && same(unsubscribeSignature(secret, membershipId, target), presented);
}

/**
 * A recipient hint on e-mail links (`?r=<membership>.<sig>`): the "open CoPeR from your course"
 * page can then offer that member's own course, name the item and remember it for the next launch,
 * without listing a community's courses to anyone who types a URL. The signature covers the
 * link's path too, so a hint moved to another address (to read other items' titles) is refused.
 */
export function recipientHint(secret: string, membershipId: number, path: string): string {
  return `${membershipId}.${sign(secret, 'recipient', `${membershipId}:${path}`).slice(0, 22)}`;
}

/** The membership id a hint names for this path, or null when absent, forged or moved to another path. */
export function readRecipientHint(secret: string, hint: unknown, path: string): number | null {
  if (typeof hint !== 'string' || hint.length > 60) return null;
  const m = /^(\d{1,10})\.([A-Za-z0-9_-]{22})$/.exec(hint);
  if (!m) return null;
  const id = Number(m[1]);
  return same(recipientHint(secret, id, path), hint) ? id : null;
}
