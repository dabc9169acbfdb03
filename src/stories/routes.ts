import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors } from '../content/forms';
import { STORY_CYCLES, ValueStory, type StorySubjectType } from './model';
import { storyPolicy } from './policy';
import { promptSchema, storyListQuery, storySchema } from './schemas';
import { listStories, removeStory, writeStory } from './service';
import { presentPromptCandidates, presentStories } from './presenter';
import { promptCandidates, promptStory, PROMPT_AFTER_DAYS } from './prompts';
import { multipartForm } from '../resources/upload';
import { diskStore, newFileKey } from '../resources/storage';
import { checkUpload, MAX_UPLOAD_MB, ALLOWED_EXTENSIONS } from '../resources/files';
import { evidenceDownload } from './evidence';
import { loadSubject, type StorySubject } from './subject';
import { retryTransaction } from '../db/retry';

/** The two kinds of contribution a story is told on, and their URL segment. */
const SUBJECT_PATHS: Array<{ type: StorySubjectType; path: string; param: string }> = [
  { type: 'post', path: '/c/:communityId/posts/:postId/stories', param: 'postId' },
  { type: 'resource', path: '/c/:communityId/resources/:resourceId/stories', param: 'resourceId' },
];

/** Value stories: the community's page, the stories of one contribution with the form to tell one, removal. */
export function storyRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const store = diskStore(config.DATA_DIR);

  r.get('/c/:communityId/stories', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { cycle } = storyListQuery.parse(req.query);
    const stories = await presentStories(actor, await listStories(actor.communityId, { cycle }), res.locals.url);
    const canPrompt = storyPolicy.prompt(actor);
    const prompts = canPrompt ? await presentPromptCandidates(actor, await promptCandidates(actor.communityId), res.locals.url) : [];
    res.locals.navCurrent = 'stories';
    res.render('stories/index', { title: req.ctx!.t('stories.title'), stories, cycles: STORY_CYCLES, cycle: cycle ?? '', canPrompt, prompts, promptDays: PROMPT_AFTER_DAYS });
  });

  r.post('/c/:communityId/stories/prompts', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!storyPolicy.prompt(actor)) throw forbidden();
    const { reaction } = promptSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => promptStory(actor, reaction, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/stories`));
  });

  for (const s of SUBJECT_PATHS) {
    r.get(s.path, ...guard, async (req, res) => {
      const actor = actorOf(req.ctx);
      const subject = await loadSubject(actor, s.type, idParam(req.params[s.param]));
      await renderSubject(req, res, actor, subject, { cycle: typeof req.query.cycle === 'string' ? req.query.cycle : '' }, {});
    });

    // The form is multipart (an optional evidence file): parsed before the session check, as resources are.
    r.post(s.path, multipartForm, ...guard, async (req, res) => {
      const actor = actorOf(req.ctx);
      const subject = await loadSubject(actor, s.type, idParam(req.params[s.param]));
      if (!storyPolicy.write(actor, subject.state)) throw forbidden();
      const t = req.ctx!.t;
      const parsed = storySchema.safeParse(req.body ?? {});
      const errors = parsed.success ? {} : formErrors(parsed.error.issues, t);
      const checked = res.locals.uploadError ? { ok: false as const, error: res.locals.uploadError as string } : req.file ? checkUpload(req.file) : null;
      if (checked && !checked.ok) errors.file = t(checked.error, { max: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') });
      if (!parsed.success || Object.keys(errors).length) return renderSubject(req, res.status(res.locals.uploadError === 'resources.errors.file_too_large' ? 413 : 400), actor, subject, req.body ?? {}, errors);
      const upload = checked?.ok ? { key: newFileKey(actor.communityId), name: checked.name, mime: checked.mime, buffer: req.file!.buffer } : null;
      try {
        await retryTransaction(sequelize, (tx) => writeStory(actor, subject, parsed.data, upload && { upload, store }, tx));
      } catch (err) {
        if (upload) await store.remove(upload.key).catch(() => undefined);
        throw err;
      }
      res.redirect(303, res.locals.url(req.path));
    });
  }

  r.get('/c/:communityId/stories/:storyId/evidence', ...guard, evidenceDownload(store));

  r.post('/c/:communityId/stories/:storyId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const story = await ValueStory.findOne({ where: { id: idParam(req.params.storyId), communityId: actor.communityId, deletedAt: null } });
    if (!story) throw notFound();
    if (!storyPolicy.remove(actor, story)) throw forbidden();
    await retryTransaction(sequelize, (t) => removeStory(actor, story, t));
    if (story.evidenceFileKey) await store.remove(story.evidenceFileKey).catch(() => undefined);
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/stories`));
  });

  return r;
}

/** The stories told on one contribution, and the form to tell one (re-rendered with its errors). */
async function renderSubject(req: Request, res: Response, actor: Actor, subject: StorySubject, values: Record<string, unknown>, errors: Record<string, string>) {
  const stories = await presentStories(actor, await listStories(actor.communityId, { subject }), res.locals.url);
  res.locals.navCurrent = 'stories';
  res.render('stories/subject', {
    title: req.ctx!.t('stories.subject_title', { title: subject.title }),
    subject: { title: subject.title, href: res.locals.url(subject.path), action: req.path },
    stories,
    cycles: STORY_CYCLES,
    canWrite: storyPolicy.write(actor, subject.state),
    values: { cycle: String(values.cycle ?? ''), body: String(values.body ?? ''), evidence: String(values.evidence ?? '') },
    errors,
    limits: { maxMb: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') },
  });
}
