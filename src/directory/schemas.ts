import { z } from 'zod';
import { EXPERIENCES } from '../profiles/model';
import { tagSlug } from '../content/tags';
import { scalar } from '../content/forms';

const blank = (v: unknown) => (v === '' || v === undefined ? undefined : v);

/** The directory's filters and the who-can-help topic (bad filter values are a 400, not a silent empty list). */
export const directoryQuery = z.object({
  tag: z.preprocess(blank, z.string().max(64).transform(tagSlug).optional()),
  experience: z.preprocess(blank, z.enum(EXPERIENCES as ['newcomer', 'experienced'], { message: 'directory.errors.filter' }).optional()),
  cohort: z.preprocess(blank, scalar(z.coerce.number({ message: 'directory.errors.filter' }).int().positive('directory.errors.filter').optional())),
  role: z.preprocess(blank, z.enum(['facilitator', 'mentor', 'member', 'observer'], { message: 'directory.errors.filter' }).optional()),
  q: z.preprocess(blank, z.string().trim().max(100, 'directory.errors.filter').optional()),
  help: z.preprocess(blank, z.string().trim().max(64, 'directory.errors.filter').optional()),
  page: z.preprocess(blank, scalar(z.coerce.number().int().min(1).max(10_000).default(1))),
});

export type DirectoryQuery = z.infer<typeof directoryQuery>;
