import { z } from 'zod';
import { Draft } from './model';

/** A draft names the form it belongs to by its action path, inside the member's community. */
export function formKeyIn(communityId: number, key: unknown): string | null {
  if (typeof key !== 'string' || key.length > 200 || /[\s\\?#]/.test(key) || key.includes('//')) return null;
  return key.startsWith(`/c/${communityId}/`) ? key : null;
}

/** The text fields of a form (names without a leading underscore: never _csrf), bounded in size. */
export const draftFieldsSchema = z
  .record(z.string().regex(/^[A-Za-z][\w-]{0,39}$/), z.string().max(20_000))
  .refine((f) => Object.keys(f).length <= 20, 'errors.invalid_input');

export async function readDraft(membershipId: number, formKey: string): Promise<Record<string, string>> {
  return (await Draft.findOne({ where: { membershipId, formKey } }))?.fields ?? {};
}

/** Save (or, when every field is empty, forget) a member's draft of one form. */
export async function saveDraft(membershipId: number, formKey: string, fields: Record<string, string>): Promise<void> {
  if (!Object.values(fields).some((v) => v.trim())) return forgetDraft(membershipId, formKey);
  const [row, created] = await Draft.findOrCreate({ where: { membershipId, formKey }, defaults: { membershipId, formKey, fields } });
  if (!created) await row.update({ fields, updatedAt: new Date() });
}

export async function forgetDraft(membershipId: number, formKey: string): Promise<void> {
  await Draft.destroy({ where: { membershipId, formKey } });
}
