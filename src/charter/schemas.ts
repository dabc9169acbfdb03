import { z } from 'zod';
import { charterRulesSchema } from '../governance/schemas';
import { scalar } from '../content/forms';

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
export const versionParam = scalar(z.coerce.number().int().positive());
export const diffQuery = z.object({ from: scalar(z.coerce.number().int().positive()), to: scalar(z.coerce.number().int().positive()) });
