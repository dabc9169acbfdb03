/**
 * The NRPS 2.0 membership container (§2.2) parsed once, with zod, into our own shape. Moodle
 * writes roles short ("Learner"), Canvas as full URIs: both are kept as sent and mapped later by
 * the one role parser (src/lti/roles.ts). A malformed member is skipped and counted, never fatal.
 */
import { z } from 'zod';

export type NrpsStatus = 'Active' | 'Inactive' | 'Deleted';

/** One roster entry, as the sync uses it. */
export interface RosterMember {
  userId: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  picture?: string;
  roles: string[];
  status: NrpsStatus;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .transform((s) => (s ? s.slice(0, max) : undefined))
    .optional()
    .catch(undefined);

const memberSchema = z.object({
  user_id: z.union([z.string().trim().min(1).max(255), z.number().transform(String)]),
  // NRPS §2.2: status defaults to Active; any other value we do not know is treated as Active too.
  status: z
    .string()
    .optional()
    .transform((s): NrpsStatus => (s === 'Inactive' ? 'Inactive' : s === 'Deleted' ? 'Deleted' : 'Active')),
  name: text(255),
  given_name: text(255),
  family_name: text(255),
  email: z.string().trim().max(320).email().optional().catch(undefined),
  // Only web addresses: a picture URL ends up in an <img src> (no javascript:, data: or file:).
  picture: z.string().trim().max(1024).url().refine((u) => /^https?:\/\//i.test(u)).optional().catch(undefined),
  roles: z.array(z.unknown()).catch([]).transform((rs) => rs.filter((r): r is string => typeof r === 'string' && r.trim() !== '')),
});

const containerSchema = z.object({ members: z.array(z.unknown()) });

/** Parse one page's body: its members and how many entries were unusable. */
export function parseMembershipPage(body: unknown): { members: RosterMember[]; skipped: number } | null {
  const container = containerSchema.safeParse(body);
  if (!container.success) return null;
  const members: RosterMember[] = [];
  let skipped = 0;
  for (const raw of container.data.members) {
    const m = memberSchema.safeParse(raw);
    if (!m.success) {
      skipped++;
      continue;
    }
    const d = m.data;
    members.push({
      userId: d.user_id,
      name: d.name,
      givenName: d.given_name,
      familyName: d.family_name,
      email: d.email,
      picture: d.picture,
      roles: d.roles,
      status: d.status,
    });
  }
  return { members, skipped };
}

/** The links of a `Link` header (RFC 8288), by relation: `next`, `differences`… */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const m of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2])?.[1];
    if (!rel) continue;
    for (const r of rel.trim().split(/\s+/)) out[r.toLowerCase()] ??= m[1];
  }
  return out;
}
