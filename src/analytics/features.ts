/**
 * Which optional modules the analytics show. Issue 7 (participation points, PD hours) is on main:
 * extras.ts reads it. Issue 4 (problem requests, profiles, mentoring) is not yet: its figures are
 * derived from the activity verbs it will write (problem.create, lead.create with data.problemId,
 * solution.accept, problem.resolve, profile.update, mentoring.accept with
 * data.menteeMembershipId), and the pages say what is missing until the merge that brings it
 * flips these flags.
 */
export const FEATURES = {
  problems: false,
  profiles: false,
  mentoring: false,
  points: true,
  pdHours: true,
} as const;

export type Features = { [K in keyof typeof FEATURES]: boolean };

/** Per-member figures that other modules own: participation points and PD hours (null: not available). */
export interface MemberExtras {
  points: number | null;
  pdHours: number | null;
}
