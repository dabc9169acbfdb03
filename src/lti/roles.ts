/**
 * LTI roles → community roles. One parser for launches (full role URIs) and roster sync
 * (Moodle's NRPS sends short names such as "Learner"), per LTI 1.3 Core §A.2 and DESIGN.md "Roles".
 */
import { ROLE_RANK, type CommunityRole } from '../kernel/roles';

export type { CommunityRole };

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

export interface ParsedRole {
  /** 'context' | 'institution' | 'system' */
  scope: 'context' | 'institution' | 'system';
  name: string;
  sub?: string;
}

/** Parse one role string: full LIS v2 URI, LTI 1.1 URN, or a deprecated short name (treated as a context role, Core §A.2.4). */
export function parseRole(raw: string): ParsedRole | null {
  const role = raw.trim();
  if (!role) return null;
  if (role.startsWith(LIS)) {
    const rest = role.slice(LIS.length); // e.g. membership#Learner, membership/Instructor#TeachingAssistant, institution/person#Administrator
    const m = /^(membership|institution\/person|system\/person)(?:\/(\w+))?#(\w+)$/.exec(rest);
    if (!m) return null;
    const scope = m[1] === 'membership' ? 'context' : m[1] === 'institution/person' ? 'institution' : 'system';
    return m[2] ? { scope, name: m[2], sub: m[3] } : { scope, name: m[3] };
  }
  const urn = /^urn:lti:(role|instrole|sysrole):ims\/lis\/(\w+)(?:\/(\w+))?$/.exec(role);
  if (urn) {
    const scope = urn[1] === 'role' ? 'context' : urn[1] === 'instrole' ? 'institution' : 'system';
    return urn[3] ? { scope, name: urn[2], sub: urn[3] } : { scope, name: urn[2] };
  }
  if (/^\w+$/.test(role)) return { scope: 'context', name: role };
  // "Instructor#TeachingAssistant"-like short sub-roles
  const short = /^(\w+)#(\w+)$/.exec(role);
  if (short) return { scope: 'context', name: short[1], sub: short[2] };
  return null;
}

function contextRoleToCommunity(r: ParsedRole): CommunityRole | null {
  if (r.scope !== 'context') return null;
  if (r.sub === 'TeachingAssistant' || r.name === 'TeachingAssistant') return 'facilitator';
  switch (r.name) {
    case 'Instructor':
    case 'Administrator':
      return 'facilitator';
    case 'Mentor':
      return 'mentor';
    case 'Learner':
    case 'Member':
    case 'ContentDeveloper':
      return 'member';
    default:
      return null;
  }
}

export interface RoleMapping {
  role: CommunityRole;
  /** The launch carries an institution (or system) administrator role: opens the institution report. */
  institutionAdmin: boolean;
}

/** Map every role of a launch or roster entry to one community role: the highest wins; nothing known → observer. */
export function mapRoles(roles: readonly string[] | undefined | null): RoleMapping {
  let role: CommunityRole = 'observer';
  let institutionAdmin = false;
  for (const raw of roles ?? []) {
    if (typeof raw !== 'string') continue;
    const parsed = parseRole(raw);
    if (!parsed) continue;
    if ((parsed.scope === 'institution' || parsed.scope === 'system') && parsed.name === 'Administrator') institutionAdmin = true;
    const mapped = contextRoleToCommunity(parsed);
    if (mapped && ROLE_RANK[mapped] > ROLE_RANK[role]) role = mapped;
  }
  return { role, institutionAdmin };
}
