import type { Transaction } from 'sequelize';
import { DomainError, forbidden } from '../kernel/errors';
import type { SessionActor } from '../web/pipeline';
import type { Community, Cohort, Membership } from '../kernel/community';
import { attachCohort } from '../sessions/service';
import { createCommunity, joinCommunity, SetupError, type SetupContext } from './service';
import { continueCommunity } from './course-copy';

type Linked = { community: Community; cohort: Cohort; membership: Membership };

/** Who sets up: the launching user, from their platform, with the signed launch. */
export const setupOf = ({ user, session }: SessionActor): SetupContext => ({ userId: user.id, platformId: session.platformId, launch: session.launch });

/**
 * The launch's course is linked to a community and the session moves into it. A course linked
 * elsewhere meanwhile (two instructors at once) is a clear conflict, not a database error; a lost
 * insert race runs again (retryTransaction) and then finds that link.
 */
async function linked<T extends Linked | null>(actor: SessionActor, work: () => Promise<T>, transaction: Transaction): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (err) {
    if (err instanceof SetupError) throw new DomainError('conflict', 'errors.course_already_linked');
    throw err;
  }
  if (result) await attachCohort(actor.session.id, result.cohort.id, transaction);
  return result;
}

/** A new community for the launching course; its instructor is the first facilitator. */
export const setUpNew = (actor: SessionActor, input: { title: string; purpose: string; timeZone?: string }, t: Transaction) =>
  linked(actor, () => createCommunity(setupOf(actor), input, t), t);

/** The course joins a community by its invitation code; null when no community has that code. */
export const setUpByCode = (actor: SessionActor, code: string, t: Transaction) => linked(actor, () => joinCommunity(setupOf(actor), code, t), t);

/** A copied course continues the community of the course it was copied from (the LMS said so in the signed launch), and no other. */
export async function setUpContinued(actor: SessionActor, communityId: number, t: Transaction): Promise<Linked> {
  const result = await linked(actor, () => continueCommunity(setupOf(actor), communityId, t), t);
  if (!result) throw forbidden();
  return result;
}
