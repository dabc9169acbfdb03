import { contributes, facilitates, owns, type PolicyActor } from '../discussions/policy';
import type { ResourceKind } from './model';
import { visibleTo, type VisibilitySubject } from './visibility';

export interface ResourceSubject extends VisibilitySubject {
  kind: ResourceKind;
  authorId: number | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

type Viewer = PolicyActor & { membershipId?: number };

/** Who may do what with a resource. Pure: (actor, resource) → boolean. */
export const resourcePolicy = {
  /**
   * A hidden resource is seen only by facilitators (to restore it); a deleted one by nobody; one
   * shown to facilitators or chosen members, by them and its author (visibility.ts).
   */
  view: (a: Viewer, r: ResourceSubject) => !r.deletedAt && (!r.hiddenAt || facilitates(a)) && visibleTo(a, r),
  share: (a: PolicyActor) => contributes(a),
  edit: (a: PolicyActor, r: ResourceSubject) => contributes(a) && owns(a, r) && !r.deletedAt && !r.hiddenAt,
  delete: (a: PolicyActor, r: ResourceSubject) => contributes(a) && owns(a, r) && !r.deletedAt,
  /** "I used this" — on someone else's resource. */
  endorse: (a: PolicyActor, r: ResourceSubject) => contributes(a) && !owns(a, r) && !r.deletedAt && !r.hiddenAt,
  comment: (a: PolicyActor, r: ResourceSubject) => contributes(a) && !r.deletedAt && !r.hiddenAt,
  download: (a: Viewer, r: ResourceSubject) => r.kind === 'file' && resourcePolicy.view(a, r),
  /** A clip's video, poster and captions: whoever sees the clip. */
  watch: (a: Viewer, r: ResourceSubject) => r.kind === 'clip' && resourcePolicy.view(a, r),
  /** A time-coded comment or reply on a clip. */
  timeComment: (a: Viewer, r: ResourceSubject) => r.kind === 'clip' && resourcePolicy.comment(a, r) && resourcePolicy.view(a, r),
  /** Captions belong to the clip's owner. */
  caption: (a: Viewer, r: ResourceSubject) => r.kind === 'clip' && resourcePolicy.edit(a, r),
  /**
   * Turn a clip's comments into a knowledge-building thread: a facilitator or the owner, for a clip
   * the whole community sees (a thread is community-wide; a restricted clip's comments stay restricted).
   */
  toThread: (a: Viewer, r: ResourceSubject) =>
    r.kind === 'clip' && contributes(a) && (owns(a, r) || facilitates(a)) && resourcePolicy.view(a, r) && !r.hiddenAt && (!r.visibility || r.visibility === 'community'),
  hide: (a: PolicyActor, r: ResourceSubject) => facilitates(a) && !r.deletedAt && !r.hiddenAt,
  restore: (a: PolicyActor, r: ResourceSubject) => facilitates(a) && !r.deletedAt && !!r.hiddenAt,
};

export type ResourceCan = { [K in keyof typeof resourcePolicy]: boolean };

/** The `can` map of a resource for views. */
export function resourceCan(a: Viewer, r: ResourceSubject): ResourceCan {
  return Object.fromEntries(Object.entries(resourcePolicy).map(([k, f]) => [k, (f as (a: Viewer, r: ResourceSubject) => boolean)(a, r)])) as ResourceCan;
}
