import { z } from 'zod';
import { body, flag, optional, text } from '../content/forms';

/** An absolute http(s) URL (what members share: articles, videos, sites). */
const httpUrl = z
  .string({ required_error: 'resources.errors.url' })
  .trim()
  .max(2048, 'resources.errors.url')
  .refine((s) => URL.canParse(s) && ['http:', 'https:'].includes(new URL(s).protocol), 'resources.errors.url');

const common = {
  title: text(3, 200, 'content.errors.title_length'),
  description: body('resources.errors.description'),
  audience: optional(120, 'resources.errors.audience'),
  tags: optional(400, 'content.errors.tag_length'),
};

/** Share a resource: a link or a video link needs its URL; a file comes through the upload. */
export const resourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('link'), url: httpUrl, ...common }),
    z.object({ kind: z.literal('video'), url: httpUrl, ...common }),
    z.object({ kind: z.literal('file'), ...common }),
  ],
  { errorMap: () => ({ message: 'resources.errors.kind' }) },
);

/** Edit a resource (its file stays; share a new resource to replace it). */
export const editResourceSchema = z.object({ url: httpUrl.optional(), ...common });

export const endorseSchema = z.object({ on: flag });
export const commentSchema = z.object({ body: body() });

export const SORTS = ['newest', 'endorsed'] as const;
export type ResourceSort = (typeof SORTS)[number];
