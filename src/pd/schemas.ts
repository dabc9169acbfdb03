import { z } from 'zod';
import { PD_CATEGORIES } from './categories';
import { scalar } from '../content/forms';

const hoursField = scalar(z.coerce.number({ message: 'pd.errors.hours' }).positive('pd.errors.hours').max(200, 'pd.errors.hours').refine((h) => Number.isFinite(h), 'pd.errors.hours'));
const dateField = z.string({ message: 'pd.errors.date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'pd.errors.date').refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && d >= '2000-01-01' && d <= '2100-12-31', 'pd.errors.date');
const url = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(1024, 'pd.errors.url').url('pd.errors.url').refine((u) => /^https?:\/\//i.test(u), 'pd.errors.url').optional());

/** A declared activity (or a facilitator's manual entry): hours become minutes. */
export const entryForm = z
  .object({
    category: z.enum(PD_CATEGORIES, { message: 'pd.errors.category' }),
    date: dateField,
    hours: hoursField,
    title: z.string({ message: 'pd.errors.title' }).trim().min(3, 'pd.errors.title').max(255, 'pd.errors.title'),
    description: z.string().trim().max(5000, 'pd.errors.description').optional().default(''),
    evidenceUrl: url,
  })
  .transform(({ hours, ...rest }) => ({ ...rest, minutes: Math.round(hours * 60) }));

/** A facilitator's manual entry names the member. */
export const manualForm = z.object({ member: scalar(z.coerce.number({ message: 'pd.errors.member' }).int('pd.errors.member').positive('pd.errors.member')) }).passthrough();

/** The whole manual entry: the member is checked first, then the entry's fields (their errors only once the member is valid). */
export const manualEntryForm = manualForm.pipe(entryForm.and(z.object({ member: z.number() })));

/** Approve, or return with a note saying what to change. */
export const reviewForm = z
  .object({
    decision: z.enum(['approve', 'return'], { message: 'pd.errors.decision' }),
    note: z.string().trim().max(1000, 'pd.errors.note').optional().default(''),
  })
  .refine((v) => v.decision === 'approve' || v.note.length >= 3, { message: 'pd.errors.note_required', path: ['note'] });

/** Withdrawing a line needs a reason (the ledger keeps it). */
export const withdrawForm = z.object({ reason: z.string({ message: 'pd.errors.reason' }).trim().min(3, 'pd.errors.reason').max(1000, 'pd.errors.reason') });

/** Transcript and report filters: a cycle key (`2025-2027`), a language for the PDF. */
export const transcriptQuery = z.object({
  cycle: z.string().regex(/^\d{4}-\d{4}$/, 'pd.errors.cycle').optional(),
  lang: z.enum(['fr', 'en']).optional(),
});

/** The institution report's filters. */
export const reportQuery = z.object({
  cycle: z.string().regex(/^\d{4}-\d{4}$/, 'pd.errors.cycle').optional(),
  category: z.enum(PD_CATEGORIES, { message: 'pd.errors.category' }).optional(),
});
