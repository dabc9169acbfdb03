import { Op, type Transaction } from 'sequelize';
import { Resource } from '../resources/model';
import { resourcePolicy } from '../resources/policy';
import { visibleResourcesWhere, withViewers } from '../resources/visibility';
import type { Meeting } from './model';
import type { Actor } from '../kernel/actor';
import { recordActivity } from '../activity/model';
import { who } from '../discussions/posts';
import { DomainError } from '../kernel/errors';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/**
 * A meeting links its recording the same way a resource is shared: a video resource of the
 * community (an uploaded clip or a video link, embedded when its host is allowed). Who sees the
 * recording is the resource's own rule: a member who may not see it gets no link.
 */
export async function meetingRecording(actor: Actor, m: Meeting, url: Url) {
  if (!m.recordingResourceId) return null;
  const r = await Resource.findOne({ where: { id: m.recordingResourceId, communityId: actor.communityId, kind: { [Op.in]: ['clip', 'video'] } } });
  if (!r || !resourcePolicy.view(actor, await withViewers(r))) return null;
  return { id: r.id, title: r.title, href: url(`/c/${actor.communityId}/resources/${r.id}`) };
}

/** The video resources a meeting's manager may link as its recording (those they see, newest first). */
export async function recordingChoices(actor: Actor) {
  const rows = await Resource.findAll({
    where: { [Op.and]: [{ communityId: actor.communityId, deletedAt: null, hiddenAt: null, kind: { [Op.in]: ['clip', 'video'] } }, visibleResourcesWhere(actor)] },
    attributes: ['id', 'title', 'kind'],
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    limit: 50,
  });
  return rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind }));
}

/** Link (or, with null, unlink) a meeting's recording; refused when the resource is not a video the actor sees here. */
export async function setRecording(actor: Actor, m: Meeting, resourceId: number | null, transaction: Transaction): Promise<void> {
  if (resourceId !== null) {
    const r = await Resource.findOne({ where: { id: resourceId, communityId: actor.communityId, kind: { [Op.in]: ['clip', 'video'] } }, transaction });
    if (!r || !resourcePolicy.view(actor, await withViewers(r)) || r.hiddenAt) throw new DomainError('invalid', 'meetings.errors.recording');
  }
  await m.update({ recordingResourceId: resourceId }, { transaction });
  await recordActivity({ ...who(actor), verb: 'meeting.recording', subject: { type: 'meeting', id: m.id }, data: { resourceId } }, transaction);
}
