import { Op, literal, type WhereOptions } from 'sequelize';
import { facilitates, owns, type PolicyActor } from '../discussions/policy';
import { ResourceViewer, type Resource, type ResourceVisibility } from './model';

/** Who sees a resource, beyond its state (deleted, hidden): the fields the rule reads. */
export interface VisibilitySubject {
  authorId: number | null;
  visibility?: ResourceVisibility | null;
  /** Membership ids of the chosen members (visibility 'members'). */
  viewerIds?: number[];
}

/**
 * The one rule of who sees a resource: the whole community (no visibility set), facilitators
 * only, or the chosen members only. Its author always sees it. Pure; `visibleResourcesWhere`
 * is the same rule in SQL for lists and search.
 */
export function visibleTo(a: PolicyActor & { membershipId?: number }, r: VisibilitySubject): boolean {
  if (!r.visibility || r.visibility === 'community' || owns(a, r)) return true;
  if (r.visibility === 'facilitators') return facilitates(a);
  return a.membershipId !== undefined && (r.viewerIds ?? []).includes(a.membershipId);
}

/** SQL over `resources` (alias `table`): the resources the actor may see by visibility. */
export function visibilitySql(a: { userId: number; membershipId?: number; role?: PolicyActor['role'] }, table = 'resources'): string {
  const open = [`${table}.visibility IS NULL`, `${table}.visibility = 'community'`, `${table}.author_id = ${Number(a.userId)}`];
  if (a.role === 'facilitator') open.push(`${table}.visibility = 'facilitators'`);
  if (Number.isSafeInteger(a.membershipId)) open.push(`(${table}.visibility = 'members' AND EXISTS (SELECT 1 FROM resource_viewers rv WHERE rv.resource_id = ${table}.id AND rv.membership_id = ${Number(a.membershipId)}))`);
  return `(${open.join(' OR ')})`;
}

/** The same rule as a Sequelize where clause on Resource (no table alias needed). */
export function visibleResourcesWhere(a: { userId: number; membershipId: number; role: PolicyActor['role'] }): WhereOptions {
  const open: WhereOptions[] = [{ visibility: null }, { visibility: 'community' }, { authorId: a.userId }];
  if (facilitates(a)) open.push({ visibility: 'facilitators' });
  open.push({ visibility: 'members', id: { [Op.in]: literal(`(SELECT resource_id FROM resource_viewers WHERE membership_id = ${Number(a.membershipId)})`) } });
  return { [Op.or]: open };
}

/** Resources every member sees (no restriction): what shared, cached or public lists may show. */
export const communityWide: WhereOptions = { [Op.or]: [{ visibility: null }, { visibility: 'community' }] };

/** Load a resource's chosen members (visibility 'members') so `resourcePolicy.view` can decide; returns the resource. */
export async function withViewers(r: Resource): Promise<Resource> {
  if (r.visibility === 'members' && !r.viewerIds) r.viewerIds = (await ResourceViewer.findAll({ where: { resourceId: r.id }, attributes: ['membershipId'] })).map((v) => v.membershipId);
  return r;
}
