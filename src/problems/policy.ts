import type { Actor } from '../kernel/actor';
import type { ProblemStatus } from './model';

/** What the problem policy reads of the actor (kernel/actor.ts). */
export type ProblemActor = Pick<Actor, 'membershipId' | 'userId' | 'role'>;
export interface ProblemSubject {
  authorMembershipId: number;
  status: ProblemStatus;
}
export interface LeadSubject {
  authorId: number | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

const contributes = (a: ProblemActor) => a.role !== 'observer';
const owns = (a: ProblemActor, p: ProblemSubject) => a.membershipId === p.authorMembershipId;
const live = (p: ProblemSubject) => p.status !== 'archived';
const usable = (l: LeadSubject) => !l.deletedAt && !l.hiddenAt;

/**
 * Who may do what with a problem request. Everyone in the community reads problems and leads
 * (the trace the community keeps); peers offer leads while it is not archived; only the author
 * marks helpful leads, accepts a solution and writes what they finally did; the author or a
 * facilitator archives and reopens.
 */
export const problemPolicy = {
  create: (a: ProblemActor) => contributes(a),
  lead: (a: ProblemActor, p: ProblemSubject) => contributes(a) && live(p) && !owns(a, p),
  markHelpful: (a: ProblemActor, p: ProblemSubject, l: LeadSubject) => owns(a, p) && live(p) && usable(l) && l.authorId !== a.userId,
  accept: (a: ProblemActor, p: ProblemSubject, l: LeadSubject) => owns(a, p) && live(p) && usable(l) && l.authorId !== a.userId,
  resolve: (a: ProblemActor, p: ProblemSubject) => owns(a, p) && live(p),
  archive: (a: ProblemActor, p: ProblemSubject) => (owns(a, p) || a.role === 'facilitator') && live(p),
  reopen: (a: ProblemActor, p: ProblemSubject) => (owns(a, p) || a.role === 'facilitator') && (p.status === 'archived' || p.status === 'solved'),
};

/** The problem page's `can` map (lead-level rights are computed per lead). */
export function problemCan(a: ProblemActor, p: ProblemSubject) {
  return { create: problemPolicy.create(a), lead: problemPolicy.lead(a, p), resolve: problemPolicy.resolve(a, p), archive: problemPolicy.archive(a, p), reopen: problemPolicy.reopen(a, p), own: owns(a, p) };
}
