import { Router, type Request, type Response } from 'express';
import { Op, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { pageRequest, pager } from '../content/page';
import { namesOf } from '../content/people';
import { dateView } from '../content/dates';
import { toggleSchema, reasonSchema, moveForm, flagSchema, dismissSchema } from './schemas';
import { postPolicy, threadPolicy, sharingPolicy } from './policy';
import { postOf, redirectToPost, threadOf } from './steps';
import { setPinned, setLocked, hidePost, restorePost, movePost } from './moderation';
import { flagPost, dismissFlags, openFlagsOf } from './flags';
import { FLAG_REASONS, PostFlag } from './flag-model';
import { navKey } from './routes-posts';
import { postLinks } from './presenters/links';
import { ModerationAction, Thread, type Post } from './model';
import { Membership } from '../kernel/community';

/** Facilitators' moderation: pin, lock, hide/restore and move posts (each with its reason in the audit trail). */
export function moderationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const post = route.load(postOf);
  const back = (c: MemberContext & { subject: { post: Post; thread: Thread } }, req: Request, res: Response) => redirectToPost(c, res, c.subject.post, c.subject.thread);

  for (const [action, allowed, apply] of [
    ['pin', threadPolicy.pin, setPinned],
    ['lock', threadPolicy.lock, setLocked],
  ] as const) {
    r.post(`/c/:communityId/threads/:threadId/${action}`, ...guard, route
      .load(threadOf(['discussion', 'knowledge']))
      .authorize(allowed)
      .validate(toggleSchema)
      .transaction(({ actor, subject: thread, input }, t) => apply(actor, thread, input.on, input.reason ?? null, t))
      .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/threads/${c.subject.id}`))));
  }

  r.get('/c/:communityId/posts/:postId/moderate', ...guard, post
    .authorize((actor, { thread, post }) => postPolicy.hide(actor, thread, post) || postPolicy.restore(actor, thread, post) || postPolicy.dismissFlags(actor))
    .handle((c, req, res) => renderModerate(c, res, c.subject.thread, c.subject.post, {})));

  for (const [action, allowed, apply] of [
    ['hide', postPolicy.hide, hidePost],
    ['restore', postPolicy.restore, restorePost],
  ] as const) {
    r.post(`/c/:communityId/posts/:postId/${action}`, ...guard, post
      .authorize((actor, { thread, post }) => allowed(actor, thread, post))
      .validate(reasonSchema, { invalid: (c, form, req, res) => renderModerate(c, res, c.subject.thread, c.subject.post, { [action]: form.errors.reason }) })
      .transaction(({ actor, subject: { thread, post }, input }, t) => apply(actor, thread, post, input.reason, t))
      .handle(back));
  }

  r.get('/c/:communityId/posts/:postId/flag', ...guard, post
    .authorize((actor, { thread, post }) => postPolicy.flag(actor, thread, post))
    .handle(async (c, req, res) => {
      const mine = await PostFlag.findOne({ where: { postId: c.subject.post.id, membershipId: c.actor.membershipId }, attributes: ['id'] });
      renderFlag(c, res, c.subject.thread, c.subject.post, {}, {}, !!mine);
    }));

  r.post('/c/:communityId/posts/:postId/flag', ...guard, post
    .authorize((actor, { thread, post }) => postPolicy.flag(actor, thread, post))
    .validate(flagSchema, { invalid: (c, form, req, res) => renderFlag(c, res, c.subject.thread, c.subject.post, form.values, form.errors) })
    .transaction(({ actor, subject: { thread, post }, input }, t) => flagPost(actor, thread, post, input, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/posts/${c.subject.post.id}/flag`))));

  r.post('/c/:communityId/posts/:postId/flags/dismiss', ...guard, post
    .authorize((actor) => postPolicy.dismissFlags(actor))
    .validate(dismissSchema, { invalid: (c, form, req, res) => renderModerate(c, res, c.subject.thread, c.subject.post, { dismiss: form.errors.reason }) })
    .transaction(({ actor, subject: { thread, post }, input }, t) => dismissFlags(actor, thread, post, input.reason, t))
    .handle(back));

  r.post('/c/:communityId/posts/:postId/move', ...guard, post
    .authorize((actor, { thread, post }) => postPolicy.move(actor, thread, post))
    .validate((c) => moveForm(c.actor, c.subject.thread), { invalid: (c, form, req, res) => renderModerate(c, res, c.subject.thread, c.subject.post, { move: Object.values(form.errors)[0] }) })
    .transaction(({ actor, subject: { thread, post }, input }, t) => movePost(actor, thread, post, input.target, input.reason, t))
    .handle((c, req, res) => {
      // The post now lives in the target conversation, as a top-level post.
      const moved = c.subject.post;
      moved.threadId = c.input.target.id;
      moved.parentId = null;
      return redirectToPost(c, res, moved, c.input.target);
    }));

  r.get('/c/:communityId/moderation', ...guard, route
    .authorize(sharingPolicy.readModerationLog)
    .handle(async ({ actor, t, url }, req, res) => {
      const page = pageRequest(req.query.page, 50);
      const { rows, count } = await ModerationAction.findAndCountAll({ where: { communityId: actor.communityId }, order: [['id', 'DESC']], limit: page.size, offset: page.offset });
      const names = await namesOf(rows.map((a) => a.actorId));
      res.locals.navCurrent = 'discussions';
      res.render('discussions/moderation-log', {
        title: t('discussions.moderation.log_title'),
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
    }));

  return r;
}

async function renderModerate({ actor, t, url }: MemberContext, res: Response, thread: Thread, post: Post, errors: Record<string, string | undefined>) {
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
    title: t('discussions.moderation.title'),
    post: { id: post.id, html: post.deletedAt ? null : post.bodyHtml, hidden: !!post.hiddenAt, reason: post.hiddenReason },
    thread: { id: thread.id, title: thread.title },
    can: { hide: postPolicy.hide(actor, thread, post), restore: postPolicy.restore(actor, thread, post), move: postPolicy.move(actor, thread, post), dismissFlags: flags.length > 0 },
    targets: targets.map((th) => ({ id: th.id, title: th.title, kind: th.kind })),
    errors,
    links: postLinks(actor, post.id, url),
  });
}

/** The flag form: the post quoted, a reason to choose and an optional note. */
function renderFlag({ actor, t, url }: MemberContext, res: Response, thread: Thread, post: Post, values: Record<string, unknown>, errors: Record<string, string | undefined>, sent = false) {
  res.locals.navCurrent = navKey(thread);
  res.render('discussions/flag', {
    title: t('discussions.flags.title'),
    post: { id: post.id, html: post.bodyHtml },
    thread: { id: thread.id, title: thread.title },
    reasons: FLAG_REASONS,
    sent,
    values: { reason: typeof values.reason === 'string' ? values.reason : '', note: typeof values.note === 'string' ? values.note : '' },
    errors,
    links: postLinks(actor, post.id, url),
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
