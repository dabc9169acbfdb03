import { z } from 'zod';
import { localToUtc } from '../content/time';
import { charterRulesSchema } from '../charter/schemas';
import type { OpenProposalInput } from './open';

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

type ProposalForm = { preview: true } | { preview: false; proposal: OpenProposalInput };

/**
 * The proposal form as the command takes it, or a preview (which writes nothing): the deadline
 * and a time poll's options are read in the member's zone, an amendment carries the charter's rules.
 */
export const proposalForm = (zone: string) =>
  z.record(z.string(), z.unknown()).transform((body, ctx): ProposalForm => {
    if (body.preview) return { preview: true };
    const refuse = (issues: Array<{ message: string; path?: (string | number)[] }>) => {
      for (const issue of issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message, path: issue.path ?? [] });
      return z.NEVER;
    };
    const parsed = openProposalSchema.safeParse(body);
    if (!parsed.success) return refuse(parsed.error.issues);
    const form = parsed.data;
    const deadline = localToUtc(form.deadline, zone);
    if (!deadline) return refuse([{ message: 'governance.errors.deadline_format', path: ['deadline'] }]);
    const times = [form.time1, form.time2, form.time3, form.time4, form.time5, form.time6].filter((x): x is string => Boolean(x));
    const options = form.pollMode === 'time' ? times.map((x) => localToUtc(x, zone)?.toISOString() ?? 'invalid') : form.options.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    if (options.includes('invalid')) return refuse([{ message: 'governance.errors.time_format', path: ['time1'] }]);
    const proposal: OpenProposalInput = { kind: form.kind, title: form.title, body: form.body, rule: form.rule, deadline, anonymous: form.anonymous, pollMode: form.pollMode, options };
    if (form.kind === 'amendment') {
      const rules = charterRulesSchema.safeParse(body);
      if (!rules.success) return refuse(rules.error.issues);
      proposal.amendment = { body: form.charterBody, rules: rules.data };
    }
    return { preview: false, proposal };
  });

/** A vote: `choice` (one) or `choice_<key>=on` checkboxes (multiple-choice polls), and a reason. */
export const voteSchema = z
  .record(z.string(), z.unknown())
  .transform((body) => {
    const choices = typeof body.choice === 'string' && body.choice ? [body.choice] : [];
    for (const [k, v] of Object.entries(body)) if (k.startsWith('choice_') && v === 'on') choices.push(k.slice('choice_'.length));
    return { choices, reason: typeof body.reason === 'string' ? body.reason.trim().slice(0, 5000) : '' };
  });
