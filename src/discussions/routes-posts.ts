import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { str } from '../content/forms';
import { editPostForm, reactionSchema } from './schemas';
import { postPolicy, EDIT_WINDOW_MINUTES } from './policy';
import { editPost, deletePost } from './posts';
import { setReaction } from './engagement';
import { communityScaffolds, scaffoldLabel } from './scaffolds';
import { listPath } from './presenters/list';
import { postLinks } from './presenters/links';
import { postOf, redirectToPost } from './steps';
import type { Post, ReactionKind, Thread } from './model';

/** A journal entry's opening post is edited and deleted as a whole entry, from the journal. */
const journalEntry = ({ post, thread }: { post: Post; thread: Thread }) => thread.kind === 'journal' && post.id === thread.firstPostId;

/** Post-level routes shared by discussions, knowledge building, journal comments and resource comments. */
export function postRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const post = member(sequelize).load(postOf);
  const back = (c: MemberContext & { subject: { post: Post; thread: Thread } }, req: Request, res: Response) => redirectToPost(c, res, c.subject.post, c.subject.thread);

  r.get('/c/:communityId/posts/:postId', ...guard, post.handle(back));

  // A journal entry's opening post goes to the journal's own page (which decides who may edit it).
  r.get('/c/:communityId/posts/:postId/edit', ...guard, post
    .authorize((actor, s) => journalEntry(s) || postPolicy.edit(actor, s.thread, s.post))
    .handle((c, req, res) => {
      const { post, thread } = c.subject;
      if (journalEntry(c.subject)) return res.redirect(303, c.url(`/c/${c.actor.communityId}/journal/${thread.id}/edit`));
      return renderEdit(c, res, thread, post, { body: post.bodyMd, title: thread.title, scaffold: post.scaffold ?? '' }, {});
    }));

  r.post('/c/:communityId/posts/:postId/edit', ...guard, post
    .authorize((actor, s) => postPolicy.edit(actor, s.thread, s.post) && !journalEntry(s))
    .validate((c) => editPostForm(c.actor, c.subject), { invalid: (c, form, req, res) => renderEdit(c, res, c.subject.thread, c.subject.post, form.values, form.errors) })
    .transaction(({ actor, subject: { thread, post }, input }, t) => editPost(actor, thread, post, { body: input.body, title: input.title, scaffold: input.scaffold }, t))
    .handle(back));

  r.get('/c/:communityId/posts/:postId/delete', ...guard, post
    .authorize((actor, s) => journalEntry(s) || postPolicy.delete(actor, s.thread, s.post))
    .handle(({ actor, subject, t, url }, req, res) => {
      const { post, thread } = subject;
      if (journalEntry(subject)) return res.redirect(303, url(`/c/${actor.communityId}/journal/${thread.id}/delete`));
      res.locals.navCurrent = navKey(thread);
      res.render('discussions/delete', { title: t('discussions.delete_title'), post: { id: post.id, html: post.bodyHtml }, thread: { title: thread.title }, links: postLinks(actor, post.id, url) });
    }));

  r.post('/c/:communityId/posts/:postId/delete', ...guard, post
    .authorize((actor, s) => postPolicy.delete(actor, s.thread, s.post) && !journalEntry(s))
    .transaction(({ actor, subject: { thread, post } }, t) => deletePost(actor, thread, post, t))
    .handle(back));

  r.post('/c/:communityId/posts/:postId/reactions', ...guard, post
    .authorize((actor, s) => postPolicy.react(actor, s.thread, s.post))
    .validate(reactionSchema)
    .transaction(({ actor, subject: { thread, post }, input }, t) => setReaction(actor, thread, post, input.kind as ReactionKind, input.on, t))
    .handle(back));

  return r;
}

/** The nav entry a thread belongs to. */
export function navKey(thread: Thread): string {
  return thread.kind === 'knowledge' ? 'knowledge' : thread.kind === 'journal' ? 'journal' : thread.kind === 'resource' ? 'resources' : thread.kind === 'problem' ? 'problems' : 'discussions';
}

async function renderEdit({ actor, t, url }: MemberContext, res: Response, thread: Thread, post: Post, values: Record<string, unknown>, errors: Record<string, string>) {
  const scaffolds = thread.kind === 'knowledge' ? (await communityScaffolds(actor.communityId)).filter((s) => s.active || s.key === post.scaffold).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) })) : [];
  res.locals.navCurrent = navKey(thread);
  res.render('discussions/edit', {
    title: t('discussions.edit_title'),
    post: { id: post.id, opening: post.id === thread.firstPostId },
    thread: { id: thread.id, title: thread.title, kind: thread.kind, listHref: url(listPath(actor.communityId, thread.kind)) },
    scaffolds,
    windowMinutes: EDIT_WINDOW_MINUTES,
    values: { body: str(values.body), title: str(values.title), scaffold: str(values.scaffold) },
    errors,
    links: postLinks(actor, post.id, url),
  });
}
