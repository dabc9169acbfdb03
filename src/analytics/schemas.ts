import { z } from 'zod';
import { periodQuery } from './period';
import { TABLE_IDS } from './tables';
import { scalar } from '../content/forms';

export { periodQuery };

/** The CSV export: which table, for the same period and cohort as the page. */
export const exportQuery = periodQuery.and(z.object({ table: z.enum(TABLE_IDS, { message: 'analytics.errors.table' }) }));

/** A membership id in the URL (anything else is a 404, like a membership of another community). */
export const membershipParam = scalar(z.coerce.number({ message: 'errors.not_found' }).int('errors.not_found').positive('errors.not_found').max(2 ** 31 - 1, 'errors.not_found'));
