import { z } from 'zod';
import { body, optional, text } from '../content/forms';

/** "thread:12" or "resource:3": what an adaptation note transposes. */
export const sourceRef = z
  .string()
  .trim()
  .optional()
  .transform((s) => {
    const m = s ? /^(thread|resource):(\d{1,10})$/.exec(s) : null;
    return m ? { type: m[1] as 'thread' | 'resource', id: Number(m[2]) } : null;
  });

/** A practice-journal entry: reflective text, public to the community or private. */
export const entrySchema = z.object({
  title: text(3, 200, 'content.errors.title_length'),
  body: body(),
  visibility: z.enum(['community', 'private'], { message: 'journal.errors.visibility' }),
  tags: optional(400, 'content.errors.tag_length'),
  source: sourceRef,
});

export const journalCommentSchema = z.object({ body: body() });
