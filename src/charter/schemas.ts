import { z } from 'zod';
import { scalar } from '../content/forms';
import { DECISION_RULES, type DecisionRule } from './model';

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

/** The charter's decision-rules section, from checkboxes `rule_<name>` and a quorum percent. */
export const charterRulesSchema = z
  .object({
    rule_consent: checkbox.optional(),
    rule_consensus: checkbox.optional(),
    rule_majority: checkbox.optional(),
    rule_poll: checkbox.optional(),
    quorum: scalar(z.coerce.number({ message: 'charter.errors.quorum' }).int('charter.errors.quorum').min(1, 'charter.errors.quorum').max(100, 'charter.errors.quorum').default(50)),
    erasure: scalar(z.enum(['choice', 'keep'], { message: 'charter.errors.erasure' }).default('choice')),
  })
  .transform((v) => ({ rules: DECISION_RULES.filter((r) => v[`rule_${r}` as const]) as DecisionRule[], quorum: v.quorum, ...(v.erasure === 'keep' ? { erasure: 'keep' as const } : {}) }))
  .refine((v) => v.rules.length > 0, { message: 'charter.errors.rules_required', path: ['rules'] });

/** The first version of a charter, drafted by a facilitator. */
export const draftCharterSchema = z
  .object({ body: z.string().trim().min(20, 'charter.errors.body_length').max(50000, 'charter.errors.body_length') })
  .passthrough()
  .transform((v, ctx) => {
    const rules = charterRulesSchema.safeParse(v);
    if (!rules.success) {
      for (const issue of rules.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { body: v.body, rules: rules.data };
  });

export const acknowledgeSchema = z.object({ version: scalar(z.coerce.number().int().positive()) });
export const diffQuery = z.object({ from: scalar(z.coerce.number().int().positive()), to: scalar(z.coerce.number().int().positive()) });
