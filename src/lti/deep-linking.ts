import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { lti } from './provider';
import type { Platform } from '../kernel/platform';

export interface ResourceLinkItem {
  type: 'ltiResourceLink';
  title: string;
  text?: string;
  url: string;
  custom?: Record<string, string>;
  lineItem?: { scoreMaximum: number; label: string; resourceId: string; tag: string };
}

/**
 * Sign an LtiDeepLinkingResponse (Deep Linking 2.0 §4.2) with the tool key ltijs holds for this
 * platform. Signed here rather than by ltijs: its nonce comes from Math.random and its error
 * claim name carries a trailing space (LTIJS-NOTES.md).
 */
export async function signDeepLinkingResponse(
  platform: Platform,
  deploymentId: string,
  settings: Record<string, unknown>,
  items: ResourceLinkItem[],
  message: string,
): Promise<string> {
  const ltiPlatform = await lti.getPlatform(platform.issuer, platform.clientId);
  if (!ltiPlatform) throw new Error('platform not registered with ltijs');
  // ltijs keeps PKCS#1 PEM; a KeyObject accepts either form.
  const key = crypto.createPrivateKey(await ltiPlatform.platformPrivateKey());
  const body: Record<string, unknown> = {
    nonce: crypto.randomBytes(16).toString('base64url'),
    'https://purl.imsglobal.org/spec/lti/claim/deployment_id': deploymentId,
    'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
    'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
    'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': items,
    'https://purl.imsglobal.org/spec/lti-dl/claim/msg': message,
  };
  if (typeof settings.data === 'string') body['https://purl.imsglobal.org/spec/lti-dl/claim/data'] = settings.data;
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'RS256', kid: await ltiPlatform.platformKid(), typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}
