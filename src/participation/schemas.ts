import { z } from 'zod';
import { KINDS, rulesSchema } from './rules';
import { scalar } from '../content/forms';

/**
 * The settings form: the rules, and whether to save or only preview them. Points arrive as flat
 * fields (`pt_thread`…; the app parses forms without nesting); a checkbox after its hidden
 * "false" arrives as two values, the last one wins.
 */
export const settingsForm = z.preprocess(
  (raw) => {
    const body = (raw ?? {}) as Record<string, unknown>;
    const last = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
    const points = Object.fromEntries(KINDS.filter((k) => body[`pt_${k}`] !== undefined).map((k) => [k, body[`pt_${k}`]]));
    return { ...body, points, gradebook: last(body.gradebook), pdColumn: last(body.pdColumn) };
  },
  rulesSchema.extend({ action: z.enum(['preview', 'save'], { message: 'participation.errors.action' }).default('save') }),
);

/** A manual adjustment: points (may be negative, not zero) and a reason the member will read. */
export const adjustmentForm = z.object({
  points: scalar(z.coerce.number({ message: 'participation.errors.adjust_points' }).refine((n) => Number.isFinite(n) && n !== 0 && Math.abs(n) <= 1000, 'participation.errors.adjust_points')),
  reason: z.string({ message: 'participation.errors.reason' }).trim().min(3, 'participation.errors.reason').max(500, 'participation.errors.reason'),
});

/** A path id (membership, outbox row, cohort). */
export const idParam = scalar(z.coerce.number({ message: 'errors.not_found' }).int('errors.not_found').positive('errors.not_found').max(2 ** 53 - 1, 'errors.not_found'));

/** "Send now": every cohort of the community, or one. */
export const pushForm = z.object({
  cohort: z.preprocess((v) => (v === '' ? undefined : v), idParam.optional()),
});
