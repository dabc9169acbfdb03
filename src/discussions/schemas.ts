import { FLAG_REASONS } from './flag-model';
import { z } from 'zod';
import { body, flag, optional, optionalId, text } from '../content/forms';
import { REACTION_KINDS } from './model';

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
