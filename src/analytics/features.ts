/**
 * Which optional modules the analytics read (issue 4: problem requests, profiles, mentoring;
 * issue 7: participation points and PD hours). Until a module is on main its figures are derived
 * from activity verbs where possible, and the pages say what is missing; the merge that brings a
 * module flips its flag here (and wires extras.ts).
 */
export const FEATURES = {
  problems: false,
  profiles: false,
  mentoring: false,
  points: false,
  pdHours: false,
} as const;

export type Features = { [K in keyof typeof FEATURES]: boolean };

/** Per-member figures that other modules own: participation points and PD hours (null: not available). */
export interface MemberExtras {
  points: number | null;
  pdHours: number | null;
}
