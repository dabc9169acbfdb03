import { z } from 'zod';

/** The longest query the search box and its suggestions take. */
export const MAX_QUERY = 200;

/** Search as you type: a query that is not blank and not too long. */
export const suggestQuery = z.object({ q: z.string().refine((q) => q.trim() !== '' && q.length <= MAX_QUERY) });

/** Two tags to link (their slugs). */
export const pairForm = z.object({ a: z.string(), b: z.string() });

/** The tag whose link is removed (its slug). */
export const unpairForm = z.object({ tag: z.string() });
