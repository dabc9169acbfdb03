import fsp from 'node:fs/promises';
import { z } from 'zod';
import type { Request } from 'express';
import type { Config } from '../config';
import type { Actor } from '../kernel/actor';
import { str } from '../content/forms';
import { parseTags, type TagView } from '../content/tags';
import { clipSchema, captionLangSchema } from './schemas';
import { validMembers } from './service';
import { checkDiskFile, VIDEO_TYPES, POSTER_TYPES, POSTER_MAX_BYTES, type DiskFile } from './files';
import { diskFiles, videoMaxBytes } from './upload';
import { parseVtt, VTT_MAX_BYTES, type Cue } from './vtt';

/**
 * The multipart forms of clips (streamed files): the text fields and the files are checked in one
 * schema, so a refused form shows every message at once. A file's message keeps its key (the
 * route translates it with the limits it broke).
 */

/** What the streamed form left: its files by field, and multer's refusal (over the size limit...). */
interface Streamed {
  error?: string;
  files: Record<string, DiskFile | undefined>;
}

/** A form's fields, with what the upload left under `$upload` (no form field has that name). */
export function streamedInput(req: Request): Record<string, unknown> {
  const upload: Streamed = { error: req.res?.locals.uploadError as string | undefined, files: diskFiles(req) };
  return { ...(req.body ?? {}), $upload: upload };
}

/** The clip's files and tags: the video (required), a poster, the tags parsed. Checked before the text fields, whose tag message they replace. */
function clipFiles(config: Config) {
  return z.object({ tags: z.unknown(), $upload: z.custom<Streamed>() }).transform(async ({ tags, $upload }, ctx) => {
    const parsedTags = parseTags(str(tags));
    if ('error' in parsedTags) ctx.addIssue({ code: 'custom', path: ['tags'], message: parsedTags.error });
    const file = $upload.files.file;
    const video = $upload.error
      ? { ok: false as const, error: $upload.error }
      : file
        ? await checkDiskFile(file, VIDEO_TYPES, videoMaxBytes(config), { type: 'video.errors.type', tooLarge: 'video.errors.too_large' })
        : { ok: false as const, error: 'resources.errors.file_missing' };
    if (!video.ok) ctx.addIssue({ code: 'custom', path: ['file'], message: video.error });
    const posterFile = $upload.files.poster;
    const poster = posterFile ? await checkDiskFile(posterFile, POSTER_TYPES, POSTER_MAX_BYTES, { type: 'video.errors.poster_type', tooLarge: 'video.errors.poster_too_large' }) : null;
    if (poster && !poster.ok) ctx.addIssue({ code: 'custom', path: ['poster'], message: poster.error });
    return {
      tagList: 'tags' in parsedTags ? (parsedTags.tags as TagView[]) : [],
      video: video.ok && file ? { ...file, name: video.name, mime: video.mime } : null,
      poster: poster?.ok && posterFile ? { ...posterFile, name: poster.name, mime: poster.mime } : null,
    };
  });
}

/** The share form: its files, then its text fields; the chosen members are those still active in the community. */
export function clipForm(config: Config, actor: Actor) {
  const text = clipSchema.transform(async (v, ctx) => {
    const members = await validMembers(actor, v.members);
    if (v.visibility === 'members' && members.length === 0) ctx.addIssue({ code: 'custom', path: ['members'], message: 'video.errors.members_none' });
    return { ...v, members };
  });
  return z.intersection(clipFiles(config), text);
}

/** A captions file: a language, then a WebVTT file (.vtt, small enough, well formed) read into cues. */
export const captionsForm = z.object({
  lang: captionLangSchema.shape.lang,
  $upload: z.custom<Streamed>().transform(async ({ error, files }, ctx) => {
    const file = files.captions;
    const refuse = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (error || !file) return refuse('video.errors.vtt');
    if (!/\.vtt$/i.test(file.originalname)) return refuse('video.errors.vtt');
    if (file.size > VTT_MAX_BYTES) return refuse('video.errors.vtt_too_large');
    const parsed = parseVtt(await fsp.readFile(file.path));
    if (!parsed.ok) return refuse(parsed.error);
    return { file, cues: parsed.cues as Cue[] };
  }),
});
