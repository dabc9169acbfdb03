import { z } from 'zod';
import { periodQuery } from './period';
import { TABLE_IDS } from './tables';

export { periodQuery };

/** The CSV export: which table, for the same period and cohort as the page. */
export const exportQuery = periodQuery.and(z.object({ table: z.enum(TABLE_IDS, { message: 'analytics.errors.table' }) }));
