import { z } from 'zod';
import { DELIVERIES, FACILITATOR_DELIVERIES, NOTIFICATION_KINDS, FACILITATOR_DIGEST, isUnsubscribeTarget } from './kinds';
import { scalar } from '../content/forms';

/** `?page=` of the notifications page. */
export const pageSchema = z.object({
  page: scalar(z.coerce.number({ invalid_type_error: 'notifications.errors.page' }).int('notifications.errors.page').min(1, 'notifications.errors.page').max(10_000, 'notifications.errors.page').default(1)),
});

const field = (key: string) => `p.${key}`;

/**
 * The preferences form: one `p.<kind>` field per kind, every one required and one of the
 * deliveries; `p.digest.facilitator` for facilitators. Anything else is a 400 and nothing is written.
 */
export function preferencesSchema(withFacilitatorDigest: boolean) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const kind of NOTIFICATION_KINDS) shape[field(kind)] = z.enum(DELIVERIES, { errorMap: () => ({ message: 'notifications.errors.delivery' }) });
  if (withFacilitatorDigest) shape[field(FACILITATOR_DIGEST)] = z.enum(FACILITATOR_DELIVERIES, { errorMap: () => ({ message: 'notifications.errors.delivery' }) });
  return z.object(shape).transform((v) => Object.fromEntries(Object.entries(v).map(([k, d]) => [k.slice(2), d])));
}

export const preferenceField = field;

/** An unsubscribe link's parameters (query on GET; query or body on POST, RFC 8058 one-click). */
export const unsubscribeSchema = z.object({
  m: scalar(z.coerce.number().int().positive().max(2_147_483_647)),
  k: z.string().max(40).refine(isUnsubscribeTarget),
  sig: z.string().min(20).max(100),
});
