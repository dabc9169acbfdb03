/**
 * A small but real LTI 1.3 platform (an LMS in miniature) for the demo, the integration
 * tests and the benchmarks. It signs real id_tokens, serves a JWKS, NRPS with paging and AGS
 * line items and scores, and reproduces documented Moodle 4.x or Canvas behaviour
 * (LTIJS-NOTES.md). State lives in memory and is public so tests can inspect it.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createRemoteJWKSet } from 'jose';
import { buildApp } from './routes';
import { buildClaims } from './claims';
import { makeKeys, signRaw, signRs256, type PlatformKeys } from './keys';
import { ALL_SCOPES } from './scopes';
import { sampleCourse } from './sample';
import { diffRoster, type RosterChange } from './roster';
import type { RegisteredTool } from './registration';
import type {
  DevCourse, DevLineItem, DevPlatformOptions, DevResourceLink, DevUser, Faults, Flavour,
  IdTokenParams, SignRawOptions, ToolRegistration,
} from './types';

export * from './types';
export { sampleCourse } from './sample';
export { ROLES, shortRole } from './roles';
export { SCOPES, ALL_SCOPES } from './scopes';
export { BrowserAgent, launch, parsePostForm, type AgentPage, type AgentRequest, type LaunchParams, type LaunchResult } from './agent';
export { CookieJar } from './cookies';

/** The development platform. Construct, optionally registerTool, then listen. */
export class DevPlatform {
  readonly app: Express;
  readonly flavour: Flavour;
  readonly publicKeyPem: string;
  courses = new Map<string, DevCourse>();
  faults: Faults = { nrps: [], scores: [], token: [] };
  /** Every request received, with the status answered once the response is sent. */
  requests: Array<{ method: string; path: string; at: number; status?: number }> = [];
  jwksFetches = 0;
  /** The User-Agent of every service request (token, NRPS, AGS), in order. */
  serviceAgents: string[] = [];
  scoresReceived: Array<{ lineItemId: string; body: any; status: number }> = [];
  lineItems = new Map<string, DevLineItem>();
  deepLinkReturns: Array<{ payload: any; items: any[] }> = [];
  /** Placed activities: one default per course ("rl-<courseId>") plus those made by Deep Linking. */
  resourceLinks = new Map<string, DevResourceLink>();
  tool?: ToolRegistration;
  /** Tools registered through Dynamic Registration, by client id (Moodle's lti_types). */
  registeredTools = new Map<string, RegisteredTool>();
  /** @internal registration tokens handed to the tool's registration page. */
  registrationTokens = new Map<string, { clientId: string; update?: RegisteredTool; expiresAt: number; used: boolean }>();
  /** @internal Moodle's next tool type id (the deployment id of a new registration). */
  nextToolTypeId = 2;
  /** @internal access tokens issued by /token. */
  accessTokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  /** @internal deep_linking_settings.data issued, single use, → who asked. */
  deepLinkData = new Map<string, { courseId: string | null; userId: string }>();
  /** @internal per course, per user: when the member last changed (NRPS `since`). */
  rosterChanges = new Map<string, Map<string, RosterChange>>();
  /** @internal client-assertion jti already used (replays are refused). */
  usedJtis = new Set<string>();
  readonly keys: PlatformKeys;
  private otherKeys?: PlatformKeys;
  private server?: Server;
  private baseUrl?: string;
  private readonly fixedIssuer?: string;
  private readonly defaults: { clientId: string; deploymentId: string };
  private nextLineItem = 1;
  private readonly toolKeySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  constructor(opts: DevPlatformOptions = {}) {
    this.flavour = opts.flavour ?? 'moodle';
    this.fixedIssuer = opts.issuer?.replace(/\/$/, '');
    this.keys = makeKeys();
    this.publicKeyPem = this.keys.publicKeyPem;
    // What each LMS hands out: Moodle a random client id and the tool type id as
    // deployment; Canvas a numeric developer-key id and "<n>:<hash>" deployments.
    this.defaults = this.flavour === 'canvas'
      ? { clientId: `1000000000${randomBytes(2).readUInt16BE()}`, deploymentId: `1:${randomBytes(20).toString('hex')}` }
      : { clientId: randomBytes(8).toString('base64url').slice(0, 15), deploymentId: '1' };
    for (const c of opts.courses ?? [sampleCourse()]) this.addCourse(c);
    if (opts.tool) this.registerTool(opts.tool);
    this.app = buildApp(this);
  }

  /** Starts an HTTP server (port 0 = ephemeral) and returns its base URL. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer(this.app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const { port: actual } = server.address() as AddressInfo;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
    return this.baseUrl;
  }

  /** Stops the server, dropping kept-alive connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Base URL of every endpoint: where it listens, else the configured issuer (when mounted). */
  get url(): string {
    const u = this.baseUrl ?? this.fixedIssuer;
    if (!u) throw new Error('DevPlatform: not listening and no issuer given');
    return u;
  }

