import { z } from 'zod';
import { historyIds, launchZone } from './custom-params';

const CUSTOM_PARAMETERS_KEY = 'context_history';

/** LTI 1.3 claim names (Core §5, Advantage specs). */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  toolPlatform: 'https://purl.imsglobal.org/spec/lti/claim/tool_platform',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  lis: 'https://purl.imsglobal.org/spec/lti/claim/lis',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  deepLinking: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
} as const;

const optionalString = z.string().trim().optional().catch(undefined);
// Only http(s): a picture or return URL ends up in an <img src> or a link (no javascript:, data:).
const httpUrl = z.string().url().refine((u) => /^https?:\/\//i.test(u));
const optionalUrl = httpUrl.optional().catch(undefined);

const payloadSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  name: optionalString,
  given_name: optionalString,
  family_name: optionalString,
  email: z.string().email().optional().catch(undefined),
  picture: optionalUrl,
  locale: optionalString,
  [CLAIM.messageType]: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
  [CLAIM.deploymentId]: z.string().min(1),
  [CLAIM.targetLinkUri]: z.string().url(),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1), title: optionalString }).optional(),
  [CLAIM.roles]: z.array(z.string()),
  [CLAIM.context]: z
    .object({ id: z.string().min(1), label: optionalString, title: optionalString })
    .optional()
    .catch(undefined),
  [CLAIM.toolPlatform]: z.object({ product_family_code: optionalString, name: optionalString }).passthrough().optional().catch(undefined),
  [CLAIM.launchPresentation]: z
    .object({ locale: optionalString, return_url: optionalUrl, document_target: optionalString })
    .optional()
    .catch(undefined),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional().catch(undefined),
  [CLAIM.nrps]: z.object({ context_memberships_url: z.string().url() }).passthrough().optional().catch(undefined),
  [CLAIM.ags]: z
    .object({ scope: z.array(z.string()).default([]), lineitems: optionalUrl, lineitem: optionalUrl })
    .optional()
    .catch(undefined),
  [CLAIM.deepLinking]: z
    .object({
      deep_link_return_url: z.string().url(),
      accept_types: z.array(z.string()).default([]),
      accept_multiple: z.boolean().optional(),
      data: z.string().optional(),
    })
    .passthrough()
    .optional()
    .catch(undefined),
});

/** Everything CoPeR uses from a launch, in our own shape. */
export interface LaunchClaims {
  issuer: string;
  clientId: string;
  sub: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  picture?: string;
  locale?: string;
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  deploymentId: string;
  targetLinkUri: string;
  resourceLinkId?: string;
  resourceLinkTitle?: string;
  context?: { id: string; label?: string; title?: string };
  roles: string[];
  productFamily?: string;
  returnUrl?: string;
  nrpsUrl?: string;
  ags?: { scope: string[]; lineitems?: string; lineitem?: string };
  deepLinking?: { returnUrl: string; acceptTypes: string[]; data?: string; raw: Record<string, unknown> };
  /** Context ids this course was copied from, most recent first (`$Context.id.history`). */
  contextHistory: string[];
  /** The user's time zone as the platform knows it (`$Person.address.timezone`), when a known IANA zone. */
  timeZone?: string;
}

export class ClaimsError extends Error {
  constructor(public readonly code: string) {
    super(code);
  }
}

/** Parse a verified id_token payload (ltijs keeps only some claims, so we parse the raw token). */
export function parseLaunchClaims(payload: Record<string, unknown>, clientId: string): LaunchClaims {
  const r = payloadSchema.safeParse(payload);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new ClaimsError(`INVALID_CLAIM:${String(first.path[0] ?? '')}`);
  }
  const p = r.data;
  const messageType = p[CLAIM.messageType];
  const link = p[CLAIM.resourceLink];
  if (messageType === 'LtiResourceLinkRequest' && !link) throw new ClaimsError(`INVALID_CLAIM:${CLAIM.resourceLink}`);
  const lp = p[CLAIM.launchPresentation];
  const dl = p[CLAIM.deepLinking];
  const ags = p[CLAIM.ags];
  return {
    issuer: p.iss,
    clientId,
    sub: p.sub,
    name: p.name || undefined,
    givenName: p.given_name || undefined,
    familyName: p.family_name || undefined,
    email: p.email,
    picture: p.picture,
    locale: p.locale || lp?.locale || undefined,
    messageType,
    deploymentId: p[CLAIM.deploymentId],
    targetLinkUri: p[CLAIM.targetLinkUri],
    resourceLinkId: link?.id,
    resourceLinkTitle: link?.title,
    context: p[CLAIM.context],
    roles: p[CLAIM.roles].filter((x) => typeof x === 'string' && x.trim() !== ''),
    productFamily: p[CLAIM.toolPlatform]?.product_family_code,
    returnUrl: lp?.return_url,
    nrpsUrl: p[CLAIM.nrps]?.context_memberships_url,
    ags: ags ? { scope: ags.scope, lineitems: ags.lineitems, lineitem: ags.lineitem } : undefined,
    deepLinking: dl ? { returnUrl: dl.deep_link_return_url, acceptTypes: dl.accept_types, data: dl.data, raw: dl } : undefined,
    contextHistory: historyIds(p[CLAIM.custom]?.[CUSTOM_PARAMETERS_KEY]),
    timeZone: launchZone(p[CLAIM.custom]?.time_zone),
  };
}

/** Our language from an LTI locale ("fr-CA", "fr", "en_US"…): French or English. */
export function pickLanguage(locale: string | undefined | null): 'fr' | 'en' {
  return locale && /^fr\b/i.test(locale.replace('_', '-')) ? 'fr' : 'en';
}
