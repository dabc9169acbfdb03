/**
 * The id_token an LMS signs at the end of the OIDC launch (LTI 1.3 core §5, AGS §3.4,
 * NRPS §3.6, Deep Linking §4.4), in the flavour's shape.
 */
import { randomBytes } from 'node:crypto';
import type { DevPlatform } from './index';
import { launchRoles } from './roles';
import { SCOPES, agsScopes } from './scopes';
import type { DevCourse, DevUser, IdTokenParams } from './types';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const LIFETIME_S = 60; // Moodle signs with exp = iat + 60 s (LTIJS-NOTES.md)

/** The claims of an id_token for a launch, with `overrides` applied last. */
export function buildClaims(p: DevPlatform, params: IdTokenParams): Record<string, unknown> {
  const tool = p.requireTool();
  const courseId = params.courseId === undefined ? [...p.courses.keys()][0] ?? null : params.courseId;
  const course = courseId ? p.courses.get(courseId) : undefined;
  if (courseId && !course) throw new Error(`DevPlatform: unknown course ${courseId}`);
  const user = p.findUser(params.userId, courseId);
  if (!user) throw new Error(`DevPlatform: unknown user ${params.userId}`);
  const type = params.messageType ?? 'LtiResourceLinkRequest';
  const deepLinking = type === 'LtiDeepLinkingRequest';
  const link = p.resourceLinks.get(params.resourceLinkId ?? `rl-${courseId ?? 'none'}`);
  const iat = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: p.issuer,
    aud: tool.clientId,
    azp: tool.clientId,
    sub: user.id,
    exp: iat + LIFETIME_S,
    iat,
    nonce: params.nonce,
    ...identity(user),
    [`${LTI}/message_type`]: type,
    [`${LTI}/version`]: '1.3.0',
    [`${LTI}/deployment_id`]: tool.deploymentId,
    [`${LTI}/target_link_uri`]: params.targetLinkUri ?? (deepLinking ? tool.deepLinkUrl ?? tool.launchUrl : link?.url ?? tool.launchUrl),
    [`${LTI}/roles`]: launchRoles(user, p.flavour),
    [`${LTI}/tool_platform`]: toolPlatform(p),
    [`${LTI}/launch_presentation`]: { locale: user.locale ?? 'fr-CA', document_target: 'iframe', return_url: `${p.url}/` },
    [`${LTI}/lis`]: { person_sourcedid: `sis-${user.id}`, ...(course ? { course_section_sourcedid: `sis-${course.id}` } : {}) },
    [`${LTI}/custom`]: { ...substitute(p, tool.customParameters ?? {}, course, link, user), ...(link?.custom ?? {}) },
  };
  if (!deepLinking) {
    const id = params.resourceLinkId ?? link?.id ?? `rl-${courseId ?? 'none'}`;
    claims[`${LTI}/resource_link`] = { id, title: link?.title ?? 'Communauté de pratique CoPeR' };
  }
  if (course) Object.assign(claims, contextClaims(p, course, deepLinking ? undefined : (claims[`${LTI}/resource_link`] as { id: string }).id));
  if (deepLinking) claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = deepLinkingSettings(p, courseId, user.id);
  Object.assign(claims, flavourClaims(p, user, deepLinking));
  for (const [k, v] of Object.entries(params.overrides ?? {})) {
    if (v === undefined) delete claims[k];
    else claims[k] = v;
  }
  return claims;
}

function identity(u: DevUser): Record<string, string> {
  const out: Record<string, string> = {};
  const fields: Array<[string, string | undefined]> = [
    ['name', u.name], ['given_name', u.givenName], ['family_name', u.familyName],
    ['email', u.email], ['picture', u.picture], ['locale', u.locale],
  ];
  for (const [k, v] of fields) if (v !== undefined) out[k] = v;
  return out;
}

function toolPlatform(p: DevPlatform): Record<string, string> {
  return p.flavour === 'canvas'
    ? { guid: 'coper-devplatform-canvas', name: 'CoPeR dev (Canvas)', product_family_code: 'canvas', version: 'cloud' }
    : { guid: 'coper-devplatform-moodle', name: 'CoPeR dev (Moodle)', product_family_code: 'moodle', version: '2024100700' };
}

/** Context, NRPS and AGS claims; services appear only for the scopes the tool was granted. */
function contextClaims(p: DevPlatform, course: DevCourse, resourceLinkId?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    [`${LTI}/context`]: { id: course.id, label: course.label, title: course.title, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
  };
  if (p.grantedScopes.includes(SCOPES.nrps)) {
    out['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] = {
      context_memberships_url: p.membershipsUrl(course.id),
      service_versions: ['2.0'],
    };
  }
  const scope = agsScopes(p.grantedScopes);
  if (scope.length > 0) {
    const item = resourceLinkId ? [...p.lineItems.values()].find((li) => li.resourceLinkId === resourceLinkId) : undefined;
    out['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = {
      scope,
      lineitems: p.lineItemsUrl(course.id),
      ...(item ? { lineitem: item.id } : {}),
    };
  }
  return out;
}

/** Deep Linking §4.4.1; `data` is remembered so the return can be matched to this request. */
function deepLinkingSettings(p: DevPlatform, courseId: string | null, userId: string): Record<string, unknown> {
  const data = randomBytes(16).toString('hex');
  p.deepLinkData.set(data, { courseId, userId });
  return {
    deep_link_return_url: `${p.url}/deeplink/return`,
    accept_types: ['ltiResourceLink'],
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_multiple: false,
    auto_create: true,
    data,
  };
}

/** Claims only one LMS sends. */
function flavourClaims(p: DevPlatform, user: DevUser, deepLinking: boolean): Record<string, unknown> {
  if (p.flavour === 'canvas') {
    return {
      'https://www.instructure.com/placement': deepLinking ? 'link_selection' : 'course_navigation',
      [`${LTI}/lti11_legacy_user_id`]: `legacy-${user.id}`,
    };
  }
  return { [`${LTI}/ext`]: { user_username: user.id, lms: 'moodle-2' } };
}

/**
 * Custom parameter substitution (LTI 1.3 core §5.4.1, Appendix C). `$Context.id.history`: the
 * courses this one was copied from, most recent first (Moodle's get_course_history, Canvas).
 * `$ResourceLink.id.history`: Canvas only. `$Person.address.timezone`: the user's zone, when set. A variable the platform does not know is sent as written,
 * as Moodle's lti_parse_custom_parameter does.
 */
function substitute(p: DevPlatform, params: Record<string, string>, course: DevCourse | undefined, link: { copiedFrom?: string } | undefined, user: DevUser): Record<string, string> {
  const courseHistory: string[] = [];
  for (let c = course?.copiedFrom; c && !courseHistory.includes(c); c = p.courses.get(c)?.copiedFrom) courseHistory.push(c);
  const linkHistory: string[] = [];
  for (let l = link?.copiedFrom; l && !linkHistory.includes(l); l = p.resourceLinks.get(l)?.copiedFrom) linkHistory.push(l);
  const known: Record<string, string> = { '$Context.id.history': courseHistory.join(',') };
  if (user.timeZone) known['$Person.address.timezone'] = user.timeZone;
  if (p.flavour === 'canvas') known['$ResourceLink.id.history'] = linkHistory.join(',');
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v in known ? known[v] : v]));
}
