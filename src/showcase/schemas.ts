import { z } from 'zod';
import { flag } from '../content/forms';
import { CONSENTS, SHOWCASE_TYPES } from './model';

/** The public address: lowercase letters, digits and hyphens, 3 to 64 characters. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/;

export const settingsSchema = z.object({
  slug: z.string({ message: 'showcase.errors.slug' }).trim().toLowerCase().regex(SLUG, 'showcase.errors.slug'),
  indexable: flag,
});

export const proposeSchema = z.object({
  type: z.enum(SHOWCASE_TYPES, { message: 'showcase.errors.type' }),
  id: z.coerce.number({ message: 'showcase.errors.type' }).int('showcase.errors.type').positive('showcase.errors.type').max(2 ** 31 - 1, 'showcase.errors.type'),
});

export const consentSchema = z.object({ answer: z.enum(CONSENTS, { message: 'showcase.errors.answer' }) });

/** The public pages' language: ?lang=, else the browser's. */
export const publicQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });
