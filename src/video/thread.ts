import type { Transaction } from 'sequelize';
import type { TFunction } from 'i18next';
import { startThread } from '../discussions/threads';
import type { Thread } from '../discussions/model';
import type { Resource } from '../resources/model';
import type { Actor } from '../kernel/actor';
import { namesOf } from '../content/people';
import { VideoComment } from './model';
import { formatMoment } from './schemas';

/** Markdown-quote a comment so its lines stay inside the quote. */
const quote = (s: string) => s.split('\n').map((l) => `> ${l}`).join('\n');

/**
 * Turn a clip's time-coded comments into a knowledge-building thread (a facilitator or the clip's
 * owner): its opening contribution lists each moment with its comment and replies, and links back
 * to the clip (the thread's source). null when the clip has no comment yet.
 */
export async function commentsToThread(actor: Actor, resource: Resource, t: TFunction, transaction: Transaction): Promise<Thread | null> {
  const comments = await VideoComment.findAll({ where: { resourceId: resource.id, deletedAt: null }, order: [['atSeconds', 'ASC'], ['id', 'ASC']], transaction });
  const top = comments.filter((c) => c.parentId === null);
  if (!top.length) return null;
  const names = await namesOf(comments.map((c) => c.authorId));
  const name = (id: number | null) => names.get(id ?? -1) ?? '';
  const href = `/c/${actor.communityId}/resources/${resource.id}`;
  const parts = [t('video.thread_intro', { title: resource.title, href, interpolation: { escapeValue: false } })];
  for (const c of top) {
    parts.push(`**${formatMoment(c.atSeconds)}** — ${name(c.authorId)}\n\n${quote(c.body)}`);
    for (const r of comments.filter((x) => x.parentId === c.id)) parts.push(`${t('video.thread_reply', { name: name(r.authorId), interpolation: { escapeValue: false } })}\n\n${quote(r.body)}`);
  }
  const title = t('video.thread_title', { title: resource.title, interpolation: { escapeValue: false } }).slice(0, 200);
  const { thread } = await startThread(actor, { kind: 'knowledge', title, body: parts.join('\n\n'), tags: [], source: { type: 'resource', id: resource.id } }, transaction);
  return thread;
}
