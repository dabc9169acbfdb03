import { z } from 'zod';
import { isTimeZone } from '../kernel/time-zones';

/** A community's time zone: an IANA zone the runtime knows. */
export const communityZone = z.string().trim().max(64, 'errors.time_zone').refine((v) => isTimeZone(v), 'errors.time_zone');

/** Setting up a course's community: a new one… */
export const createCommunitySchema = z.object({
  title: z.string().trim().min(3, 'errors.title_length').max(200, 'errors.title_length'),
  purpose: z.string().trim().min(10, 'errors.purpose_length').max(5000, 'errors.purpose_length'),
  /** Absent (an older form): the launch's zone or the default, see `setupZone`. */
  timeZone: communityZone.optional(),
});

/** The community settings facilitators edit. */
export const communitySettingsSchema = z.object({ timeZone: communityZone });

/** …or joining an existing one with its invitation code (case and dashes ignored). */
export const joinCommunitySchema = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .pipe(z.string().length(8, 'errors.code_format')),
});

/** …or continuing the community of the course this one was copied from. */
export const continueCommunitySchema = z.object({
  communityId: z.string().regex(/^\d{1,10}$/, 'errors.not_found').transform(Number),
});
