/**
 * Which optional modules the analytics show: all of them are part of the product now. Problem,
 * profile and mentoring figures are read from the activity verbs those modules write
 * (problem.create, lead.create with data.problemId, solution.accept, problem.resolve,
 * profile.update, mentoring.accept with data.menteeMembershipId).
 */
export const FEATURES = {
  problems: true,
  profiles: true,
  mentoring: true,
  points: true,
  pdHours: true,
} as const;

export type Features = { [K in keyof typeof FEATURES]: boolean };

/** Per-member figures that other modules own: participation points and PD hours (null: not available). */
export interface MemberExtras {
  points: number | null;
  pdHours: number | null;
}
