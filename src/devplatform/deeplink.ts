/**
 * The Deep Linking return endpoint (Deep Linking 2.0 §4.5): the tool's browser POSTs a
 * signed LtiDeepLinkingResponse in the `JWT` form field; the platform verifies it against
 * the tool's JWKS and places the chosen ltiResourceLink, with its line item if any.
 */
import { Router, type Request, type Response } from 'express';
import { jwtVerify, type JWTPayload } from 'jose';
import type { DevPlatform } from './index';
import { messagePage } from './pages';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';

/** Routes POST /deeplink/return. */
export function deepLinkRoutes(p: DevPlatform): Router {
  const r = Router();
  r.post('/deeplink/return', (req, res) => receive(p, req, res));
  return r;
}

function refuse(res: Response, reason: string): void {
  res.status(400).type('html').send(messagePage('Retour refusé / Return refused', [reason]));
}

/** Verifies signature and claims; the payload, or the reason for refusing it. */
async function verify(p: DevPlatform, jwt: string): Promise<JWTPayload | string> {
  const tool = p.requireTool();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jwt, p.toolKeySet(), { issuer: tool.clientId, audience: p.issuer, algorithms: ['RS256'] }));
  } catch (e) {
    return `signature or standard claims invalid: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof payload.nonce !== 'string' || payload.nonce === '') return 'nonce is missing';
  if (payload[`${LTI}/message_type`] !== 'LtiDeepLinkingResponse') return 'message_type must be LtiDeepLinkingResponse';
  if (payload[`${LTI}/version`] !== '1.3.0') return 'version must be 1.3.0';
  if (payload[`${LTI}/deployment_id`] !== tool.deploymentId) return 'deployment_id does not match the registration';
  const data = payload[`${DL}/data`];
  // §4.5.2: data must be echoed when the request had it; each request is answered once.
  if (typeof data !== 'string' || !p.deepLinkData.has(data)) return 'data is missing or does not match a deep-linking request';
  const items = payload[`${DL}/content_items`] ?? [];
  if (!Array.isArray(items)) return 'content_items must be an array';
  if (items.length > 1) return 'accept_multiple was false: at most one content item';
  if (items.some((i) => !i || i.type !== 'ltiResourceLink')) return 'only ltiResourceLink items are accepted';
  return payload;
}

async function receive(p: DevPlatform, req: Request, res: Response): Promise<void> {
  const jwt = typeof req.body?.JWT === 'string' ? req.body.JWT : '';
  if (!jwt) return refuse(res, 'The JWT form field is missing.');
  if (!p.tool) return refuse(res, 'No tool registered.');
  const result = await verify(p, jwt);
  if (typeof result === 'string') return refuse(res, result);
  const data = result[`${DL}/data`] as string;
  const request = p.deepLinkData.get(data);
  p.deepLinkData.delete(data);
  const items = (result[`${DL}/content_items`] ?? []) as any[];
  p.deepLinkReturns.push({ payload: result, items });
  if (request?.courseId) for (const item of items) place(p, request.courseId, item);
  const msg = typeof result[`${DL}/msg`] === 'string' ? [result[`${DL}/msg`] as string] : [];
  const titles = items.map((i) => String(i.title ?? i.url ?? 'Sans titre / Untitled'));
  res.type('html').send(messagePage('Contenu ajouté / Content added', [...titles, ...msg]));
}

/** Places an ltiResourceLink in the course, and its line item (Deep Linking §3.2.4). */
function place(p: DevPlatform, courseId: string, item: any): void {
  const id = `rl-${courseId}-${p.resourceLinks.size + 1}`;
  const title = typeof item.title === 'string' ? item.title : 'Communauté de pratique CoPeR';
  const custom = item.custom && typeof item.custom === 'object' ? item.custom : undefined;
  p.resourceLinks.set(id, { id, courseId, title, url: typeof item.url === 'string' ? item.url : undefined, custom });
  const li = item.lineItem;
  if (!li || typeof li.scoreMaximum !== 'number') return;
  p.createLineItem(courseId, {
    // Moodle names the grade item after the activity and ignores the label (LTIJS-NOTES.md).
    label: p.flavour === 'moodle' || typeof li.label !== 'string' ? title : li.label,
    scoreMaximum: li.scoreMaximum,
    resourceLinkId: id,
    tag: typeof li.tag === 'string' ? li.tag : undefined,
    resourceId: typeof li.resourceId === 'string' ? li.resourceId : undefined,
  });
}
