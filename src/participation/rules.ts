/**
 * Participation scoring rules: what each kind of contribution is worth, the minimum length for
 * a written contribution to count, the target and cap per period, and the optional "PD hours"
 * gradebook column. Stored in the community's settings under `participation` and read through
 * one zod schema, so a community that never saved rules gets the defaults.
 */
import { z } from 'zod';
import { scalar } from '../content/forms';

/** Kinds of contribution that earn points, in the order facilitators see them. */
export const KINDS = [
  'thread', 'reply', 'knowledge', 'riseAbove', 'journal', 'adaptation', 'resource', 'endorsementReceived',
  'problem', 'lead', 'acceptedSolution', 'introduction', 'vote', 'meeting', 'mentoringCheckin',
] as const;
export type Kind = (typeof KINDS)[number];

/** Kinds whose activity carries `data.length` (characters): the minimum length applies to them. */
export const WRITTEN_KINDS: ReadonlySet<Kind> = new Set(['thread', 'reply', 'knowledge', 'riseAbove', 'lead', 'journal', 'adaptation']);

/**
 * Defaults: a reply is the unit (2 points); what moves a community beyond "sharing" towards
 * "learning" and "solving" (knowledge-building notes, rise-above notes, accepted solutions) is
 * worth more (DESIGN.md stages). A course-long target of 30 points is about one contribution a
 * week over a 12-week professional-development course.
 */
export const DEFAULT_POINTS: Record<Kind, number> = {
  thread: 3, reply: 2, knowledge: 3, riseAbove: 5, resource: 2, endorsementReceived: 1,
  lead: 3, acceptedSolution: 5, vote: 1, meeting: 4, mentoringCheckin: 2,
  // Reflective practice (issue 19): a journal entry is reflection, an adaptation note is transfer
  // to one's own setting (learning), a help request opens the solving stage, an introduction is
  // the first step of identity.
  journal: 2, adaptation: 3, problem: 2, introduction: 1,
};

const points = scalar(z.coerce.number({ message: 'participation.errors.points' }).min(0, 'participation.errors.points').max(1000, 'participation.errors.points'));
const pointsShape = Object.fromEntries(KINDS.map((k) => [k, points.default(DEFAULT_POINTS[k])])) as Record<Kind, z.ZodDefault<typeof points>>;

/** The rules as stored and as edited (the settings form posts the same fields). */
export const rulesSchema = z.object({
  points: z.object(pointsShape).default({}),
  /** Characters a thread, reply, knowledge note, rise-above or lead needs to count (0 = any). */
  minLength: scalar(z.coerce.number({ message: 'participation.errors.min_length' }).int('participation.errors.min_length').min(0, 'participation.errors.min_length').max(10_000, 'participation.errors.min_length').default(80)),
  period: z.enum(['course', 'weekly'], { message: 'participation.errors.period' }).default('course'),
  /** Points to reach per period (the whole course, or each week). */
  target: scalar(z.coerce.number({ message: 'participation.errors.target' }).positive('participation.errors.target').max(100_000, 'participation.errors.target').default(30)),
  /** Most points a member can earn from contributions in one period (null: no cap). */
  cap: z.preprocess((v) => (v === '' || v === undefined ? null : v), scalar(z.coerce.number({ message: 'participation.errors.cap' }).positive('participation.errors.cap').max(100_000, 'participation.errors.cap').nullable())).default(null),
  /** Most points contributions can earn in any one week, whatever the period (null: no weekly cap): steady participation over bursts. */
  weeklyCap: z.preprocess((v) => (v === '' || v === undefined ? null : v), scalar(z.coerce.number({ message: 'participation.errors.cap' }).positive('participation.errors.cap').max(100_000, 'participation.errors.cap').nullable())).default(null),
  /** Weekly period: the first day of week 1 (YYYY-MM-DD) and the course length in weeks. */
  startDate: z.preprocess((v) => (v === '' ? null : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'participation.errors.start_date').nullable()).default(null),
  weeks: scalar(z.coerce.number({ message: 'participation.errors.weeks' }).int('participation.errors.weeks').min(1, 'participation.errors.weeks').max(104, 'participation.errors.weeks').default(12)),
  /** Send participation to the gradebook at all. */
  gradebook: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).default(true),
  /** A second gradebook column with PD hours; its maximum is the hour target. */
  pdColumn: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).default(false),
  pdTargetHours: scalar(z.coerce.number({ message: 'participation.errors.pd_target' }).positive('participation.errors.pd_target').max(1000, 'participation.errors.pd_target').default(30)),
});

export type Rules = z.infer<typeof rulesSchema>;

/** The rules a community uses: its saved ones, completed with the defaults (invalid ones fall back to defaults). */
export function rulesOf(settings: Record<string, unknown> | null | undefined): Rules {
  const parsed = rulesSchema.safeParse(settings?.participation ?? {});
  return parsed.success ? parsed.data : rulesSchema.parse({});
}

/** Activity verbs → the kind of contribution they are (agreed verbs, see the report). */
export const VERB_KIND: Readonly<Record<string, Kind>> = {
  'thread.create': 'thread',
  'post.reply': 'reply',
  'post.knowledge': 'knowledge',
  'post.rise_above': 'riseAbove',
  'resource.share': 'resource',
  'resource.endorse': 'endorsementReceived',
  'lead.create': 'lead',
  'solution.accept': 'acceptedSolution',
  'vote.cast': 'vote',
  'meeting.attended': 'meeting',
  'mentoring.checkin': 'mentoringCheckin',
  'journal.create': 'journal',
  'problem.create': 'problem',
  'onboarding.introduce': 'introduction',
};

/** The kind of an activity: a journal entry written from a resource or practice (`data.adaptation`) is an adaptation note. */
export function kindOf(verb: string, data?: Record<string, unknown> | null): Kind | undefined {
  const kind = VERB_KIND[verb];
  return kind === 'journal' && data?.adaptation ? 'adaptation' : kind;
}

/** Verbs that credit someone other than the actor: `data.authorMembershipId`, or the author's user id `data.authorId`. */
export const CREDIT_VERBS = ['resource.endorse', 'resource.unendorse', 'solution.accept'] as const;
/** Verbs that withdraw an earlier credit: a corrected attendance, a withdrawn endorsement, a deleted contribution. */
export const REVOKE_VERBS = ['meeting.attendance_revoked', 'resource.unendorse', 'post.delete', 'resource.delete', 'journal.delete'] as const;
/** Deletions: whoever deletes (the author or a moderator), the author's contribution stops counting. */
export const DELETE_VERBS = ['post.delete', 'resource.delete', 'journal.delete'] as const;
/** Every verb that may change someone's points. */
export const SCORING_VERBS: ReadonlySet<string> = new Set([...Object.keys(VERB_KIND), ...REVOKE_VERBS]);
