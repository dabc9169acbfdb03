import { z } from 'zod';

/** The language of a downloaded report (an institution may file it in the other language); the reader's by default. */
export const exportLang = z.object({ lang: z.enum(['fr', 'en'], { message: 'value.errors.lang' }).optional() });
