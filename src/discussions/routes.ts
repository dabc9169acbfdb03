import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { str } from '../content/forms';
import { findTag } from '../content/tags';
import { pageRequest, pager } from '../content/page';
import { newThreadForm, replyForm, toggleSchema } from './schemas';
import { threadPolicy, sharingPolicy } from './policy';
import { listThreads, startThread } from './threads';
import { replyToThread } from './replies';
import { setFollow } from './engagement';
import { presentThreadList, visitAnchor } from './presenters/list';
import { presentThread, THREAD_PAGE_SIZE } from './presenters/thread';
import { listLinks, newThreadLinks } from './presenters/links';
import { communityScaffolds, scaffoldLabel } from './scaffolds';
import { redirectToPost, threadOf } from './steps';
import { firstUnread, markRead, markUnread, readPosition } from './reads';
import { replyFormPage } from './reply-form';
import { postRoutes } from './routes-posts';
import { moderationRoutes } from './routes-moderation';
import { knowledgeRoutes } from './routes-knowledge';
import type { ThreadKind } from './model';

const LIST_PAGE_SIZE = 20;

/** Discussions and knowledge-building threads: lists, new thread, thread page, replies, follow. */
export function discussionRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const conversation = route.load(threadOf(['discussion', 'knowledge']));

  r.get('/c/:communityId/discussions', ...guard, route.handle((c, req, res) => listPage(c, req, res, 'discussion')));
  r.get('/c/:communityId/knowledge', ...guard, route.handle((c, req, res) => listPage(c, req, res, 'knowledge')));

  r.get('/c/:communityId/threads/new', ...guard, route
    .authorize(threadPolicy.start)
    .handle((c, req, res) => renderNewThread(c, res, { kind: req.query.kind === 'knowledge' ? 'knowledge' : 'discussion' }, {})));

  r.post('/c/:communityId/threads', ...guard, route
    .authorize(threadPolicy.start)
    .validate((c) => newThreadForm(c.actor), { invalid: (c, form, req, res) => renderNewThread(c, res, form.values, form.errors) })
    .transaction(({ actor, input }, t) => startThread(actor, { kind: input.kind, title: input.title, body: input.body, tags: input.tags, scaffold: input.scaffold }, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/threads/${c.result.thread.id}`))));

  r.get('/c/:communityId/threads/:threadId', ...guard, conversation.handle(async ({ actor, subject: thread, url }, req, res) => {
    const scaffold = typeof req.query.scaffold === 'string' && /^[a-z0-9_]{1,40}$/.test(req.query.scaffold) ? req.query.scaffold : null;
    const [position, view] = await Promise.all([readPosition(actor.userId, thread.id), presentThread(actor, thread, url, pageRequest(req.query.page, THREAD_PAGE_SIZE), scaffold)]);
    const reading = markUnread(position, view.opening, view.posts);
    await markRead(actor.userId, thread.id, reading.highest);
    res.locals.navCurrent = thread.kind === 'knowledge' ? 'knowledge' : 'discussions';
    res.render('discussions/show', { title: thread.title, view: { ...view, firstUnreadId: reading.firstUnreadId }, values: {}, errors: {} });
  }));

  // "Continue where you left off": the page and anchor of the first post not read yet.
  r.get('/c/:communityId/threads/:threadId/unread', ...guard, route
    .load(threadOf(['discussion', 'knowledge', 'problem']))
    .handle(async (c, req, res) => {
      const { actor, subject: thread } = c;
      const post = await firstUnread(actor.userId, thread.id);
      if (!post) return res.redirect(303, c.url(thread.kind === 'problem' ? `/c/${actor.communityId}/problems/${thread.id}` : `/c/${actor.communityId}/threads/${thread.id}`));
      await redirectToPost(c, res, post, thread);
    }));

  r.get('/c/:communityId/threads/:threadId/reply', ...guard, conversation
    .authorize(threadPolicy.reply)
    .handle((c, req, res) => replyFormPage(c, res, c.subject, { to: req.query.to, quote: req.query.quote === '1', selection: req.query.sel }, {})));

  r.post('/c/:communityId/threads/:threadId/posts', ...guard, conversation
    .authorize(threadPolicy.reply)
    .validate((c) => replyForm(c.actor, c.subject), {
      invalid: (c, form, req, res) => replyFormPage(c, res, c.subject, { to: form.values.parent, body: str(form.values.body), scaffold: form.values.scaffold }, form.errors),
    })
    .transaction(({ actor, subject: thread, input }, t) => replyToThread(actor, thread, { body: input.body, parentId: input.parent, scaffold: input.scaffold }, t))
    .handle((c, req, res) => redirectToPost(c, res, c.result, c.subject)));

  r.post('/c/:communityId/threads/:threadId/follow', ...guard, conversation
    .authorize(threadPolicy.follow)
    .validate(toggleSchema)
    .transaction((c, t) => setFollow(c.actor, c.subject, c.input.on, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/threads/${c.subject.id}`))));

  r.use(postRoutes(config, sequelize), moderationRoutes(config, sequelize), knowledgeRoutes(config, sequelize));
  return r;
}

async function listPage({ actor, membership, t, url }: MemberContext, req: Request, res: Response, kind: ThreadKind) {
  const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
  const tag = await findTag(actor.communityId, tagSlug);
  const following = req.query.following === '1';
  const page = pageRequest(req.query.page, LIST_PAGE_SIZE);
  const { rows, total } = await listThreads(actor, { kind, tagId: tag ? tag.id : tagSlug ? -1 : null, followingUserId: following ? actor.userId : null }, page);
  const threads = await presentThreadList(actor, rows, url, visitAnchor(membership));
  const path = `/c/${actor.communityId}/${kind === 'knowledge' ? 'knowledge' : 'discussions'}`;
  res.locals.navCurrent = kind === 'knowledge' ? 'knowledge' : 'discussions';
  res.render('discussions/list', {
    title: t(`discussions.list_title_${kind}`),
    kind,
    threads,
    pager: pager(page, total),
    pagerBase: { path, query: { tag: tag?.slug, following: following ? '1' : undefined } },
    filter: { tag: tag ? { slug: tag.slug, label: tag.label } : null, unknownTag: !tag && !!tagSlug, following, path },
    can: { start: threadPolicy.start(actor), manageScaffolds: sharingPolicy.manageScaffolds(actor), moderationLog: sharingPolicy.readModerationLog(actor) },
    links: listLinks(actor, kind, url),
  });
}

async function renderNewThread({ actor, t, url }: MemberContext, res: Response, values: Record<string, unknown>, errors: Record<string, string>) {
  const kind = values.kind === 'knowledge' ? 'knowledge' : 'discussion';
  const scaffolds = (await communityScaffolds(actor.communityId)).filter((s) => s.active).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) }));
  res.locals.navCurrent = kind === 'knowledge' ? 'knowledge' : 'discussions';
  res.render('discussions/new', {
    title: t(`discussions.new_title_${kind}`),
    kind,
    scaffolds,
    values: { title: str(values.title), body: str(values.body), tags: str(values.tags), scaffold: str(values.scaffold) },
    errors,
    links: newThreadLinks(actor, kind, url),
  });
}
