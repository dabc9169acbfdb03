import { Router, type Request, type Response } from 'express';
import { Op, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { excerpt } from '../content/markdown';
import { htmlToText } from '../content/sanitize';
import { namesOf } from '../content/people';
import { riseAboveSchema, scaffoldsSchema } from './schemas';
import { threadPolicy, sharingPolicy } from './policy';
import { loadThread } from './load';
import { createRiseAbove, RISE_ABOVE_MIN, RISE_ABOVE_MAX } from './rise-above';
import { communityScaffolds, saveScaffolds, scaffoldLabel, MAX_SCAFFOLDS, type ScaffoldInput } from './scaffolds';
import { validScaffold } from './reply-form';
import { postLocation } from './locate';
import { Post, type Thread } from './model';
import { retryTransaction } from '../db/retry';

/** Knowledge building: rise-above notes and the community's scaffold set. */
export function knowledgeRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/threads/:threadId/rise-above', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['knowledge']);
    if (!threadPolicy.riseAbove(actor, thread)) throw forbidden();
    await renderRiseAbove(req, res, actor, thread, { targets: [] }, {});
  });

  r.post('/c/:communityId/threads/:threadId/rise-above', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.threadId), ['knowledge']);
    if (!threadPolicy.riseAbove(actor, thread)) throw forbidden();
    const parsed = riseAboveSchema.safeParse(req.body);
    const errors: Record<string, string> = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
    const targets = parsed.success ? parsed.data.targets : [];
    if (parsed.success && (targets.length < RISE_ABOVE_MIN || targets.length > RISE_ABOVE_MAX)) errors.targets = req.ctx!.t('discussions.errors.rise_above_count', { min: RISE_ABOVE_MIN, max: RISE_ABOVE_MAX });
    const scaffold = parsed.success ? await validScaffold(actor, parsed.data.scaffold) : null;
    if (scaffold === false) errors.scaffold = req.ctx!.t('discussions.errors.scaffold');
    if (!parsed.success || Object.keys(errors).length) return renderRiseAbove(req, res.status(400), actor, thread, { ...req.body, targets }, errors);
    const post = await retryTransaction(sequelize, (t) => createRiseAbove(actor, thread, { body: parsed.data.body, targetIds: targets, scaffold: scaffold || null }, t));
    const at = await postLocation(post, thread);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  });

  r.get('/c/:communityId/scaffolds', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!sharingPolicy.manageScaffolds(actor)) throw forbidden();
    await renderScaffolds(req, res, actor, await communityScaffolds(actor.communityId), {});
  });

  r.post('/c/:communityId/scaffolds', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!sharingPolicy.manageScaffolds(actor)) throw forbidden();
    const form = scaffoldsSchema.parse(req.body);
    const rows: ScaffoldInput[] = [];
    const errors: Record<string, string> = {};
    form.label_fr.forEach((fr, i) => {
      const labelFr = fr.trim();
      const labelEn = (form.label_en[i] ?? '').trim();
      if (!labelFr && !labelEn) return;
      if (!labelFr || !labelEn || labelFr.length > 80 || labelEn.length > 80) errors[`row${i}`] = req.ctx!.t('discussions.errors.scaffold_labels');
      rows.push({ key: form.key[i] || undefined, labelFr, labelEn, active: form.state[i] !== 'archived' });
    });
    if (rows.filter((s) => s.active).length === 0) errors.form = req.ctx!.t('discussions.errors.scaffold_none');
    if (rows.length > MAX_SCAFFOLDS + 6) errors.form = req.ctx!.t('discussions.errors.scaffold_many', { max: MAX_SCAFFOLDS });
    if (rows.filter((s) => s.active).length > MAX_SCAFFOLDS) errors.form = req.ctx!.t('discussions.errors.scaffold_many', { max: MAX_SCAFFOLDS });
    if (Object.keys(errors).length) return renderScaffolds(req, res.status(400), actor, rows.map((s) => ({ key: s.key ?? '', labelFr: s.labelFr, labelEn: s.labelEn, active: s.active })), errors);
    await retryTransaction(sequelize, (t) => saveScaffolds(actor, rows, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/scaffolds`, { saved: 1 }));
  });

  return r;
}

/** The rise-above form: the thread's visible contributions (latest 500) to pick from. */
async function renderRiseAbove(req: Request, res: Response, actor: Actor, thread: Thread, values: Record<string, unknown> & { targets: number[] }, errors: Record<string, string>) {
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
    title: req.ctx!.t('discussions.rise_above.title'),
    thread: { id: thread.id, title: thread.title },
    contributions: posts.reverse().map((p) => ({ id: p.id, author: names.get(p.authorId ?? -1) ?? '', scaffold: label(p.scaffold), excerpt: excerpt(htmlToText(p.bodyHtml), 200), checked: values.targets.includes(p.id) })),
    scaffolds: scaffolds.filter((s) => s.active).map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang) })),
    values: { body: str(values.body), scaffold: str(values.scaffold) || 'putting_together' },
    errors,
  });
}

async function renderScaffolds(req: Request, res: Response, actor: Actor, scaffolds: Array<{ key: string; labelFr: string; labelEn: string; active: boolean }>, errors: Record<string, string>) {
  res.locals.navCurrent = 'knowledge';
  res.render('discussions/scaffolds', {
    title: req.ctx!.t('discussions.scaffolds.title'),
    rows: [...scaffolds, { key: '', labelFr: '', labelEn: '', active: true }, { key: '', labelFr: '', labelEn: '', active: true }],
    saved: req.query.saved === '1',
    errors,
  });
}
