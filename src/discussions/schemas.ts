import { FLAG_REASONS } from './flag-model';
import { z } from 'zod';
import { body, flag, optional, optionalId, parsedTags, text } from '../content/forms';
import { Op } from 'sequelize';
import type { Actor } from '../kernel/actor';
import { REACTION_KINDS, Thread, type Post } from './model';
import { validScaffold } from './reply-form';
import { RISE_ABOVE_MIN, RISE_ABOVE_MAX } from './rise-above';
import { MAX_SCAFFOLDS, type ScaffoldInput } from './scaffolds';

export const THREAD_KINDS = ['discussion', 'knowledge'] as const;

/** Start a discussion or knowledge-building thread. */
export const threadSchema = z.object({
  kind: z.enum(THREAD_KINDS, { message: 'discussions.errors.kind' }),
  title: text(3, 200, 'content.errors.title_length'),
  body: body(),
  tags: optional(400, 'content.errors.tag_length'),
  scaffold: optional(40, 'discussions.errors.scaffold'),
});

/** Reply (optionally to a post: nested one level), or a knowledge contribution with its scaffold. */
export const replySchema = z.object({
  body: body(),
  parent: optionalId,
  scaffold: optional(40, 'discussions.errors.scaffold'),
});

/** Edit a post (title only for an opening post). */
export const editPostSchema = z.object({
  body: body(),
  title: text(3, 200, 'content.errors.title_length').optional(),
  scaffold: optional(40, 'discussions.errors.scaffold'),
});

export const reactionSchema = z.object({
  kind: z.enum(REACTION_KINDS as [string, ...string[]], { message: 'discussions.errors.reaction' }),
  on: flag,
});

export const toggleSchema = z.object({ on: flag, reason: optional(500, 'discussions.errors.reason_length') });

/** Hiding and restoring need a reason: it goes to the audit trail. */
export const reasonSchema = z.object({ reason: text(3, 500, 'discussions.errors.reason_length') });

export const moveSchema = z.object({
  reason: text(3, 500, 'discussions.errors.reason_length'),
  target: z.string({ required_error: 'discussions.errors.move_target' }).regex(/^\d{1,10}$/, 'discussions.errors.move_target').transform(Number),
});

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).filter((s) => /^\d{1,10}$/.test(s)).map(Number));

export const riseAboveSchema = z.object({
  body: body(),
  targets: ids,
  scaffold: optional(40, 'discussions.errors.scaffold'),
});

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]));

/** The scaffold editor posts parallel lists: key[], label_fr[], label_en[], state[] (active | archived). */
export const scaffoldsSchema = z.object({ key: list, label_fr: list, label_en: list, state: list });

/** A member's flag on a post: why (one of FLAG_REASONS) and an optional note for the facilitators. */
export const flagSchema = z.object({
  reason: z.enum(FLAG_REASONS, { message: 'discussions.errors.flag_reason' }),
  note: optional(500, 'discussions.errors.flag_note'),
});

/** Dismissing a flag (the post stays): the reason goes to the audit trail. */
export const dismissSchema = reasonSchema;

/** The tags field as typed ("a, b; c"), parsed into the thread's tags. */
const tagsField = threadSchema.shape.tags.transform(parsedTags);

/**
 * A form's scaffold, once the rest is valid: one the community offers (or none), checked only where
 * `applies` (knowledge building); elsewhere it is `otherwise`.
 */
function knownScaffold<T extends { scaffold?: string }, O>(actor: Actor, applies: (v: T) => boolean, otherwise: O) {
  return async (v: T, ctx: z.RefinementCtx) => {
    const scaffold = applies(v) ? await validScaffold(actor, v.scaffold) : otherwise;
    if (scaffold === false) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['scaffold'], message: 'discussions.errors.scaffold' });
      return z.NEVER;
    }
    return { ...v, scaffold };
  };
}

/** A new thread: its tags parsed, a knowledge-building thread's scaffold one the community offers. */
export const newThreadForm = (actor: Actor) => threadSchema.extend({ tags: tagsField }).transform(knownScaffold(actor, (v) => v.kind === 'knowledge', null));

