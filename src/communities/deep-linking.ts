import { z } from 'zod';
import type { Transaction } from 'sequelize';
import { DomainError, forbidden } from '../kernel/errors';
import { scalar } from '../content/forms';
import type { SessionActor } from '../web/pipeline';
import { Community, Cohort } from '../kernel/community';
import { attachCohort } from '../sessions/service';
import { createCommunitySchema } from './schemas';
import { createCommunity, joinCommunity, facilitatedCommunities } from './service';
import { setupOf } from './setup';

/** What the instructor chose on the Deep Linking page: a new community, one they facilitate, or the one already linked. */
export const deepLinkChoiceSchema = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('new') }).merge(createCommunitySchema),
  z.object({ choice: z.literal('existing'), communityId: scalar(z.coerce.number().int().positive()) }),
  z.object({ choice: z.literal('linked') }),
]);
export type DeepLinkChoice = z.infer<typeof deepLinkChoiceSchema>;

/** The community the Deep Linking response will point to, the course linked to it (a new cohort) when it was not yet. */
export async function deepLinkCommunity(actor: SessionActor, input: DeepLinkChoice, t: Transaction): Promise<Community> {
  const { session } = actor;
  if (input.choice === 'linked') {
    if (!session.cohortId) throw new DomainError('invalid', 'errors.invalid_input');
    const cohort = await Cohort.findByPk(session.cohortId, { transaction: t, rejectOnEmpty: true });
    return Community.findByPk(cohort.communityId, { transaction: t, rejectOnEmpty: true });
  }
  if (input.choice === 'new') {
    const created = await createCommunity(setupOf(actor), input, t);
    await attachCohort(session.id, created.cohort.id, t);
    return created.community;
  }
  // Only a community the instructor facilitates (the page offers no other).
  const allowed = (await facilitatedCommunities(actor.user.id)).find((c) => c.id === input.communityId);
  if (!allowed) throw forbidden();
  const joined = await joinCommunity(setupOf(actor), allowed.inviteCode, t);
  if (!joined) throw forbidden();
  await attachCohort(session.id, joined.cohort.id, t);
  return joined.community;
}
