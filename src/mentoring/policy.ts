import type { Actor } from '../kernel/actor';
import type { MentorshipStatus } from './model';

/** What the mentoring policy reads of the actor (kernel/actor.ts). */
export type MentoringActor = Pick<Actor, 'membershipId' | 'role'>;
export interface PairSubject {
  menteeId: number;
  mentorId: number;
  status: MentorshipStatus;
  facilitatorsInvited: boolean;
}

const contributes = (a: MentoringActor) => a.role !== 'observer';
const facilitates = (a: MentoringActor) => a.role === 'facilitator';
export const inPair = (a: MentoringActor, p: PairSubject) => a.membershipId === p.menteeId || a.membershipId === p.mentorId;

/**
 * Mentoring. The pair's space (messages, goals, check-ins) belongs to the pair: facilitators see
 * that a pair exists and its status, and read its space only when the pair invites them. Nobody
 * else learns anything about a pair.
 */
export const mentoringPolicy = {
  /** Ask for a mentor for oneself. */
  request: (a: MentoringActor) => contributes(a),
  /** Pair a newcomer with a mentor (the mentor still accepts or declines). */
  pair: (a: MentoringActor) => facilitates(a),
  /** Ask for oneself, or, as a facilitator, for another member. */
  requestFor: (a: MentoringActor, r: { menteeId: number }) => r.menteeId === a.membershipId || facilitates(a),
  /** That the pair exists, who is in it and its status. */
  see: (a: MentoringActor, p: PairSubject) => inPair(a, p) || facilitates(a),
  respond: (a: MentoringActor, p: PairSubject) => a.membershipId === p.mentorId && p.status === 'requested',
  /** The private space: the pair, or facilitators the pair invited. */
  read: (a: MentoringActor, p: PairSubject) => inPair(a, p) || (facilitates(a) && p.facilitatorsInvited),
  write: (a: MentoringActor, p: PairSubject) => inPair(a, p) && p.status === 'active',
  invite: (a: MentoringActor, p: PairSubject) => inPair(a, p) && (p.status === 'active' || p.status === 'closed'),
  /** Either side ends an active pair; the mentee may also withdraw a request. */
  close: (a: MentoringActor, p: PairSubject) => (inPair(a, p) && p.status === 'active') || (a.membershipId === p.menteeId && p.status === 'requested'),
};

export type PairCan = { [K in Exclude<keyof typeof mentoringPolicy, 'request' | 'pair' | 'requestFor'>]: boolean };

/** The pair page's `can` map. */
export function pairCan(a: MentoringActor, p: PairSubject): PairCan {
  return {
    see: mentoringPolicy.see(a, p),
    respond: mentoringPolicy.respond(a, p),
    read: mentoringPolicy.read(a, p),
    write: mentoringPolicy.write(a, p),
    invite: mentoringPolicy.invite(a, p),
    close: mentoringPolicy.close(a, p),
  };
}
