import { contributes, facilitates, owns, type PolicyActor } from '../discussions/policy';
import type { ResourceKind } from './model';

export interface ResourceSubject {
  kind: ResourceKind;
  authorId: number | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

/** Who may do what with a resource. Pure: (actor, resource) → boolean. */
export const resourcePolicy = {
  /** A hidden resource is seen only by facilitators (to restore it); a deleted one by nobody. */
  view: (a: PolicyActor, r: ResourceSubject) => !r.deletedAt && (!r.hiddenAt || facilitates(a)),
  share: (a: PolicyActor) => contributes(a),
  edit: (a: PolicyActor, r: ResourceSubject) => contributes(a) && owns(a, r) && !r.deletedAt && !r.hiddenAt,
  delete: (a: PolicyActor, r: ResourceSubject) => contributes(a) && owns(a, r) && !r.deletedAt,
  /** "I used this" — on someone else's resource. */
  endorse: (a: PolicyActor, r: ResourceSubject) => contributes(a) && !owns(a, r) && !r.deletedAt && !r.hiddenAt,
  comment: (a: PolicyActor, r: ResourceSubject) => contributes(a) && !r.deletedAt && !r.hiddenAt,
  download: (a: PolicyActor, r: ResourceSubject) => r.kind === 'file' && resourcePolicy.view(a, r),
  hide: (a: PolicyActor, r: ResourceSubject) => facilitates(a) && !r.deletedAt && !r.hiddenAt,
  restore: (a: PolicyActor, r: ResourceSubject) => facilitates(a) && !r.deletedAt && !!r.hiddenAt,
};

export type ResourceCan = { [K in keyof typeof resourcePolicy]: boolean };

/** The `can` map of a resource for views. */
export function resourceCan(a: PolicyActor, r: ResourceSubject): ResourceCan {
  return Object.fromEntries(Object.entries(resourcePolicy).map(([k, f]) => [k, (f as (a: PolicyActor, r: ResourceSubject) => boolean)(a, r)])) as ResourceCan;
}
