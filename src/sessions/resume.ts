import { Membership } from '../kernel/community';

/** A remembered target older than this is forgotten: the member has moved on. */
const RESUME_DAYS = 14;

/** The community paths a remembered target may be: the item pages a link names. */
const ITEM = /^\/c\/(\d+)\/(threads|posts|problems|resources|journal|proposals|meetings)\/(\d+)$/;

/** Is `path` an item page of community `communityId` (no query, no other community, no open redirect)? */
export function itemPath(communityId: number, path: string): { kind: string; id: number } | null {
  const m = typeof path === 'string' && path.length <= 500 ? ITEM.exec(path) : null;
  if (!m || Number(m[1]) !== communityId) return null;
  return { kind: m[2], id: Number(m[3]) };
}

/** Remember where this member's next launch should land (a link opened outside the LMS). */
export async function rememberTarget(membership: Membership, path: string): Promise<void> {
  if (!itemPath(membership.communityId, path)) return;
  await membership.update({ resumePath: path, resumeSetAt: new Date() });
}

/** The remembered target of a member's launch into a community, cleared as it is used (null when none or stale). */
export async function takeTarget(m: Membership): Promise<string | null> {
  if (m.status !== 'active' || !m.resumePath) return null;
  const communityId = m.communityId;
  const fresh = m.resumeSetAt && Date.now() - m.resumeSetAt.getTime() < RESUME_DAYS * 86_400_000;
  const path = m.resumePath;
  await m.update({ resumePath: null, resumeSetAt: null });
  return fresh && itemPath(communityId, path) ? path : null;
}

/**
 * The title of item `id` in a community, or null when the whole community does not read it (a
 * private journal entry, a deleted item). Each feature gives the lookup of its own kinds, registered
 * from the composition root (src/features.ts): sessions/ names no feature. Registering a kind twice replaces.
 */
export type ItemTitle = (communityId: number, id: number) => Promise<string | null>;

const titles = new Map<string, ItemTitle>();

export function addItemTitle(kind: string, fn: ItemTitle): void {
  titles.set(kind, fn);
}

/**
 * The title of the item a link names, for the member the signed e-mail hint names. Only items
 * the whole community reads (discussions, knowledge threads, problems, resources): a private
 * journal entry, or a kind without a registered lookup, is named by its kind alone.
 */
export async function itemTitle(communityId: number, path: string): Promise<{ kind: string; title: string | null } | null> {
  const item = itemPath(communityId, path);
  if (!item) return null;
  const title = titles.get(item.kind);
  return { kind: item.kind, title: title ? await title(communityId, item.id) : null };
}
