import { DateTime } from 'luxon';
import type { Transaction } from 'sequelize';
import { UserTimeZone } from './model';
import { DEFAULT_ZONE, pickZone } from './zone';
import { isTimeZone } from '../kernel/time-zones';
import { Community } from '../kernel/community';
import { localeOf } from './numbers';

/** Most members are in Québec and Ontario: Eastern time until they or their community choose another zone. */
export const DEFAULT_TIME_ZONE = DEFAULT_ZONE;

/** The zone the user chose for themselves, or null (they follow their community's zone). */
export async function ownTimeZone(userId: number, transaction?: Transaction): Promise<string | null> {
  const row = await UserTimeZone.findByPk(userId, { transaction });
  return row && isTimeZone(row.timeZone) ? row.timeZone : null;
}

/** A reader's zone outside a request (e-mails, digests): their own, else their community's, else the default. */
export async function readerZone(userId: number, communityId: number, transaction?: Transaction): Promise<string> {
  const [own, community] = await Promise.all([ownTimeZone(userId, transaction), Community.findByPk(communityId, { attributes: ['timeZone'], transaction })]);
  return pickZone(own, community?.timeZone);
}

/** Save a user's own time zone (upsert on the user id), or forget it (null: follow the community's zone). */
export async function setUserTimeZone(userId: number, zone: string | null, transaction: Transaction): Promise<void> {
  if (zone === null) await UserTimeZone.destroy({ where: { userId }, transaction });
  else await UserTimeZone.upsert({ userId, timeZone: zone }, { transaction });
}

/**
 * A `datetime-local` value ("2026-03-01T14:30") read as wall-clock time in `zone`. Returns null
 * for an invalid value or a time that does not exist in that zone (spring-forward gap).
 */
export function localToUtc(value: string, zone: string): Date | null {
  const dt = DateTime.fromISO(value, { zone });
  if (!dt.isValid) return null;
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== value.slice(0, 16)) return null;
  return dt.toJSDate();
}

/** The `datetime-local` value of an instant in a zone (to prefill forms). */
export function toLocalInput(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** An instant in the member's zone and language, e.g. "mardi 3 mars 2026, 14 h 30 (HNE)". */
export function formatInZone(date: Date, zone: string, lang: 'fr' | 'en'): string {
  // luxon writes UTC (its fixed-offset zone) with other spaces than Intl, and names no other zone: kept as it was.
  if (zone === 'UTC' || !isTimeZone(zone)) return DateTime.fromJSDate(date, { zone }).setLocale(localeOf(lang)).toLocaleString(IN_ZONE);
  // For a named zone luxon gives what Intl gives (checked over every zone of time-zones.ts), without
  // its DateTime objects and offset lookups: the community home writes a few of these per request.
  const key = `${lang}|${zone}`;
  let f = inZoneFormatters.get(key);
  if (!f) inZoneFormatters.set(key, (f = new Intl.DateTimeFormat(localeOf(lang), { ...IN_ZONE, timeZone: zone })));
  return f.format(date);
}

const IN_ZONE = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;
const inZoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** The end of a meeting: only the time when it ends the day it starts (in the member's zone), else the full date. */
export function formatEndInZone(start: Date, end: Date, zone: string, lang: 'fr' | 'en'): string {
  const a = DateTime.fromJSDate(start, { zone });
  const b = DateTime.fromJSDate(end, { zone }).setLocale(localeOf(lang));
  return a.hasSame(b, 'day') ? b.toLocaleString(DateTime.TIME_SIMPLE) : formatInZone(end, zone, lang);
}
