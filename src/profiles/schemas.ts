import { z } from 'zod';
import { optional, parseWithTags, scalar } from '../content/forms';
import { EXPERIENCES, FIELD_VISIBILITIES, PROFILE_FIELDS, type FieldVisibility, type ProfileField } from './model';

const level = z.enum(FIELD_VISIBILITIES as [FieldVisibility, ...FieldVisibility[]], { message: 'profiles.errors.visibility' });

/** The profile form: every field optional (a profile fills up over time), each with its visibility. */
export const profileSchema = z.object({
  roleTitle: optional(120, 'profiles.errors.role_title'),
  institution: optional(160, 'profiles.errors.institution'),
  yearsPractice: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(scalar(z.coerce.number({ message: 'profiles.errors.years' }).int('profiles.errors.years').min(0, 'profiles.errors.years').max(60, 'profiles.errors.years').optional())),
  experience: z
    .union([z.enum(EXPERIENCES as ['newcomer', 'experienced']), z.literal('')], { message: 'profiles.errors.experience' })
    .optional()
    .transform((v) => (v ? v : null)),
  expertise: optional(400, 'content.errors.tag_length'),
  learning: optional(400, 'content.errors.tag_length'),
  helpWith: optional(2000, 'profiles.errors.text_length'),
  wantToLearn: optional(2000, 'profiles.errors.text_length'),
  languages: optional(120, 'profiles.errors.languages'),
  intro: optional(4000, 'profiles.errors.text_length'),
  ...(Object.fromEntries(PROFILE_FIELDS.map((f) => [`vis_${f}`, level.default('community')])) as Record<`vis_${ProfileField}`, z.ZodDefault<typeof level>>),
});

export type ProfileForm = z.infer<typeof profileSchema>;

/** Follow or unfollow. */
export const followSchema = z.object({ on: z.enum(['0', '1'], { message: 'errors.invalid_input' }).transform((v) => v === '1') });

/**
 * The profile form with its expertise and learning tags parsed: a tag error replaces the field's
 * other message (the tags are what the member has to fix), so the form shows one message per field.
 */
export const profileFormSchema = z.unknown().transform((body, ctx) => {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const typed = (field: string) => (typeof raw[field] === 'string' ? (raw[field] as string) : '');
  const { data, tags, issues } = parseWithTags(profileSchema, raw, { expertise: typed('expertise'), learning: typed('learning') });
  if (!data || issues.length) {
    for (const issue of issues) ctx.addIssue(issue);
    return z.NEVER;
  }
  return { form: data, tags };
});
