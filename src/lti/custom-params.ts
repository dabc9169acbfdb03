import { isTimeZone } from '../kernel/time-zones';

/**
 * Custom parameters CoPeR asks every platform to send (registration request, Canvas developer key).
 * The history variables let a facilitator's first launch in a copied course offer to continue the
 * community of the course it was copied from: Moodle (get_course_history) and Canvas substitute
 * `$Context.id.history` with the course's copy chain, most recent first. A platform that does not
 * know a variable sends it as written: see `historyIds`.
 */
export const CUSTOM_PARAMETERS = {
  context_history: '$Context.id.history',
  // The launching user's time zone (LIS Person.address.timezone; Moodle and Canvas substitute it):
  // the default zone offered when a facilitator sets up a community (README, "Time zones").
  time_zone: '$Person.address.timezone',
} as const;

/** The ids of a history custom parameter ("a,b,c"), or [] when it was not substituted or is empty. */
export function historyIds(value: unknown): string[] {
  if (typeof value !== 'string' || value.startsWith('$')) return [];
  return value.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 20);
}

/** An IANA zone from the time zone custom parameter, or undefined (not substituted, Moodle's "99", unknown). */
export function launchZone(value: unknown): string | undefined {
  return isTimeZone(value) ? value : undefined;
}
