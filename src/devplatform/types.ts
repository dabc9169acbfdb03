/**
 * Shared types of the development platform. Kept apart from index.ts so that the route
 * modules can depend on them without importing the DevPlatform class (no import cycle).
 */

/** Which LMS the platform imitates (see LTIJS-NOTES.md "What a real Moodle 4.5 does"). */
export type Flavour = 'moodle' | 'canvas';

/** A person in a course, as the platform knows them. `roles` are full LTI role URIs. */
export interface DevUser {
  id: string;
  givenName?: string;
  familyName?: string;
  name?: string;
  email?: string;
  locale?: string;
  /** The user's time zone in their profile (IANA), sent for `$Person.address.timezone`. */
  timeZone?: string;
  picture?: string;
  roles: string[];
  status?: 'Active' | 'Inactive';
  institutionRoles?: string[];
}

/** A course (LTI context) and its roster. */
export interface DevCourse {
  id: string;
  title: string;
  label: string;
  members: DevUser[];
  /** The course this one was copied from (Moodle's originalcourseid), for `$Context.id.history`. */
  copiedFrom?: string;
}

/** The tool as registered on the platform (the LMS administrator's "external tool" form). */
export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  loginUrl: string;
  launchUrl: string;
  jwksUrl: string;
  /** Defaults to launchUrl. */
  deepLinkUrl?: string;
  /** Scopes the administrator enabled; default: every AGS and NRPS scope. */
  grantedScopes?: string[];
  /** Custom parameters sent in every launch (`$Context.id.history` and the like are substituted). */
  customParameters?: Record<string, string>;
}

/** Constructor options of DevPlatform. */
export interface DevPlatformOptions {
  flavour?: Flavour;
  /** Default: the platform's own base URL once listening. */
  issuer?: string;
  /** Default: [sampleCourse()]. */
  courses?: DevCourse[];
  tool?: ToolRegistration;
}

/** A gradebook column (AGS line item). `id` is its URL, as AGS requires. */
export interface DevLineItem {
  id: string;
  courseId: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string;
  tag?: string;
  resourceId?: string;
  startDateTime?: string;
  endDateTime?: string;
  /** userId → latest accepted score body. */
  scores: Map<string, any>;
}

/** A placed activity: the default one per course, or one created through Deep Linking. */
export interface DevResourceLink {
  id: string;
  courseId: string;
  title: string;
  url?: string;
  custom?: Record<string, string>;
  /** The link this one was copied from (a course copy), for `$ResourceLink.id.history`. */
  copiedFrom?: string;
}

/** One injected failure; `times` defaults to 1. */
export interface NrpsFault { page?: number; status: number; retryAfter?: number; times?: number; body?: unknown }
/** One injected failure of the score endpoint; `times` defaults to 1. */
export interface ScoreFault { status: number; retryAfter?: number; times?: number; body?: any }
/** One injected failure of the token endpoint; `times` defaults to 1. */
export interface TokenFault { status: number; times?: number; body?: any }

/** Fault queues read by the service endpoints. */
export interface Faults {
  nrps: NrpsFault[];
  scores: ScoreFault[];
  token: TokenFault[];
}

/** LTI message types the platform can send. */
export type MessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';

/** Parameters of DevPlatform.buildIdToken. */
export interface IdTokenParams {
  /** null = a launch without context; undefined = the first course. */
  courseId?: string | null;
  userId: string;
  nonce: string;
  messageType?: MessageType;
  resourceLinkId?: string;
  /** Shallow-merged into the payload; a value of undefined deletes the claim. */
  overrides?: Record<string, unknown>;
  /** Merged into the JWS header, e.g. {kid: 'nope'} or {kid: undefined}. */
  header?: Record<string, unknown>;
  /** Default: the tool's launch URL (deep-link URL for deep linking). */
  targetLinkUri?: string;
}

/** Options of DevPlatform.signRaw, for attacks on the tool's signature checks. */
export interface SignRawOptions {
  alg: 'RS256' | 'HS256' | 'none';
  kid?: string;
  /** platform (default), another RSA key unknown to the JWKS, or the public PEM used as an HMAC secret. */
  key?: 'platform' | 'other-rsa' | 'public-as-hmac';
}
