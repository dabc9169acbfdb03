import { z } from 'zod';
import { body, optional, parsedTags, text } from '../content/forms';
import type { Actor } from '../kernel/actor';
import { adaptationSource } from './service';

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

/** The tags field as typed ("a, b; c"), parsed into the entry's tags. */
const tagsField = entrySchema.shape.tags.transform(parsedTags);

/** The form of a new entry: its tags parsed, and its source one the actor may see in this community. */
export const newEntryForm = (actor: Actor) =>
  entrySchema.extend({
    tags: tagsField,
    source: sourceRef.transform(async (ref, ctx) => {
      const source = await adaptationSource(actor, ref);
      if (ref && !source) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'journal.errors.source' });
      return source ? { type: source.type, id: source.id } : null;
    }),
  });

/** The form of an entry's edit: its source never changes. */
export const editEntryForm = entrySchema.omit({ source: true }).extend({ tags: tagsField });

export const journalCommentSchema = z.object({ body: body() });
