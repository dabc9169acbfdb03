import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { loadMembers } from '../profiles/members';
import { Mentorship } from './model';
import { mentoringPolicy, type PairSubject } from './policy';
import { requestSchema, messageSchema, goalSchema, checkinSchema, toggleSchema } from './schemas';
import { requestMentoring, respondToRequest, closeMentoring, setFacilitatorsInvited } from './service';
import { postMessage, addGoal, setGoalDone, checkIn } from './space';
import { mentoringOverview, presentPair } from './presenter';
import { suggestMentors } from './suggest';
import { retryTransaction } from '../db/retry';

/** Mentoring: the overview, asking for (or pairing) a mentor, the pair's page and its private space. */
export function mentoringRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const base = (a: Actor, pairId?: number) => `/c/${a.communityId}/mentoring${pairId ? `/${pairId}` : ''}`;

  /** A pair of the actor's community that the actor may see, or 404 (nothing about other pairs leaks). */
  const loadPair = async (actor: Actor, raw: unknown): Promise<Mentorship> => {
    const pair = await Mentorship.findOne({ where: { id: idParam(raw), communityId: actor.communityId } });
    if (!pair || !mentoringPolicy.see(actor, pair)) throw notFound();
    return pair;
  };
  /** A write to the pair's space: the policy decides, the command runs in one transaction, back to the pair. */
  const act = (check: (a: Actor, p: PairSubject) => boolean, run: (req: Request, actor: Actor, pair: Mentorship) => (t: import('sequelize').Transaction) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const actor = actorOf(req.ctx);
      const pair = await loadPair(actor, req.params.pairId);
      if (!check(actor, pair)) throw forbidden();
      await retryTransaction(sequelize, run(req, actor, pair));
      res.redirect(303, res.locals.url(base(actor, pair.id)));
    };

  r.get('/c/:communityId/mentoring', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    res.locals.navCurrent = 'mentoring';
    res.render('mentoring/index', { title: req.ctx!.t('mentoring.title'), overview: await mentoringOverview(actor, res.locals.url), can: { request: mentoringPolicy.request(actor), pair: mentoringPolicy.pair(actor) } });
  });

  r.get('/c/:communityId/mentoring/new', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!mentoringPolicy.request(actor)) throw forbidden();
    await renderNew(req, res, actor, { mentor: str(req.query.mentor), mentee: str(req.query.mentee) }, {});
  });

  r.post('/c/:communityId/mentoring', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!mentoringPolicy.request(actor)) throw forbidden();
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) return renderNew(req, res.status(400), actor, req.body, formErrors(parsed.error.issues, req.ctx!.t));
    const menteeId = parsed.data.mentee ?? actor.membershipId;
    if (menteeId !== actor.membershipId && !mentoringPolicy.pair(actor)) throw forbidden();
    const pair = await retryTransaction(sequelize, (t) => requestMentoring(actor, { mentorId: parsed.data.mentor, menteeId, message: parsed.data.message }, t));
    res.redirect(303, res.locals.url(base(actor, pair.id)));
  });

  r.get('/c/:communityId/mentoring/:pairId', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const view = await presentPair(actor, await loadPair(actor, req.params.pairId));
    res.locals.navCurrent = 'mentoring';
    res.render('mentoring/show', { title: req.ctx!.t('mentoring.pair_title', { mentee: view.pair.mentee.name, mentor: view.pair.mentor.name }), view, errors: {} });
  });

  r.post('/c/:communityId/mentoring/:pairId/accept', ...guard, act(mentoringPolicy.respond, (_req, a, p) => (t) => respondToRequest(a, p, true, t)));
  r.post('/c/:communityId/mentoring/:pairId/decline', ...guard, act(mentoringPolicy.respond, (_req, a, p) => (t) => respondToRequest(a, p, false, t)));
  r.post('/c/:communityId/mentoring/:pairId/close', ...guard, act(mentoringPolicy.close, (_req, a, p) => (t) => closeMentoring(a, p, t)));
  r.post('/c/:communityId/mentoring/:pairId/invite', ...guard, act(mentoringPolicy.invite, (req, a, p) => (t) => setFacilitatorsInvited(a, p, toggleSchema.parse(req.body).on, t)));
  r.post('/c/:communityId/mentoring/:pairId/messages', ...guard, act(mentoringPolicy.write, (req, a, p) => (t) => postMessage(a, p, messageSchema.parse(req.body).body, t)));
  r.post('/c/:communityId/mentoring/:pairId/goals', ...guard, act(mentoringPolicy.write, (req, a, p) => (t) => addGoal(a, p, goalSchema.parse(req.body).title, t)));
  r.post('/c/:communityId/mentoring/:pairId/goals/:goalId', ...guard, act(mentoringPolicy.write, (req, a, p) => (t) => setGoalDone(a, p, idParam(req.params.goalId), toggleSchema.parse(req.body).on, t)));
  r.post('/c/:communityId/mentoring/:pairId/checkins', ...guard, act(mentoringPolicy.write, (req, a, p) => (t) => checkIn(a, p, checkinSchema.parse(req.body).note, t)));

  /** The request form: suggested mentors (with why), everyone else who can mentor; facilitators also pick the newcomer. */
  async function renderNew(req: Request, res: Response, actor: Actor, values: Record<string, unknown>, errors: Record<string, string>) {
    const records = await loadMembers(actor.communityId);
    const pairing = mentoringPolicy.pair(actor);
    const menteeId = pairing && /^\d+$/.test(str(values.mentee)) ? Number(str(values.mentee)) : actor.membershipId;
    const mentee = records.find((m) => m.membershipId === menteeId) ?? records.find((m) => m.membershipId === actor.membershipId)!;
    const suggestions = await suggestMentors(sequelize, actor.communityId, actor, mentee, records);
    const suggested = new Set(suggestions.map((s) => s.card.membershipId));
    res.locals.navCurrent = 'mentoring';
    res.render('mentoring/new', {
      title: req.ctx!.t('mentoring.new_title'),
      suggestions,
      others: records.filter((m) => m.role !== 'observer' && m.membershipId !== mentee.membershipId && !suggested.has(m.membershipId)).map((m) => ({ id: m.membershipId, name: m.name })),
      mentees: pairing ? records.filter((m) => m.role !== 'observer').map((m) => ({ id: m.membershipId, name: m.name })) : [],
      mentee: { id: mentee.membershipId, name: mentee.name },
      values: { mentor: str(values.mentor), message: str(values.message) },
      errors,
    });
  }

  return r;
}
