import { Router, type Response } from 'express';
import { Op, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { str } from '../content/forms';
import { excerpt } from '../content/markdown';
import { htmlToText } from '../content/sanitize';
import { namesOf } from '../content/people';
import { chosenTargets, refusedScaffolds, riseAboveForm, scaffoldsForm } from './schemas';
import { threadPolicy, sharingPolicy } from './policy';
import { redirectToPost, threadOf } from './steps';
import { createRiseAbove, RISE_ABOVE_MIN, RISE_ABOVE_MAX } from './rise-above';
import { communityScaffolds, saveScaffolds, scaffoldLabel } from './scaffolds';
import { scaffoldLinks, threadLinks } from './presenters/links';
import { Post, type Thread } from './model';

/** Knowledge building: rise-above notes and the community's scaffold set. */
export function knowledgeRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const knowledge = route.load(threadOf(['knowledge'])).authorize(threadPolicy.riseAbove);

  r.get('/c/:communityId/threads/:threadId/rise-above', ...guard, knowledge.handle((c, req, res) => renderRiseAbove(c, res, c.subject, { targets: [] }, {})));

  r.post('/c/:communityId/threads/:threadId/rise-above', ...guard, knowledge
    .validate((c) => riseAboveForm(c.actor), {
      invalid: (c, form, req, res) => {
        // The contributions stay checked when only the count or the scaffold was refused.
        const checked = form.issues.every((i) => i.code === 'custom') ? chosenTargets(form.values.targets) : [];
        const errors = { ...form.errors };
        if (errors.targets && form.issues.some((i) => i.message === 'discussions.errors.rise_above_count')) errors.targets = c.t('discussions.errors.rise_above_count', { min: RISE_ABOVE_MIN, max: RISE_ABOVE_MAX });
        return renderRiseAbove(c, res, c.subject, { ...form.values, targets: checked }, errors);
      },
    })
    .transaction(({ actor, subject: thread, input }, t) => createRiseAbove(actor, thread, { body: input.body, targetIds: input.targets, scaffold: input.scaffold }, t))
    .handle((c, req, res) => redirectToPost(c, res, c.result, c.subject)));

  r.get('/c/:communityId/scaffolds', ...guard, route
    .authorize(sharingPolicy.manageScaffolds)
    .handle(async (c, req, res) => renderScaffolds(c, res, req.query.saved === '1', await communityScaffolds(c.actor.communityId), {})));

  r.post('/c/:communityId/scaffolds', ...guard, route
    .authorize(sharingPolicy.manageScaffolds)
    .validate(scaffoldsForm, {
      invalid: (c, form, req, res) => {
        const { rows, problems } = refusedScaffolds(form.values);
        const errors = Object.fromEntries(problems.map((p) => [p.field, c.t(p.message, p.params)]));
        return renderScaffolds(c, res, false, rows.map((s) => ({ key: s.key ?? '', labelFr: s.labelFr, labelEn: s.labelEn, active: s.active })), errors);
      },
    })
    .transaction((c, t) => saveScaffolds(c.actor, c.input, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/scaffolds`, { saved: 1 }))));

  return r;
}

/** The rise-above form: the thread's visible contributions (latest 500) to pick from. */
async function renderRiseAbove({ actor, t, url }: MemberContext, res: Response, thread: Thread, values: Record<string, unknown> & { targets: number[] }, errors: Record<string, string>) {
  const posts = await Post.findAll({
    where: { threadId: thread.id, deletedAt: null, hiddenAt: null, kind: { [Op.ne]: 'rise_above' } },
    order: [['id', 'DESC']],
    limit: 500,
    attributes: ['id', 'authorId', 'scaffold', 'bodyHtml'],
  });
  const [names, scaffolds] = await Promise.all([namesOf(posts.map((p) => p.authorId)), communityScaffolds(actor.communityId)]);
  const label = (key: string | null) => {
    const s = key ? scaffolds.find((x) => x.key === key) : undefined;
    return s ? scaffoldLabel(s, actor.lang) : null;
  };
  res.locals.navCurrent = 'knowledge';
  res.render('discussions/rise-above', {
    title: t('discussions.rise_above.title'),
    thread: { id: thread.id, title: thread.title },
    contributions: posts.reverse().map((p) => ({ id: p.id, author: names.get(p.authorId ?? -1) ?? '', scaffold: label(p.scaffold), excerpt: excerpt(htmlToText(p.bodyHtml), 200), checked: values.targets.includes(p.id) })),
    scaffolds: scaffolds.filter((s) => s.active).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) })),
    values: { body: str(values.body), scaffold: str(values.scaffold) || 'putting_together' },
    errors,
    links: threadLinks(actor, thread, url),
  });
}

async function renderScaffolds({ actor, t, url }: MemberContext, res: Response, saved: boolean, scaffolds: Array<{ key: string; labelFr: string; labelEn: string; active: boolean }>, errors: Record<string, string>) {
  res.locals.navCurrent = 'knowledge';
  res.render('discussions/scaffolds', {
    title: t('discussions.scaffolds.title'),
    rows: [...scaffolds, { key: '', labelFr: '', labelEn: '', active: true }, { key: '', labelFr: '', labelEn: '', active: true }],
    saved,
    errors,
    links: scaffoldLinks(actor, url),
  });
}
