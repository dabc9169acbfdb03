import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { editPostSchema, reactionSchema } from './schemas';
import { postPolicy, EDIT_WINDOW_MINUTES } from './policy';
import { loadPost } from './load';
import { editPost, deletePost } from './posts';
import { setReaction } from './engagement';
import { postLocation } from './locate';
import { validScaffold } from './reply-form';
import { communityScaffolds, scaffoldLabel } from './scaffolds';
import { listPath } from './list-presenter';
import type { Post, ReactionKind, Thread } from './model';
import { retryTransaction } from '../db/retry';

/** Post-level routes shared by discussions, knowledge building, journal comments and resource comments. */
export function postRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const back = async (res: Response, post: Post, thread: Thread) => {
    const at = await postLocation(post, thread);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  };

  r.get('/c/:communityId/posts/:postId', ...guard, async (req, res) => {
    const { post, thread } = await loadPost(actorOf(req.ctx), idParam(req.params.postId));
    await back(res, post, thread);
  });

  r.get('/c/:communityId/posts/:postId/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (thread.kind === 'journal' && post.id === thread.firstPostId) return res.redirect(303, res.locals.url(`/c/${actor.communityId}/journal/${thread.id}/edit`));
    if (!postPolicy.edit(actor, thread, post)) throw forbidden();
    await renderEdit(req, res, actor, thread, post, { body: post.bodyMd, title: thread.title, scaffold: post.scaffold ?? '' }, {});
  });

  r.post('/c/:communityId/posts/:postId/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.edit(actor, thread, post) || (thread.kind === 'journal' && post.id === thread.firstPostId)) throw forbidden();
    const opening = post.id === thread.firstPostId;
    const parsed = editPostSchema.safeParse({ ...req.body, title: opening ? req.body.title : undefined });
    if (!parsed.success) return renderEdit(req, res.status(400), actor, thread, post, req.body, formErrors(parsed.error.issues, req.ctx!.t));
    const scaffold = thread.kind === 'knowledge' ? await validScaffold(actor, parsed.data.scaffold) : undefined;
    if (scaffold === false) return renderEdit(req, res.status(400), actor, thread, post, req.body, { scaffold: req.ctx!.t('discussions.errors.scaffold') });
    await retryTransaction(sequelize, (t) => editPost(actor, thread, post, { body: parsed.data.body, title: parsed.data.title, scaffold }, t));
    await back(res, post, thread);
  });

  r.get('/c/:communityId/posts/:postId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    // A journal entry is deleted as a whole (with its comments), from the journal.
    if (thread.kind === 'journal' && post.id === thread.firstPostId) return res.redirect(303, res.locals.url(`/c/${actor.communityId}/journal/${thread.id}/delete`));
    if (!postPolicy.delete(actor, thread, post)) throw forbidden();
    res.locals.navCurrent = navKey(thread);
    res.render('discussions/delete', { title: req.ctx!.t('discussions.delete_title'), post: { id: post.id, html: post.bodyHtml }, thread: { title: thread.title } });
  });

  r.post('/c/:communityId/posts/:postId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.delete(actor, thread, post) || (thread.kind === 'journal' && post.id === thread.firstPostId)) throw forbidden();
    await retryTransaction(sequelize, (t) => deletePost(actor, thread, post, t));
    await back(res, post, thread);
  });

  r.post('/c/:communityId/posts/:postId/reactions', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { post, thread } = await loadPost(actor, idParam(req.params.postId));
    if (!postPolicy.react(actor, thread, post)) throw forbidden();
    const { kind, on } = reactionSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => setReaction(actor, thread, post, kind as ReactionKind, on, t));
    await back(res, post, thread);
  });

  return r;
}

/** The nav entry a thread belongs to. */
export function navKey(thread: Thread): string {
  return thread.kind === 'knowledge' ? 'knowledge' : thread.kind === 'journal' ? 'journal' : thread.kind === 'resource' ? 'resources' : thread.kind === 'problem' ? 'problems' : 'discussions';
}

async function renderEdit(req: Request, res: Response, actor: Actor, thread: Thread, post: Post, values: Record<string, unknown>, errors: Record<string, string>) {
  const scaffolds = thread.kind === 'knowledge' ? (await communityScaffolds(actor.communityId)).filter((s) => s.active || s.key === post.scaffold).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) })) : [];
  res.locals.navCurrent = navKey(thread);
  res.render('discussions/edit', {
    title: req.ctx!.t('discussions.edit_title'),
    post: { id: post.id, opening: post.id === thread.firstPostId },
    thread: { id: thread.id, title: thread.title, kind: thread.kind, listHref: res.locals.url(listPath(actor.communityId, thread.kind)) },
    scaffolds,
    windowMinutes: EDIT_WINDOW_MINUTES,
    values: { body: str(values.body), title: str(values.title), scaffold: str(values.scaffold) },
    errors,
  });
}
