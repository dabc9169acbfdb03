import { z } from 'zod';
import { body, optional } from '../content/forms';
import { STORY_CYCLES } from './model';

/** Longest story: a short account, not an article. */
export const STORY_MAX = 5000;

/** A value story: the cycle it shows, the account, an optional figure as evidence. */
export const storySchema = z.object({
  cycle: z.enum(STORY_CYCLES, { message: 'stories.errors.cycle' }),
  body: body('stories.errors.body').pipe(z.string().max(STORY_MAX, 'stories.errors.body')),
  evidence: optional(200, 'stories.errors.evidence'),
});
export type StoryInput = z.infer<typeof storySchema>;

/** The community page's filter: one cycle, or all. */
export const storyListQuery = z.object({
  cycle: z.preprocess((v) => (v === '' ? undefined : v), z.enum(STORY_CYCLES, { message: 'stories.errors.cycle' }).optional()),
});

/** A facilitator's prompt: the "I tried it" mark it follows up. */
export const promptSchema = z.object({ reaction: z.coerce.number({ message: 'stories.errors.prompt' }).int('stories.errors.prompt').positive('stories.errors.prompt').max(2 ** 31 - 1, 'stories.errors.prompt') });

/** What the form's file field left: nothing, a refusal (too large, wrong type...), or a checked file. */
export type EvidenceCheck = null | { ok: false; error: string } | { ok: true; name: string; mime: string; buffer: Buffer };

/** The story form with its optional evidence file, checked by the route before it reaches the schema. */
export const storyForm = storySchema.extend({
  file: z.custom<EvidenceCheck>().superRefine((file, ctx) => {
    if (file && !file.ok) ctx.addIssue({ code: 'custom', message: file.error });
  }),
});
