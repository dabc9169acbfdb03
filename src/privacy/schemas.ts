import { z } from 'zod';

/** The erasure request form: what becomes of the contributions, and an explicit confirmation. */
export const erasureSchema = z.object({
  contributions: z.enum(['keep', 'remove'], { message: 'privacy.errors.contributions' }),
  confirm: z.literal('yes', { message: 'privacy.errors.confirm' }),
});

/** The export id in /my-data/exports/:exportId. */
export const exportParam = z.object({ exportId: z.coerce.number({ message: 'errors.not_found' }).int().positive().max(2_147_483_647) });

/** The request id in /my-data/requests/:requestId/confirm. */
export const requestParam = z.object({ requestId: z.coerce.number().int().positive().max(2_147_483_647) });
