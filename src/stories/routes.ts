import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type InvalidForm, type MemberContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import { STORY_CYCLES, ValueStory, type StorySubjectType } from './model';
import { storyPolicy } from './policy';
import { promptSchema, storyForm, storyListQuery, type EvidenceCheck } from './schemas';
import { listStories, removeStory, writeStory } from './service';
import { presentPromptCandidates, presentStories, storyLinks, subjectStoriesPath } from './presenters';
import { promptCandidates, promptStory, PROMPT_AFTER_DAYS } from './prompts';
import { multipartForm } from '../resources/upload';
import { diskStore, newFileKey } from '../resources/storage';
import { checkUpload, MAX_UPLOAD_MB, ALLOWED_EXTENSIONS } from '../resources/files';
import { evidenceDownload } from './evidence';
import { loadSubject, type StorySubject } from './subject';

/** The two kinds of contribution a story is told on, and their URL segment. */
const SUBJECT_PATHS: Array<{ type: StorySubjectType; path: string; param: string }> = [
  { type: 'post', path: '/c/:communityId/posts/:postId/stories', param: 'postId' },
  { type: 'resource', path: '/c/:communityId/resources/:resourceId/stories', param: 'resourceId' },
];

const TOO_LARGE = 'resources.errors.file_too_large';

/** The story form's fields and what its file field left (multipartForm's refusal first). */
function storyFormInput(req: Request): Record<string, unknown> {
  const uploadError = req.res?.locals.uploadError as string | undefined;
  const checked = req.file ? checkUpload(req.file) : null;
  const file: EvidenceCheck = uploadError ? { ok: false, error: uploadError } : checked?.ok ? { ...checked, buffer: req.file!.buffer } : checked;
  return { ...(req.body ?? {}), file };
}

/** Value stories: the community's page, the stories of one contribution with the form to tell one, removal. */
export function storyRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const store = diskStore(config.DATA_DIR);
  const route = member(sequelize);

  r.get('/c/:communityId/stories', ...guard, route
    .validate(storyListQuery, { from: 'query' })
    .handle(async ({ actor, input: { cycle }, t, url }, req, res) => {
      const stories = await presentStories(actor, await listStories(actor.communityId, { cycle }), url);
      const canPrompt = storyPolicy.prompt(actor);
      const prompts = canPrompt ? await presentPromptCandidates(actor, await promptCandidates(actor.communityId), url) : [];
      res.locals.navCurrent = 'stories';
      res.render('stories/index', { title: t('stories.title'), stories, cycles: STORY_CYCLES, cycle: cycle ?? '', canPrompt, prompts, promptDays: PROMPT_AFTER_DAYS, links: storyLinks(actor, url) });
    }));

  r.post('/c/:communityId/stories/prompts', ...guard, route
    .authorize(storyPolicy.prompt)
    .validate(promptSchema)
    .transaction((c, t) => promptStory(c.actor, c.input.reaction, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/stories`))));

  for (const s of SUBJECT_PATHS) {
    const subject = route.load((c, req) => loadSubject(c.actor, s.type, idParam(req.params[s.param])));

    r.get(s.path, ...guard, subject.handle((c, req, res) => renderSubject(c, res, c.subject, { cycle: typeof req.query.cycle === 'string' ? req.query.cycle : '' }, {})));

    // The form is multipart (an optional evidence file): parsed before the session check, as resources are.
    r.post(s.path, multipartForm, ...guard, subject
      .authorize((actor, subject) => storyPolicy.write(actor, subject.state))
      .validate(storyForm, { from: storyFormInput, invalid: (c, form, req, res) => renderInvalid(c, res, form) })
      .transaction(({ actor, subject, input }, t) => {
        const file = input.file?.ok ? { upload: { key: newFileKey(actor.communityId), name: input.file.name, mime: input.file.mime, buffer: input.file.buffer }, store } : null;
        return writeStory(actor, subject, input, file, t);
      })
      .handle((c, req, res) => res.redirect(303, c.url(subjectStoriesPath(c.subject)))));
  }

  r.get('/c/:communityId/stories/:storyId/evidence', ...guard, evidenceDownload(store));

  r.post('/c/:communityId/stories/:storyId/delete', ...guard, route
    .load((c, req) => ValueStory.findOne({ where: { id: idParam(req.params.storyId), communityId: c.actor.communityId, deletedAt: null } }))
    .authorize(storyPolicy.remove)
    .transaction((c, t) => removeStory(c.actor, c.subject, t))
    .handle(async (c, req, res) => {
      if (c.subject.evidenceFileKey) await store.remove(c.subject.evidenceFileKey).catch(() => undefined);
      res.redirect(303, c.url(`/c/${c.actor.communityId}/stories`));
    }));

  return r;
}

/** The story form refused: its messages (the file's with the limits it broke), 413 for a file over the limit. */
function renderInvalid(c: MemberContext & { subject: StorySubject }, res: Response, form: InvalidForm) {
  const file = form.values.file as EvidenceCheck;
  const errors = { ...form.errors };
  if (file && !file.ok) errors.file = c.t(file.error, { max: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') });
  if (res.locals.uploadError === TOO_LARGE) res.status(413);
  return renderSubject(c, res, c.subject, form.values, errors);
}

/** The stories told on one contribution, and the form to tell one (re-rendered with its errors). */
async function renderSubject({ actor, t, url }: MemberContext, res: Response, subject: StorySubject, values: Record<string, unknown>, errors: Record<string, string>) {
  const stories = await presentStories(actor, await listStories(actor.communityId, { subject }), url);
  res.locals.navCurrent = 'stories';
  res.render('stories/subject', {
    title: t('stories.subject_title', { title: subject.title }),
    subject: { title: subject.title, href: url(subject.path), action: url(subjectStoriesPath(subject)) },
    stories,
    cycles: STORY_CYCLES,
    canWrite: storyPolicy.write(actor, subject.state),
    values: { cycle: String(values.cycle ?? ''), body: String(values.body ?? ''), evidence: String(values.evidence ?? '') },
    errors,
    limits: { maxMb: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') },
  });
}
