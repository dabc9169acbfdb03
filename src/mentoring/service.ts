import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { recordActivity } from '../activity/model';
import { notify } from '../notifications/service';
import { DomainError } from '../kernel/errors';
import { whoOf } from '../profiles/service';
import { Mentorship } from './model';
import { namesOf } from '../content/people';
import type { Actor } from '../kernel/actor';

/** Members who can mentor: active, not observers. */
async function eligible(communityId: number, membershipId: number, transaction: Transaction): Promise<Membership | null> {
  const m = await Membership.findOne({ where: { id: membershipId, communityId, status: 'active' }, transaction });
  return m && (m.roleOverride ?? m.role) !== 'observer' ? m : null;
}

/**
 * A newcomer asks a member to be their mentor, or a facilitator pairs a newcomer with a mentor.
 * Either way the mentor decides (accept / decline) and is notified now ('mentoring.request',
 * named after the mentee). One open request or pair per (mentee, mentor).
 */
export async function requestMentoring(actor: Actor, input: { mentorId: number; menteeId: number; message?: string }, transaction: Transaction): Promise<Mentorship> {
  if (input.mentorId === input.menteeId) throw new DomainError('invalid', 'mentoring.errors.self');
  const [mentor, mentee] = await Promise.all([eligible(actor.communityId, input.mentorId, transaction), eligible(actor.communityId, input.menteeId, transaction)]);
  if (!mentor) throw new DomainError('invalid', 'mentoring.errors.mentor');
  if (!mentee) throw new DomainError('invalid', 'mentoring.errors.mentee');
  const open = await Mentorship.count({ where: { communityId: actor.communityId, menteeId: mentee.id, mentorId: mentor.id, status: { [Op.in]: ['requested', 'active'] } }, transaction });
  if (open) throw new DomainError('conflict', 'mentoring.errors.exists');
  const pair = await Mentorship.create(
    { communityId: actor.communityId, menteeId: mentee.id, mentorId: mentor.id, requestedBy: actor.membershipId, status: 'requested', message: input.message ?? null },
    { transaction },
  );
  await recordActivity(
    { ...whoOf(actor), verb: 'mentoring.request', subject: { type: 'mentorship', id: pair.id }, data: { menteeMembershipId: mentee.id, mentorMembershipId: mentor.id, pairedBy: actor.membershipId === mentee.id ? 'mentee' : 'facilitator' } },
    transaction,
  );
  const menteeName = (await namesOf([mentee.userId])).get(mentee.userId) ?? '';
  await notify(transaction, {
    communityId: actor.communityId,
    recipients: [mentor.id],
    kind: 'mentoring.request',
    actorMembershipId: actor.membershipId,
    subject: { type: 'mentorship', id: pair.id },
    params: { actor: menteeName },
    link: `/c/${actor.communityId}/mentoring/${pair.id}`,
  });
  return pair;
}

/** The mentor accepts or declines a request. */
export async function respondToRequest(actor: Actor, pair: Mentorship, accept: boolean, transaction: Transaction): Promise<void> {
  // Re-read under the transaction: two clicks (accept, then decline) must not both apply.
  const [changed] = await Mentorship.update({ status: accept ? 'active' : 'declined', respondedAt: new Date() }, { where: { id: pair.id, status: 'requested' }, transaction });
  if (!changed) throw new DomainError('conflict', 'mentoring.errors.already_answered');
  await recordActivity({ ...whoOf(actor), verb: accept ? 'mentoring.accept' : 'mentoring.decline', subject: { type: 'mentorship', id: pair.id }, data: { menteeMembershipId: pair.menteeId, mentorMembershipId: pair.mentorId } }, transaction);
}

/** Either side ends the pair (or the mentee withdraws a request). */
export async function closeMentoring(actor: Actor, pair: Mentorship, transaction: Transaction): Promise<void> {
  const from = pair.status;
  await pair.update({ status: 'closed', closedAt: new Date(), closedBy: actor.membershipId }, { transaction });
  await recordActivity({ ...whoOf(actor), verb: 'mentoring.close', subject: { type: 'mentorship', id: pair.id }, data: { from, menteeMembershipId: pair.menteeId, mentorMembershipId: pair.mentorId } }, transaction);
}

/** The pair invites the community's facilitators into its space, or withdraws the invitation. */
export async function setFacilitatorsInvited(actor: Actor, pair: Mentorship, on: boolean, transaction: Transaction): Promise<void> {
  if (pair.facilitatorsInvited === on) return;
  await pair.update({ facilitatorsInvited: on }, { transaction });
  await recordActivity({ ...whoOf(actor), verb: on ? 'mentoring.invite' : 'mentoring.uninvite', subject: { type: 'mentorship', id: pair.id } }, transaction);
}
