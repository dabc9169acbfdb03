import { Op } from 'sequelize';
import { VideoCaption, VideoClip, VideoComment } from './model';
import { resourcePolicy } from '../resources/policy';
import type { Resource } from '../resources/model';
import { owns } from '../discussions/policy';
import { namesOf } from '../content/people';
import { dateView } from '../content/dates';
import type { Actor } from '../kernel/actor';
import type { Cue } from './vtt';
import { formatMoment } from './schemas';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

export const CAPTION_LANGS = ['fr', 'en'] as const;

/**
 * What the clip part of a resource page shows: the player (video, poster, captions tracks), the
 * time-coded comments in time order with their replies, the transcript from the captions in the
 * reader's language (else the other one), and a reminder to the owner when there are no captions.
 */
export async function presentClip(actor: Actor, r: Resource, url: Url) {
  const cid = actor.communityId;
  const base = `/c/${cid}/videos/${r.id}`;
  const [clip, captions, comments] = await Promise.all([
    VideoClip.findOne({ where: { resourceId: r.id } }),
    VideoCaption.findAll({ where: { resourceId: r.id }, order: [['lang', 'ASC']] }),
    VideoComment.findAll({ where: { resourceId: r.id, deletedAt: null, [Op.and]: [{ communityId: cid }] }, order: [['atSeconds', 'ASC'], ['id', 'ASC']] }),
  ]);
  const names = await namesOf(comments.map((c) => c.authorId));
  const stream = url(`${base}/stream`);
  const view = (c: VideoComment) => ({
    id: c.id,
    at: c.atSeconds,
    label: formatMoment(c.atSeconds),
    href: `${stream}#t=${c.atSeconds}`,
    author: names.get(c.authorId ?? -1) ?? '',
    created: dateView(c.createdAt, actor.lang),
    body: c.body,
    replyAction: url(`${base}/moments/${c.id}/replies`),
  });
  const top = comments.filter((c) => c.parentId === null);
  const caption = captions.find((c) => c.lang === actor.lang) ?? captions[0];
  const cues: Cue[] = caption ? (JSON.parse(caption.text) as Cue[]) : [];
  return {
    src: stream,
    type: r.fileType ?? 'video/mp4',
    poster: clip?.posterKey ? url(`${base}/poster`) : null,
    visibility: r.visibility ?? 'community',
    consentAt: clip ? dateView(clip.consentAt, actor.lang) : null,
    tracks: captions.map((c) => ({ lang: c.lang, href: url(`${base}/captions/${c.lang}.vtt`), isDefault: c === caption })),
    missingLangs: CAPTION_LANGS.filter((l) => !captions.some((c) => c.lang === l)),
    needsCaptions: captions.length === 0 && owns(actor, r),
    transcript: caption ? { lang: caption.lang, lines: cues.map((q) => ({ at: q.start, label: formatMoment(q.start), href: `${stream}#t=${q.start}`, text: q.text })) } : null,
    moments: top.map((c) => ({ ...view(c), replies: comments.filter((x) => x.parentId === c.id).map(view) })),
    can: { comment: resourcePolicy.timeComment(actor, r), caption: resourcePolicy.caption(actor, r), toThread: resourcePolicy.toThread(actor, r) && top.length > 0 },
    links: { moments: url(`${base}/moments`), captions: url(`${base}/captions`), toThread: url(`${base}/thread`), base: url(base) },
  };
}

export type ClipView = Awaited<ReturnType<typeof presentClip>>;

/** Where the share form goes, and back to the library. */
export function clipFormLinks(actor: Actor, url: Url) {
  return { action: url(`/c/${actor.communityId}/videos`), cancel: url(`/c/${actor.communityId}/resources`) };
}
