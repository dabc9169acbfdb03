import { z } from 'zod';
import { body, optional, text } from '../content/forms';
import { RESOURCE_VISIBILITIES } from '../resources/model';

/** Chosen members: membership ids from repeated checkboxes (at most 50). */
const memberIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^\d{1,10}$/, 'video.errors.members')).max(50, 'video.errors.members'))
  .transform((ids) => [...new Set(ids.map(Number))]);

/** Share a video clip: what a resource has, who sees it, and the owner's confirmation that consent was obtained. */
export const clipSchema = z
  .object({
    title: text(3, 200, 'content.errors.title_length'),
    description: body('resources.errors.description'),
    audience: optional(120, 'resources.errors.audience'),
    tags: optional(400, 'content.errors.tag_length'),
    visibility: z.enum(RESOURCE_VISIBILITIES as [string, ...string[]], { errorMap: () => ({ message: 'video.errors.visibility' }) }),
    members: memberIds,
    consent: z.literal('1', { errorMap: () => ({ message: 'video.errors.consent' }) }),
  })
  .refine((v) => v.visibility !== 'members' || v.members.length > 0, { message: 'video.errors.members_none', path: ['members'] });

/** A moment of a clip: "2:35", "02:35", "1:02:35" or plain seconds. */
export const moment = z
  .string({ required_error: 'video.errors.moment', invalid_type_error: 'video.errors.moment' })
  .trim()
  .regex(/^(?:(\d{1,2}):)?(?:(\d{1,3}):)?(\d{1,5})$/, 'video.errors.moment')
  .transform((s) => s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0))
  .pipe(z.number().int().min(0, 'video.errors.moment').max(24 * 3600, 'video.errors.moment'));

export const timeCommentSchema = z.object({ at: moment, body: body() });
export const replySchema = z.object({ body: body() });
export const captionLangSchema = z.object({ lang: z.enum(['fr', 'en'], { errorMap: () => ({ message: 'video.errors.lang' }) }) });

/** "2:35" or "1:02:35" for a number of seconds. */
export function formatMoment(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
