import type { Actor } from '../kernel/actor';

/** The actor of the people features: a membership with its effective role. */
/** What the people policy reads of the actor (kernel/actor.ts). */
export type PeopleActor = Pick<Actor, 'membershipId' | 'role'>;

/**
 * Profiles and follows. Everyone in the community reads profiles (each field filtered by its
 * owner's visibility choice, see visibility.ts); observers only read; a member edits only their
 * own profile and follows others, not themself.
 */
export const profilePolicy = {
  view: (a: PeopleActor) => a.role !== null,
  edit: (a: PeopleActor, ownerId: number) => a.role !== 'observer' && a.membershipId === ownerId,
  follow: (a: PeopleActor, targetId: number) => a.role !== 'observer' && a.membershipId !== targetId,
};

export type ProfileCan = { edit: boolean; follow: boolean };

/** The `can` map of one profile page. */
export function profileCan(a: PeopleActor, ownerId: number): ProfileCan {
  return { edit: profilePolicy.edit(a, ownerId), follow: profilePolicy.follow(a, ownerId) };
}
