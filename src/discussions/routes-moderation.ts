import { Router, type Request, type Response } from 'express';
import { Op, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors } from '../content/forms';
import { pageRequest, pager } from '../content/page';
import { namesOf } from '../content/people';
import { dateView } from '../content/dates';
import { toggleSchema, reasonSchema, moveSchema, flagSchema, dismissSchema } from './schemas';
import { postPolicy, threadPolicy, sharingPolicy } from './policy';
import { loadPost, loadThread } from './load';
import { setPinned, setLocked, hidePost, restorePost, movePost } from './moderation';
import { postLocation } from './locate';
import { flagPost, dismissFlags, openFlagsOf } from './flags';
import { FLAG_REASONS, PostFlag } from './flag-model';
import { navKey } from './routes-posts';
import { ModerationAction, Thread, type Post } from './model';
import { retryTransaction } from '../db/retry';
import { Membership } from '../kernel/community';

/** Facilitators' moderation: pin, lock, hide/restore and move posts (each with its reason in the audit trail). */
export function moderationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  for (const [action, allowed, apply] of [
    ['pin', threadPolicy.pin, setPinned],
    ['lock', threadPolicy.lock, setLocked],
  ] as const) {
    r.post(`/c/:communityId/threads/:threadId/${action}`, ...guard, async (req, res) => {
      const actor = actorOf(req.ctx);
      const thread = await loadThread(actor, idParam(req.params.threadId), ['discussion', 'knowledge']);
      if (!allowed(actor, thread)) throw forbidden();
      const { on, reason } = toggleSchema.parse(req.body);
      await retryTransaction(sequelize, (t) => apply(actor, thread, on, reason ?? null, t));
      res.redirect(303, res.locals.url(`/c/${actor.communityId}/threads/${thread.id}`));
    });
  }

  r.get('/c/:communityId/posts/:postId/moderate', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.hide(actor, thread, post) && !postPolicy.restore(actor, thread, post) && !postPolicy.dismissFlags(actor)) throw forbidden();
    await renderModerate(req, res, actor, thread, post, {});
  });

  for (const [action, allowed, apply] of [
    ['hide', postPolicy.hide, hidePost],
    ['restore', postPolicy.restore, restorePost],
  ] as const) {
    r.post(`/c/:communityId/posts/:postId/${action}`, ...guard, async (req, res) => {
      const actor = actorOf(req.ctx);
      const { post, thread } = await loadPost(actor, idParam(req.params.postId));
      if (!allowed(actor, thread, post)) throw forbidden();
      const parsed = reasonSchema.safeParse(req.body);
      if (!parsed.success) return renderModerate(req, res.status(400), actor, thread, post, { [action]: formErrors(parsed.error.issues, req.ctx!.t).reason });
      await retryTransaction(sequelize, (t) => apply(actor, thread, post, parsed.data.reason, t));
      const at = await postLocation(post, thread);
      res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
    });
  }

  r.get('/c/:communityId/posts/:postId/flag', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.flag(actor, thread, post)) throw forbidden();
    const mine = await PostFlag.findOne({ where: { postId: post.id, membershipId: actor.membershipId }, attributes: ['id'] });
    renderFlag(req, res, thread, post, {}, {}, !!mine);
  });

  r.post('/c/:communityId/posts/:postId/flag', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.flag(actor, thread, post)) throw forbidden();
    const parsed = flagSchema.safeParse(req.body);
    if (!parsed.success) return renderFlag(req, res.status(400), thread, post, req.body, formErrors(parsed.error.issues, req.ctx!.t));
    await retryTransaction(sequelize, (t) => flagPost(actor, thread, post, parsed.data, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/posts/${post.id}/flag`));
  });

  r.post('/c/:communityId/posts/:postId/flags/dismiss', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.dismissFlags(actor)) throw forbidden();
    const parsed = dismissSchema.safeParse(req.body);
    if (!parsed.success) return renderModerate(req, res.status(400), actor, thread, post, { dismiss: formErrors(parsed.error.issues, req.ctx!.t).reason });
    await retryTransaction(sequelize, (t) => dismissFlags(actor, thread, post, parsed.data.reason, t));
    const at = await postLocation(post, thread);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  });

  r.post('/c/:communityId/posts/:postId/move', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.move(actor, thread, post)) throw forbidden();
    const parsed = moveSchema.safeParse(req.body);
    if (!parsed.success) return renderModerate(req, res.status(400), actor, thread, post, { move: Object.values(formErrors(parsed.error.issues, req.ctx!.t))[0] });
    const target = await Thread.findOne({ where: { id: parsed.data.target, communityId: actor.communityId, kind: { [Op.in]: ['discussion', 'knowledge'] } } });
    if (!target || target.id === thread.id) return renderModerate(req, res.status(400), actor, thread, post, { move: req.ctx!.t('discussions.errors.move_target') });
    await retryTransaction(sequelize, (t) => movePost(actor, thread, post, target, parsed.data.reason, t));
    post.threadId = target.id;
    post.parentId = null;
    const at = await postLocation(post, target);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  });

  r.get('/c/:communityId/moderation', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!sharingPolicy.readModerationLog(actor)) throw forbidden();
    const page = pageRequest(req.query.page, 50);
    const { rows, count } = await ModerationAction.findAndCountAll({ where: { communityId: actor.communityId }, order: [['id', 'DESC']], limit: page.size, offset: page.offset });
    const names = await namesOf(rows.map((a) => a.actorId));
    const url = res.locals.url;
    res.locals.navCurrent = 'discussions';
    res.render('discussions/moderation-log', {
      title: req.ctx!.t('discussions.moderation.log_title'),
      entries: rows.map((a) => ({
        action: a.action,
        flagReason: flagReasonOf(a.data),
        who: names.get(a.actorId ?? -1) ?? '',
        at: dateView(a.createdAt, actor.lang),
        reason: a.reason,
        href: a.subjectType === 'post' ? url(`/c/${actor.communityId}/posts/${a.subjectId}`) : a.subjectType === 'resource' ? url(`/c/${actor.communityId}/resources/${a.subjectId}`) : url(`/c/${actor.communityId}/threads/${a.subjectId}`),
      })),
      pager: pager(page, count),
      pagerBase: { path: `/c/${actor.communityId}/moderation`, query: {} },
    });
  });

  return r;
}

async function renderModerate(req: Request, res: Response, actor: Actor, thread: Thread, post: Post, errors: Record<string, string | undefined>) {
  const targets = postPolicy.move(actor, thread, post)
    ? await Thread.findAll({
        where: { communityId: actor.communityId, kind: { [Op.in]: ['discussion', 'knowledge'] }, id: { [Op.ne]: thread.id } },
        order: [['lastPostAt', 'DESC']],
        limit: 50,
        attributes: ['id', 'title', 'kind'],
      })
    : [];
  const flags = postPolicy.dismissFlags(actor) ? await openFlagsOf(actor.communityId, post.id) : [];
  const flaggerUsers = await userIdsOf(flags.map((f) => f.membershipId));
  const flaggers = await namesOf([...flaggerUsers.values()]);
  res.locals.navCurrent = navKey(thread);
  res.render('discussions/moderate', {
    flags: flags.map((f) => ({ reason: f.reason, note: f.note, who: flaggers.get(flaggerUsers.get(f.membershipId) ?? -1) ?? '', at: dateView(f.createdAt, actor.lang) })),
    title: req.ctx!.t('discussions.moderation.title'),
    post: { id: post.id, html: post.deletedAt ? null : post.bodyHtml, hidden: !!post.hiddenAt, reason: post.hiddenReason },
    thread: { id: thread.id, title: thread.title },
    can: { hide: postPolicy.hide(actor, thread, post), restore: postPolicy.restore(actor, thread, post), move: postPolicy.move(actor, thread, post), dismissFlags: flags.length > 0 },
    targets: targets.map((t) => ({ id: t.id, title: t.title, kind: t.kind })),
    errors,
  });
}

/** The flag form: the post quoted, a reason to choose and an optional note. */
function renderFlag(req: Request, res: Response, thread: Thread, post: Post, values: Record<string, unknown>, errors: Record<string, string | undefined>, sent = false) {
  res.locals.navCurrent = navKey(thread);
  res.render('discussions/flag', {
    title: req.ctx!.t('discussions.flags.title'),
    post: { id: post.id, html: post.bodyHtml },
    thread: { id: thread.id, title: thread.title },
    reasons: FLAG_REASONS,
    sent,
    values: { reason: typeof values.reason === 'string' ? values.reason : '', note: typeof values.note === 'string' ? values.note : '' },
    errors,
  });
}

/** The reason a flag line of the audit trail carries (data.flagReason), when it is a known one. */
function flagReasonOf(data: string | null): string | null {
  if (!data) return null;
  try {
    const r = (JSON.parse(data) as { flagReason?: unknown }).flagReason;
    return typeof r === 'string' && (FLAG_REASONS as readonly string[]).includes(r) ? r : null;
  } catch {
    return null;
  }
}

/** Membership id → user id (names are looked up by user). */
async function userIdsOf(membershipIds: number[]): Promise<Map<number, number>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await Membership.findAll({ where: { id: { [Op.in]: membershipIds } }, attributes: ['id', 'userId'] });
  return new Map(rows.map((m) => [m.id, m.userId]));
}
