import { RRule } from 'rrule';
import { DateTime } from 'luxon';
import type { Recurrence } from './model';

/**
 * The start instants of a recurring meeting, computed with rrule on wall-clock time in the
 * meeting's zone and converted back with luxon — so a weekly 14:00 meeting stays at 14:00
 * across daylight-saving changes (rrule on UTC would shift it by an hour). A monthly meeting on
 * the 31st skips the months that have none (RFC 5545 behaviour).
 */
export function occurrenceStarts(first: Date, zone: string, recurrence: Recurrence, count: number): Date[] {
  if (recurrence === 'none') return [first];
  const local = DateTime.fromJSDate(first, { zone });
  // "Floating" time: the local wall-clock components stored as if they were UTC.
  const dtstart = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute));
  const rule = new RRule({ freq: recurrence === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY, count, dtstart });
  return rule.all().map((d) =>
    DateTime.fromObject(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() },
      { zone },
    ).toJSDate(),
  );
}
