import { z } from 'zod';
import { body, optional, text, scalar } from '../content/forms';

const id = (key: string) => scalar(z.coerce.number({ message: key }).int(key).positive(key));

/** Ask for a mentor (a facilitator also names the mentee). */
export const requestSchema = z.object({
  mentor: id('mentoring.errors.mentor'),
  mentee: z.preprocess((v) => (v === '' ? undefined : v), id('mentoring.errors.mentee').optional()),
  message: optional(2000, 'mentoring.errors.message'),
});

export const messageSchema = z.object({ body: body() });
export const goalSchema = z.object({ title: text(2, 200, 'mentoring.errors.goal') });
export const checkinSchema = z.object({ note: body('mentoring.errors.checkin') });
export const toggleSchema = z.object({ on: z.enum(['0', '1'], { message: 'errors.invalid_input' }).transform((v) => v === '1') });
/** Mark a goal done or open: the toggle, with the goal's id from the address (read by the route). */
export const goalToggleSchema = toggleSchema.extend({ goalId: z.number().int().positive() });
/** Actions without a form field (accept, decline, close). */
export const noInput = z.object({});