  /** The `iss` of every token it signs. */
  get issuer(): string {
    return this.fixedIssuer ?? this.url;
  }

  /** Registers (or replaces) the tool: the administrator's "external tool" form. */
  registerTool(t: ToolRegistration): void {
    this.tool = { ...t };
  }

  /** What the tool needs to register this platform (the CLI's `platform add`). */
  get registration(): { issuer: string; clientId: string; authUrl: string; tokenUrl: string; jwksUrl: string; deploymentId: string; name: string } {
    return {
      issuer: this.issuer,
      clientId: this.tool?.clientId ?? this.defaults.clientId,
      authUrl: `${this.url}/auth`,
      tokenUrl: `${this.url}/token`,
      jwksUrl: `${this.url}/jwks`,
      deploymentId: this.tool?.deploymentId ?? this.defaults.deploymentId,
      name: this.flavour === 'canvas' ? 'CoPeR dev platform (Canvas)' : 'CoPeR dev platform (Moodle)',
    };
  }

  /** The registered tool; throws when none is (a launch needs one). */
  requireTool(): ToolRegistration {
    if (!this.tool) throw new Error('DevPlatform: no tool registered (registerTool first)');
    return this.tool;
  }

  /** Scopes the administrator enabled for the tool. */
  get grantedScopes(): string[] {
    return this.tool?.grantedScopes ?? ALL_SCOPES;
  }

  /** Adds (or replaces) a course, with a default resource link "rl-<id>". */
  addCourse(c: DevCourse): void {
    this.courses.set(c.id, c);
    const rl = `rl-${c.id}`;
    if (!this.resourceLinks.has(rl)) this.resourceLinks.set(rl, { id: rl, courseId: c.id, title: 'Communauté de pratique CoPeR' });
  }

  /** Replaces a course's roster; the changes feed NRPS `since` (removed members become Deleted). */
  setRoster(courseId: string, members: DevUser[]): void {
    const course = this.courses.get(courseId);
    if (!course) throw new Error(`DevPlatform: unknown course ${courseId}`);
    const changes = this.rosterChanges.get(courseId) ?? new Map<string, RosterChange>();
    diffRoster(course.members, members, changes, Date.now());
    this.rosterChanges.set(courseId, changes);
    course.members = [...members];
  }

  /** A user of a course, or of any course when courseId is null/undefined. */
  findUser(userId: string, courseId?: string | null): DevUser | undefined {
    const courses = courseId ? [this.courses.get(courseId)] : [...this.courses.values()];
    for (const c of courses) {
      const u = c?.members.find((m) => m.id === userId);
      if (u) return u;
    }
    return undefined;
  }

  /** NRPS context membership URL of a course. */
  membershipsUrl(courseId: string): string {
    return `${this.url}/nrps/${encodeURIComponent(courseId)}/memberships`;
  }

  /** AGS line items container URL (Moodle adds `?type_id=1`, its tool type id). */
  lineItemsUrl(courseId: string): string {
    const base = `${this.url}/ags/${encodeURIComponent(courseId)}/lineitems`;
    return this.flavour === 'moodle' ? `${base}?type_id=1` : base;
  }

  /** A line item's id (its URL), in the flavour's shape. */
  lineItemUrl(courseId: string, n: number | string): string {
    const base = `${this.url}/ags/${encodeURIComponent(courseId)}/lineitems/${n}`;
    return this.flavour === 'moodle' ? `${base}/lineitem?type_id=1` : base;
  }

  /** Creates a line item in a course (the AGS POST and Deep Linking both use it). */
  createLineItem(courseId: string, f: Omit<DevLineItem, 'id' | 'courseId' | 'scores'>): DevLineItem {
    const item: DevLineItem = { ...f, id: this.lineItemUrl(courseId, this.nextLineItem++), courseId, scores: new Map() };
    this.lineItems.set(item.id, item);
    return item;
  }

  /** The tool's JWKS, fetched by jose and cached per URL (refetched when a kid is unknown). */
  toolKeySet(): ReturnType<typeof createRemoteJWKSet> {
    const url = this.requireTool().jwksUrl;
    let set = this.toolKeySets.get(url);
    if (!set) this.toolKeySets.set(url, (set = createRemoteJWKSet(new URL(url), { cooldownDuration: 0 })));
    return set;
  }

  /** Build and sign an id_token as the auth endpoint would, for tests that need to tamper. */
  async buildIdToken(p: IdTokenParams): Promise<string> {
    return signRs256(this.keys, buildClaims(this, p), p.header);
  }

  /** Signs anything, for alg none / HS256-with-public-key / unknown-key attacks. */
  async signRaw(payload: object, opts: SignRawOptions): Promise<string> {
    return signRaw(this.keys, () => (this.otherKeys ??= makeKeys()), payload, opts);
  }
}