/** A reply in a thread (a knowledge contribution's scaffold one the community offers). */
export const replyForm = (actor: Actor, thread: Thread) => replySchema.transform(knownScaffold(actor, () => thread.kind === 'knowledge', null));

/** A post's edit: the title only for an opening post (ignored otherwise), the scaffold in knowledge building. */
export const editPostForm = (actor: Actor, { thread, post }: { thread: Thread; post: Post }) =>
  z
    .preprocess((v) => ({ ...(v as object), title: post.id === thread.firstPostId ? (v as { title?: unknown }).title : undefined }), editPostSchema)
    .transform(knownScaffold(actor, () => thread.kind === 'knowledge', undefined));

/** Moving a post: the target is another conversation of the community. */
export const moveForm = (actor: Actor, thread: Thread) =>
  moveSchema.transform(async (v, ctx) => {
    const target = await Thread.findOne({ where: { id: v.target, communityId: actor.communityId, kind: { [Op.in]: ['discussion', 'knowledge'] } } });
    if (!target || target.id === thread.id) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['target'], message: 'discussions.errors.move_target' });
      return z.NEVER;
    }
    return { reason: v.reason, target };
  });

/** The posts a rise-above note synthesizes, as chosen (none when the field is unreadable). */
export function chosenTargets(v: unknown): number[] {
  const parsed = ids.safeParse(v);
  return parsed.success ? parsed.data : [];
}

/** A rise-above note: between RISE_ABOVE_MIN and RISE_ABOVE_MAX contributions, a scaffold the community offers. */
export const riseAboveForm = (actor: Actor) =>
  riseAboveSchema.transform(async (v, ctx) => {
    if (v.targets.length < RISE_ABOVE_MIN || v.targets.length > RISE_ABOVE_MAX) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['targets'], message: 'discussions.errors.rise_above_count' });
    const scaffold = await validScaffold(actor, v.scaffold);
    if (scaffold === false) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['scaffold'], message: 'discussions.errors.scaffold' });
    return { ...v, scaffold: scaffold || null };
  });

/** A problem of the scaffold editor's form: the row (or the whole form) and its message. */
export interface ScaffoldProblem {
  field: string;
  message: string;
  params?: Record<string, number>;
}

/**
 * The scaffold editor's rows from its parallel lists (blank rows dropped), and what is wrong with
 * them: a row needs both labels (80 characters at most), the set at least one active scaffold and
 * at most MAX_SCAFFOLDS (the last rule broken is the one shown).
 */
export function scaffoldRows(form: z.output<typeof scaffoldsSchema>): { rows: ScaffoldInput[]; problems: ScaffoldProblem[] } {
  const rows: ScaffoldInput[] = [];
  const problems: ScaffoldProblem[] = [];
  form.label_fr.forEach((fr, i) => {
    const labelFr = fr.trim();
    const labelEn = (form.label_en[i] ?? '').trim();
    if (!labelFr && !labelEn) return;
    if (!labelFr || !labelEn || labelFr.length > 80 || labelEn.length > 80) problems.push({ field: `row${i}`, message: 'discussions.errors.scaffold_labels' });
    rows.push({ key: form.key[i] || undefined, labelFr, labelEn, active: form.state[i] !== 'archived' });
  });
  const active = rows.filter((s) => s.active).length;
  const tooMany = rows.length > MAX_SCAFFOLDS + 6 || active > MAX_SCAFFOLDS;
  if (tooMany) problems.push({ field: 'form', message: 'discussions.errors.scaffold_many', params: { max: MAX_SCAFFOLDS } });
  else if (active === 0) problems.push({ field: 'form', message: 'discussions.errors.scaffold_none' });
  return { rows, problems };
}

/** The scaffold editor's form: its rows, refused with every problem found. */
export const scaffoldsForm = scaffoldsSchema.transform((form, ctx) => {
  const { rows, problems } = scaffoldRows(form);
  for (const p of problems) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [p.field], message: p.message });
  return rows;
});

/** The rows and problems of a refused scaffold form, as sent (a malformed form is refused outright). */
export const refusedScaffolds = (values: unknown) => scaffoldRows(scaffoldsSchema.parse(values));
