import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { Actor } from '../kernel/actor';
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

export async function readDraft(actor: Actor, form: string): Promise<Record<string, string>> {
  return (await Draft.findOne({ where: { membershipId: actor.membershipId, formKey: form } }))?.fields ?? {};
}

/**
 * Save (or, when every field is empty, forget) the actor's draft of one form. Two saves racing
 * on the unique (member, form) key: the transaction runs again and finds the other's row.
 */
export async function saveDraft(actor: Actor, input: { form: string; fields: Record<string, string> }, transaction: Transaction): Promise<void> {
  const { form: formKey, fields } = input;
  if (!Object.values(fields).some((v) => v.trim())) return forgetDraft(actor.membershipId, formKey, transaction);
  const row = await Draft.findOne({ where: { membershipId: actor.membershipId, formKey }, transaction });
  if (row) await row.update({ fields, updatedAt: new Date() }, { transaction });
  else await Draft.create({ membershipId: actor.membershipId, formKey, fields }, { transaction });
}

/** The actor drops their draft of one form. */
export function discardDraft(actor: Actor, input: { form: string }, transaction: Transaction): Promise<void> {
  return forgetDraft(actor.membershipId, input.form, transaction);
}

/** Drop a member's draft of one form (also once the form is sent and accepted: routes.ts `settleDrafts`). */
export async function forgetDraft(membershipId: number, formKey: string, transaction?: Transaction): Promise<void> {
  await Draft.destroy({ where: { membershipId, formKey }, transaction });
}
