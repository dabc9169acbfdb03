import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { findTag, parseTags } from '../content/tags';
import { pageRequest, pager } from '../content/page';
import { threadSchema, replySchema, toggleSchema } from './schemas';
import { threadPolicy } from './policy';
import { loadThread } from './load';
import { listThreads, startThread } from './threads';
import { replyToThread } from './replies';
import { setFollow } from './engagement';
import { presentThreadList, visitAnchor } from './list-presenter';
import { presentThread, THREAD_PAGE_SIZE } from './thread-presenter';
import { communityScaffolds, scaffoldLabel } from './scaffolds';
import { postLocation } from './locate';
import { firstUnread, markRead, markUnread, readPosition } from './reads';
import { replyFormPage, validScaffold } from './reply-form';
import { postRoutes } from './routes-posts';
import { moderationRoutes } from './routes-moderation';
import { knowledgeRoutes } from './routes-knowledge';
import type { ThreadKind } from './model';
import { retryTransaction } from '../db/retry';

const LIST_PAGE_SIZE = 20;

/** Discussions and knowledge-building threads: lists, new thread, thread page, replies, follow. */
export function discussionRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/discussions', ...guard, (req, res) => listPage(req, res, 'discussion'));
  r.get('/c/:communityId/knowledge', ...guard, (req, res) => listPage(req, res, 'knowledge'));

  r.get('/c/:communityId/threads/new', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!threadPolicy.start(actor)) throw forbidden();
    const kind = req.query.kind === 'knowledge' ? 'knowledge' : 'discussion';
    await renderNewThread(req, res, actor, { kind }, {});
  });

  r.post('/c/:communityId/threads', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!threadPolicy.start(actor)) throw forbidden();
    const parsed = threadSchema.safeParse(req.body);
    const tags = parseTags(str(req.body.tags));
    if (!parsed.success || 'error' in tags) {
      const errors = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
      if ('error' in tags) errors.tags = req.ctx!.t(tags.error);
      return renderNewThread(req, res.status(400), actor, req.body, errors);
    }
    const input = parsed.data;
    const scaffold = input.kind === 'knowledge' ? await validScaffold(actor, input.scaffold) : null;
    if (scaffold === false) return renderNewThread(req, res.status(400), actor, req.body, { scaffold: req.ctx!.t('discussions.errors.scaffold') });
    const { thread } = await retryTransaction(sequelize, (t) => startThread(actor, { kind: input.kind, title: input.title, body: input.body, tags: tags.tags, scaffold }, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/threads/${thread.id}`));
  });

  r.get('/c/:communityId/threads/:threadId', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['discussion', 'knowledge']);
    const scaffold = typeof req.query.scaffold === 'string' && /^[a-z0-9_]{1,40}$/.test(req.query.scaffold) ? req.query.scaffold : null;
    const [position, view] = await Promise.all([
      readPosition(actor.userId, thread.id),
      presentThread(actor, thread, res.locals.url, pageRequest(req.query.page, THREAD_PAGE_SIZE), scaffold),
    ]);
    const reading = markUnread(position, view.opening, view.posts);
    await markRead(actor.userId, thread.id, reading.highest);
    res.locals.navCurrent = thread.kind === 'knowledge' ? 'knowledge' : 'discussions';
    res.render('discussions/show', { title: thread.title, view: { ...view, firstUnreadId: reading.firstUnreadId }, values: {}, errors: {} });
  });

  // "Continue where you left off": the page and anchor of the first post not read yet.
  r.get('/c/:communityId/threads/:threadId/unread', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['discussion', 'knowledge', 'problem']);
    const post = await firstUnread(actor.userId, thread.id);
    if (!post) return res.redirect(303, res.locals.url(thread.kind === 'problem' ? `/c/${actor.communityId}/problems/${thread.id}` : `/c/${actor.communityId}/threads/${thread.id}`));
    const at = await postLocation(post, thread);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  });

  r.get('/c/:communityId/threads/:threadId/reply', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['discussion', 'knowledge']);
    if (!threadPolicy.reply(actor, thread)) throw forbidden();
    await replyFormPage(req, res, actor, thread, { to: req.query.to, quote: req.query.quote === '1', selection: req.query.sel }, {});
  });

  r.post('/c/:communityId/threads/:threadId/posts', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['discussion', 'knowledge']);
    if (!threadPolicy.reply(actor, thread)) throw forbidden();
    const parsed = replySchema.safeParse(req.body);
    if (!parsed.success) return replyFormPage(req, res.status(400), actor, thread, { to: req.body.parent, body: str(req.body.body) }, formErrors(parsed.error.issues, req.ctx!.t));
    const scaffold = thread.kind === 'knowledge' ? await validScaffold(actor, parsed.data.scaffold) : null;
    if (scaffold === false) return replyFormPage(req, res.status(400), actor, thread, { to: req.body.parent, body: parsed.data.body }, { scaffold: req.ctx!.t('discussions.errors.scaffold') });
    const post = await retryTransaction(sequelize, (t) => replyToThread(actor, thread, { body: parsed.data.body, parentId: parsed.data.parent, scaffold }, t));
    const at = await postLocation(post, thread);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  });

  r.post('/c/:communityId/threads/:threadId/follow', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['discussion', 'knowledge']);
    if (!threadPolicy.follow(actor, thread)) throw forbidden();
    const { on } = toggleSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => setFollow(actor, thread, on, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/threads/${thread.id}`));
  });

  r.use(postRoutes(config, sequelize), moderationRoutes(config, sequelize), knowledgeRoutes(config, sequelize));
  return r;
}

async function listPage(req: Request, res: Response, kind: ThreadKind) {
  const actor = actorOf(req.ctx);
  const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
  const tag = await findTag(actor.communityId, tagSlug);
  const following = req.query.following === '1';
  const page = pageRequest(req.query.page, LIST_PAGE_SIZE);
  const { rows, total } = await listThreads(actor, { kind, tagId: tag ? tag.id : tagSlug ? -1 : null, followingUserId: following ? actor.userId : null }, page);
  const threads = await presentThreadList(actor, rows, res.locals.url, visitAnchor(req.ctx!.membership!));
  const path = `/c/${actor.communityId}/${kind === 'knowledge' ? 'knowledge' : 'discussions'}`;
  res.locals.navCurrent = kind === 'knowledge' ? 'knowledge' : 'discussions';
  res.render('discussions/list', {
    title: req.ctx!.t(`discussions.list_title_${kind}`),
    kind,
    threads,
    pager: pager(page, total),
    pagerBase: { path, query: { tag: tag?.slug, following: following ? '1' : undefined } },
    filter: { tag: tag ? { slug: tag.slug, label: tag.label } : null, unknownTag: !tag && !!tagSlug, following, path },
    can: { start: threadPolicy.start(actor), manageScaffolds: actor.role === 'facilitator', moderationLog: actor.role === 'facilitator' },
  });
}

async function renderNewThread(req: Request, res: Response, actor: Actor, values: Record<string, unknown>, errors: Record<string, string>) {
  const kind = values.kind === 'knowledge' ? 'knowledge' : 'discussion';
  const scaffolds = (await communityScaffolds(actor.communityId)).filter((s) => s.active).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) }));
  res.locals.navCurrent = kind === 'knowledge' ? 'knowledge' : 'discussions';
  res.render('discussions/new', {
    title: req.ctx!.t(`discussions.new_title_${kind}`),
    kind,
    scaffolds,
    values: { title: str(values.title), body: str(values.body), tags: str(values.tags), scaffold: str(values.scaffold) },
    errors,
  });
}
