import { z } from 'zod';
import { scalar } from '../content/forms';

/** Statuses the members page lists (`removed` is never listed). */
export const MEMBER_STATUSES = ['active', 'invited', 'inactive'] as const;
export type ListedStatus = (typeof MEMBER_STATUSES)[number];

/** Query of the members page: which status to list, which page. */
export const membersQuery = z.object({
  status: z.enum(MEMBER_STATUSES, { message: 'members.invalid_status' }).default('active'),
  page: scalar(z.coerce.number({ message: 'members.invalid_page' }).int('members.invalid_page').min(1, 'members.invalid_page').max(100_000, 'members.invalid_page').default(1)),
});
