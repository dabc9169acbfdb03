import { z } from 'zod';

/** A to-do entry's key (kind:id[:…]) and what to do with it. */
export const setAsideForm = z.object({
  key: z.string().regex(/^[a-z]+(:[a-z0-9]+){1,3}$/).max(64),
  how: z.enum(['done', 'snooze']),
});
