import { z } from 'zod';
import { scalar } from '../content/forms';
import { localToUtc } from '../content/time';

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional().transform((v) => v || null);

/** Scheduling a meeting. `videoUrl`: any http(s) address (Teams, Zoom, Jitsi, BigBlueButton…). */
export const scheduleSchema = z
  .object({
    title: z.string().trim().min(3, 'meetings.errors.title_length').max(200, 'meetings.errors.title_length'),
    description: optionalText(20000, 'meetings.errors.description_length'),
    mode: z.enum(['in_person', 'remote'], { message: 'meetings.errors.mode' }),
    place: optionalText(500, 'meetings.errors.place_length'),
    videoUrl: z
      .string()
      .trim()
      .max(1024, 'meetings.errors.video_url')
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), 'meetings.errors.video_url'),
    startsAt: z.string().trim().regex(LOCAL_DATETIME, 'meetings.errors.starts_at'),
    durationMinutes: scalar(z.coerce.number({ message: 'meetings.errors.duration' }).int('meetings.errors.duration').min(15, 'meetings.errors.duration').max(720, 'meetings.errors.duration')),
    recurrence: z.enum(['none', 'weekly', 'monthly']).default('none'),
    occurrences: scalar(z.coerce.number().int().min(2, 'meetings.errors.occurrences').max(26, 'meetings.errors.occurrences').default(4)),
    topics: z.string().max(5000, 'meetings.errors.topics').default(''),
  })
  .passthrough()
  .refine((v) => v.mode !== 'in_person' || v.place, { message: 'meetings.errors.place_required', path: ['place'] })
  .refine((v) => v.mode !== 'remote' || v.videoUrl, { message: 'meetings.errors.video_url_required', path: ['videoUrl'] });

/**
 * The schedule form as the command takes it: the start read in the reader's zone, the agenda's
 * topics one per line, and the proposals and problems ticked (`agenda_proposal_<id>`, `agenda_problem_<id>`).
 */
export const scheduleForm = (zone: string) =>
  scheduleSchema.transform((v, ctx) => {
    const startsAt = localToUtc(v.startsAt, zone);
    if (!startsAt) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'meetings.errors.starts_at', path: ['startsAt'] });
      return z.NEVER;
    }
    const ticked = (prefix: string) => Object.keys(v).map((k) => new RegExp(`^${prefix}_(\\d+)$`).exec(k)?.[1]).filter((x): x is string => Boolean(x)).map(Number);
    const topics = v.topics.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 30);
    return { ...v, startsAt, timeZone: zone, topics, proposalIds: ticked('agenda_proposal'), problemIds: ticked('agenda_problem') };
  });

export const rsvpSchema = z.object({ response: z.enum(['yes', 'maybe', 'no'], { message: 'meetings.errors.rsvp' }) });
export const minutesSchema = z.object({ minutes: z.string().trim().min(1, 'meetings.errors.minutes_length').max(50000, 'meetings.errors.minutes_length') });
export const timeZoneSchema = z.object({ timeZone: z.string().trim().min(1).max(64) });

/** Attendance form: `status_<membershipId>` and `minutes_<membershipId>` for each row. */
export const attendanceSchema = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const rows: Array<{ membershipId: number; status: 'attended' | 'excused' | 'absent'; minutes: number | null }> = [];
  for (const [k, v] of Object.entries(body)) {
    const m = /^status_(\d+)$/.exec(k);
    if (!m) continue;
    // "Not recorded" writes nothing for that member (nobody is presumed absent).
    if (v === 'not_recorded') continue;
    if (v !== 'attended' && v !== 'excused' && v !== 'absent') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'meetings.errors.attendance_status', path: [k] });
      continue;
    }
    const raw = body[`minutes_${m[1]}`];
    const minutes = raw === undefined || raw === '' ? null : Number(raw);
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'meetings.errors.attendance_minutes', path: [`minutes_${m[1]}`] });
      continue;
    }
    rows.push({ membershipId: Number(m[1]), status: v, minutes });
  }
  return rows;
});

/** A meeting's recording: a resource id, or '' to unlink it. */
export const recordingSchema = z.object({
  resourceId: z
    .string({ invalid_type_error: 'meetings.errors.recording' })
    .regex(/^(\d{1,10})?$/, 'meetings.errors.recording')
    .transform((s) => (s ? Number(s) : null)),
});
