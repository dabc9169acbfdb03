import { z } from 'zod';
import { body, optional, parseWithTags, text, scalar, str } from '../content/forms';

/** Repeated form field (checkboxes) → distinct positive ids. */
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => [...new Set((Array.isArray(v) ? v : v ? [v] : []).filter((s) => /^\d{1,10}$/.test(s)).map(Number))]);

/** A problem request: the difficulty from practice, what was tried, what is needed; to whom. */
export const problemSchema = z
  .object({
    title: text(3, 200, 'content.errors.title_length'),
    context: body('problems.errors.context'),
    tried: body('problems.errors.tried'),
    needed: body('problems.errors.needed'),
    tags: optional(400, 'content.errors.tag_length'),
    audience: z.enum(['community', 'chosen'], { message: 'problems.errors.audience' }).default('community'),
    to: ids,
  })
  .refine((p) => p.audience === 'community' || p.to.length > 0, { message: 'problems.errors.no_addressee', path: ['to'] })
  .refine((p) => p.to.length <= 20, { message: 'problems.errors.too_many_addressees', path: ['to'] });

export type ProblemForm = z.infer<typeof problemSchema>;

/**
 * The new-request form with its tags parsed: a tag error replaces the field's other message
 * (one message per field, the tags' being the one to fix).
 */
export const newProblemSchema = z.unknown().transform((raw, ctx) => {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const { data, tags, issues } = parseWithTags(problemSchema, input, { tags: str(input.tags) });
  if (!data || issues.length) {
    for (const issue of issues) ctx.addIssue(issue);
    return z.NEVER;
  }
  return { form: data, tags: tags.tags };
});

/** A solution lead. */
export const leadSchema = z.object({ body: body() });

/** What the author finally did. */
export const resolveSchema = z.object({ resolution: body('problems.errors.resolution') });

/** Archive or reopen. */
export const statusSchema = z.object({ status: z.enum(['archived', 'open'], { message: 'problems.errors.status' }) });

export const toggleSchema = z.object({ on: z.enum(['0', '1'], { message: 'errors.invalid_input' }).transform((v) => v === '1') });

/** The problems list's filters. */
export const listQuery = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['open', 'in_progress', 'solved', 'archived', 'unanswered', 'mine', 'to_me'], { message: 'problems.errors.status' }).optional()),
  tag: z.string().max(64).optional(),
  page: z.preprocess((v) => (v === '' ? undefined : v), scalar(z.coerce.number().int().min(1).max(10_000).default(1))),
});
