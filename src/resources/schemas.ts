import { z } from 'zod';
import { body, flag, optional, parseWithTags, str, text } from '../content/forms';
import type { TagView } from '../content/tags';
import type { UploadCheck } from './files';

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

/** Parse a form and its tags field (content/forms.ts). */
function withTags<S extends z.ZodTypeAny>(schema: S, input: Record<string, unknown>): { data: z.output<S> | null; tags: TagView[]; issues: z.IssueData[] } {
  const { data, tags, issues } = parseWithTags(schema, input, { tags: str(input.tags) });
  return { data, tags: tags.tags, issues };
}

const objectOf = (v: unknown) => (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;

/**
 * The share form as the route reads it: the fields, and the upload already checked (or why it is
 * refused). A file's refusal counts only for a file resource whose fields are valid.
 */
export const shareFormSchema = z.object({ body: z.unknown(), upload: z.custom<UploadCheck>(), buffer: z.custom<Buffer | undefined>() }).transform(({ body, upload, buffer }, ctx) => {
  const { data, tags, issues } = withTags(resourceSchema, objectOf(body));
  if (data && data.kind === 'file' && !upload.ok) issues.push({ code: 'custom', path: ['file'], message: upload.error });
  if (!data || issues.length) {
    for (const issue of issues) ctx.addIssue(issue);
    return z.NEVER;
  }
  return { ...data, url: 'url' in data ? data.url : undefined, tags, file: data.kind === 'file' && upload.ok && buffer ? { name: upload.name, mime: upload.mime, buffer } : null };
});

/** The edit form of this resource: a file or a clip keeps no link, whatever the form sends. */
export const editFormSchema = (resource: { kind: string }) =>
  z.unknown().transform((raw, ctx) => {
    const body = objectOf(raw);
    const { data, tags, issues } = withTags(editResourceSchema, { ...body, url: resource.kind === 'file' || resource.kind === 'clip' ? undefined : str(body.url) });
    if (!data || issues.length) {
      for (const issue of issues) ctx.addIssue(issue);
      return z.NEVER;
    }
    return { ...data, tags };
  });
