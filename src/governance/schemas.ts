import { z } from 'zod';
import { scalar } from '../content/forms';

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());
const localDateTime = (message: string) => z.string().trim().regex(LOCAL_DATETIME, message);
const optionalLocal = z.string().trim().optional().transform((v) => (v ? v : undefined)).pipe(localDateTime('governance.errors.time_format').optional());

/** Opening a proposal (the route adds the deadline's time zone and the charter's rules). */
export const openProposalSchema = z.object({
  kind: z.enum(['decision', 'amendment', 'poll'], { message: 'governance.errors.kind' }),
  title: z.string().trim().min(3, 'governance.errors.title_length').max(200, 'governance.errors.title_length'),
  body: z.string().trim().max(20000, 'governance.errors.body_length').default(''),
  rule: z.enum(['consent', 'consensus', 'majority', 'poll'], { message: 'governance.errors.rule' }),
  deadline: localDateTime('governance.errors.deadline_format'),
  anonymous: checkbox.default(false),
  pollMode: z.enum(['single', 'multiple', 'time']).optional(),
  options: z.string().max(5000).default(''),
  time1: optionalLocal,
  time2: optionalLocal,
  time3: optionalLocal,
  time4: optionalLocal,
  time5: optionalLocal,
  time6: optionalLocal,
  charterBody: z.string().trim().max(50000, 'charter.errors.body_length').default(''),
});
export type OpenProposalForm = z.infer<typeof openProposalSchema>;

/** A vote: `choice` (one) or `choice_<key>=on` checkboxes (multiple-choice polls), and a reason. */
export const voteSchema = z
  .record(z.string(), z.unknown())
  .transform((body) => {
    const choices = typeof body.choice === 'string' && body.choice ? [body.choice] : [];
    for (const [k, v] of Object.entries(body)) if (k.startsWith('choice_') && v === 'on') choices.push(k.slice('choice_'.length));
    return { choices, reason: typeof body.reason === 'string' ? body.reason.trim().slice(0, 5000) : '' };
  });

export const idParam = scalar(z.coerce.number().int().positive());
