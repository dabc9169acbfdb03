/**
 * The IANA time zones the runtime knows: the one check for a zone a member or a community
 * chooses, or a launch sends (the time zone custom parameter). Which zone a reader sees is
 * decided in src/content/zone.ts.
 */
const ZONES = new Set(Intl.supportedValuesOf('timeZone'));
ZONES.add('UTC');

/** Every IANA zone the runtime knows, for the forms that choose one. */
export function timeZones(): string[] {
  return [...ZONES].sort();
}

export function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && ZONES.has(zone);
}
