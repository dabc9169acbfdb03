import { z } from 'zod';
import { draftFieldsSchema, formKeyIn } from './service';

/** The form a draft belongs to: its action path, in the actor's community only. */
const formKey = (communityId: number) =>
  z.unknown().transform((v, ctx) => {
    const key = formKeyIn(communityId, v);
    if (key === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'errors.invalid_input' });
      return z.NEVER;
    }
    return key;
  });

/** The draft's fields arrive as one JSON text field of a form body (src/web/input.ts accepts forms only). */
const jsonText = z.unknown().transform((value) => {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
});

/** Which draft: the form named in the query (a read) or the body (a save, a discard). */
export const draftRef = (communityId: number) => z.object({ form: formKey(communityId) });

/** A draft to save: its form and its text fields. */
export const draftSave = (communityId: number) => draftRef(communityId).extend({ fields: jsonText.pipe(draftFieldsSchema) });
