import { z, type ZodIssue } from 'zod';
import type { TFunction } from 'i18next';
import { parseTags, type TagView } from './tags';

/** Longest Markdown source accepted for a post, entry, comment or description. */
export const BODY_MAX = 20_000;

/** A trimmed text field of bounded length; the message is a catalog key. */
export const text = (min: number, max: number, key: string) => z.string({ required_error: key, invalid_type_error: key }).trim().min(min, key).max(max, key);
/** Markdown body: at least one character, at most BODY_MAX (line endings normalized). */
export const body = (key = 'content.errors.body_length') =>
  z.string({ required_error: key, invalid_type_error: key }).transform((s) => s.replace(/\r\n?/g, '\n').trim()).pipe(z.string().min(1, key).max(BODY_MAX, key));
/** An optional short string ('' → undefined). */
export const optional = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((s) => (s ? s : undefined));
/** A checkbox or toggle: '1'/'on'/'true' → true. */
export const flag = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => ['1', 'on', 'true'].includes(String(Array.isArray(v) ? v[v.length - 1] : v ?? '')));
/** An optional positive id from a form field. */
export const optionalId = z
  .string()
  .optional()
  .transform((s) => (s && /^\d{1,10}$/.test(s) ? Number(s) : null));

/** Field → translated message, for re-rendering a form with its errors next to the fields. */
export function formErrors(issues: ZodIssue[], t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const field = String(i.path[0] ?? 'form');
    out[field] ??= t(i.message, { defaultValue: t('errors.invalid_input') });
  }
  return out;
}

/** A form value as a string (re-rendering what the member typed). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[v.length - 1] ?? '') : '';
}

/**
 * One value from a form or query field: a repeated field (a list) never reaches the schema as a
 * number. Wrap `z.coerce.number()` with it: coercion would turn ['5'] into 5 and accept it.
 * (Objects never arrive: bodies are parsed with `extended: false`, src/web/input.ts.)
 */
export const scalar = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (Array.isArray(v) || (typeof v === 'object' && v !== null) ? NaN : v), schema);

/** A tags field as typed ("a, b; c"), parsed into tags: a zod transform that reports a tag error on the field. */
export function parsedTags(typed: string | undefined, ctx: z.RefinementCtx): TagView[] {
  const parsed = parseTags(typed);
  if ('error' in parsed) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
    return z.NEVER;
  }
  return parsed.tags;
}

/**
 * Parse a form and its tag fields (field → the text typed there): a tag error replaces the field's
 * other message, the tags being what the member has to fix, so the form shows one message per
 * field. The tags of a field in error are none.
 */
export function parseWithTags<S extends z.ZodTypeAny, F extends string>(
  schema: S,
  input: Record<string, unknown>,
  fields: Record<F, string>,
): { data: z.output<S> | null; tags: Record<F, TagView[]>; issues: z.IssueData[] } {
  const parsed = schema.safeParse(input);
  const issues: z.IssueData[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ ...i }) as z.IssueData);
  const tags = {} as Record<F, TagView[]>;
  for (const field of Object.keys(fields) as F[]) {
    const result = parseTags(fields[field]);
    tags[field] = 'error' in result ? [] : result.tags;
    if (!('error' in result)) continue;
    const first = issues.find((i) => i.path?.[0] === field);
    if (first) first.message = result.error;
    else issues.push({ code: 'custom', path: [field], message: result.error });
  }
  return { data: parsed.success ? parsed.data : null, tags, issues };
}
