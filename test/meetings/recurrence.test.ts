import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { occurrenceStarts } from '../../src/meetings/recurrence';
import { localToUtc, formatInZone } from '../../src/content/time';
import { meetingPolicy } from '../../src/meetings/policy';

describe('meeting times (pure)', () => {
  it('keeps a weekly meeting at the same wall-clock time across the daylight-saving change', () => {
    const first = localToUtc('2026-10-22T14:00', 'America/Toronto')!; // EDT (UTC-4)
    const starts = occurrenceStarts(first, 'America/Toronto', 'weekly', 3);
    assert.deepEqual(starts.map((d) => d.toISOString()), ['2026-10-22T18:00:00.000Z', '2026-10-29T18:00:00.000Z', '2026-11-05T19:00:00.000Z']);
    assert.ok(starts.every((d) => DateTime.fromJSDate(d, { zone: 'America/Toronto' }).hour === 14));
  });

  it('generates monthly occurrences and a single one without recurrence', () => {
    const first = localToUtc('2027-01-15T09:30', 'Europe/Paris')!;
    const starts = occurrenceStarts(first, 'Europe/Paris', 'monthly', 4);
    assert.deepEqual(starts.map((d) => DateTime.fromJSDate(d, { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd HH:mm')), ['2027-01-15 09:30', '2027-02-15 09:30', '2027-03-15 09:30', '2027-04-15 09:30']);
    assert.deepEqual(occurrenceStarts(first, 'Europe/Paris', 'none', 4), [first]);
  });

  it('reads form times in the member’s zone and refuses times that do not exist there', () => {
    assert.equal(localToUtc('2026-07-01T10:00', 'America/Vancouver')!.toISOString(), '2026-07-01T17:00:00.000Z');
    assert.equal(localToUtc('2027-03-14T02:30', 'America/Toronto'), null, 'spring-forward gap');
    assert.equal(localToUtc('not a date', 'America/Toronto'), null);
  });

  it('shows an instant in the member’s zone and language', () => {
    const d = new Date('2026-12-01T15:00:00Z');
    assert.match(formatInZone(d, 'America/Toronto', 'fr'), /10 h 00/);
    assert.match(formatInZone(d, 'America/Vancouver', 'en'), /7:00/);
  });

  it('opens check-in 15 minutes before the start until the end, for members only', () => {
    const m = { createdBy: 1, status: 'scheduled', startsAt: new Date('2026-12-01T15:00:00Z'), durationMinutes: 60 };
    const at = (iso: string) => new Date(iso);
    assert.equal(meetingPolicy.checkIn({ role: 'member' }, m, at('2026-12-01T14:44:00Z')), false);
    assert.equal(meetingPolicy.checkIn({ role: 'member' }, m, at('2026-12-01T14:45:00Z')), true);
    assert.equal(meetingPolicy.checkIn({ role: 'member' }, m, at('2026-12-01T16:00:00Z')), true);
    assert.equal(meetingPolicy.checkIn({ role: 'member' }, m, at('2026-12-01T16:00:01Z')), false);
    assert.equal(meetingPolicy.checkIn({ role: 'observer' }, m, at('2026-12-01T15:10:00Z')), false);
    assert.equal(meetingPolicy.checkIn({ role: 'member' }, { ...m, status: 'cancelled' }, at('2026-12-01T15:10:00Z')), false);
    assert.equal(meetingPolicy.confirmAttendance({ role: 'member' }, m, at('2026-12-01T16:30:00Z')), false);
    assert.equal(meetingPolicy.confirmAttendance({ role: 'facilitator' }, m, at('2026-12-01T16:30:00Z')), true);
    assert.equal(meetingPolicy.manage({ role: 'member' }, m, 1), true, 'the person who scheduled it');
    assert.equal(meetingPolicy.manage({ role: 'member' }, m, 2), false);
  });
});
