import { createEvents, type EventAttributes } from 'ics';
import type { Meeting, AgendaItem } from './model';

function utcParts(d: Date): [number, number, number, number, number] {
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/**
 * One VEVENT per meeting (RFC 5545, via the `ics` library). Times are in UTC so every calendar
 * shows them in its owner's zone; the UID is stable, so re-importing updates the event, and a
 * cancelled meeting goes out with STATUS:CANCELLED.
 */
export function meetingEvent(m: Meeting, agenda: AgendaItem[], opts: { host: string; meetingUrl: string; agendaLabel: string }): EventAttributes {
  const lines = [m.description ?? '', agenda.length ? `${opts.agendaLabel}:\n${agenda.map((a, i) => `${i + 1}. ${a.title}`).join('\n')}` : '', m.videoUrl ?? '', opts.meetingUrl];
  return {
    uid: `coper-meeting-${m.id}@${opts.host}`,
    start: utcParts(m.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: m.durationMinutes },
    title: m.title,
    description: lines.filter(Boolean).join('\n\n'),
    location: m.mode === 'in_person' ? (m.place ?? undefined) : (m.videoUrl ?? undefined),
    ...(m.videoUrl ? { url: m.videoUrl } : {}),
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  };
}

/** An iCalendar file for one or several meetings; throws if the library refuses the data. */
export function icsFile(events: EventAttributes[]): string {
  const { error, value } = createEvents(events, { productId: 'coper/meetings', calName: 'CoPeR' });
  if (error || !value) throw error ?? new Error('ics: empty calendar');
  return value;
}
