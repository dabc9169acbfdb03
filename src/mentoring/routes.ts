import { Router, type Request, type Response } from 'express';
import type { Sequelize, Transaction } from 'sequelize';
import type { ZodTypeAny, z } from 'zod';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { str } from '../content/forms';
import { loadMembers } from '../profiles/members';
import { Mentorship } from './model';
import { mentoringPolicy, type PairSubject } from './policy';
import { requestSchema, messageSchema, goalSchema, goalToggleSchema, checkinSchema, toggleSchema, noInput } from './schemas';
import { requestMentoring, respondToRequest, closeMentoring, setFacilitatorsInvited } from './service';
import { postMessage, addGoal, setGoalDone, checkIn } from './space';
import { mentoringLinks, mentoringOverview, presentPair } from './presenters';
import { suggestMentors } from './suggest';

/** Mentoring: the overview, asking for (or pairing) a mentor, the pair's page and its private space. */
export function mentoringRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const base = (a: Actor, pairId?: number) => `/c/${a.communityId}/mentoring${pairId ? `/${pairId}` : ''}`;

  /** A pair of the actor's community that the actor may see, or 404 (nothing about other pairs leaks). */
  const pairOf = async ({ actor }: MemberContext, req: Request) => {
    const pair = await Mentorship.findOne({ where: { id: idParam(req.params.pairId), communityId: actor.communityId } });
    return pair && mentoringPolicy.see(actor, pair) ? pair : null;
  };
  const pairRoute = route.load(pairOf);
  /** A write to the pair's space: the policy decides, then the form, then one command; back to the pair. */
  const act = <S extends ZodTypeAny>(
    check: (a: Actor, p: PairSubject) => boolean,
    schema: S,
    run: (a: Actor, p: Mentorship, input: z.output<S>, t: Transaction) => Promise<unknown>,
    from?: (req: Request) => unknown,
  ) =>
    pairRoute
      .authorize(check)
      .validate(schema, { from })
      .transaction((c, t) => run(c.actor, c.subject, c.input, t))
      .handle(({ actor, subject: pair, url }, req, res) => res.redirect(303, url(base(actor, pair.id))));

  r.get('/c/:communityId/mentoring', ...guard, route.handle(async ({ actor, t, url }, req, res) => {
    res.locals.navCurrent = 'mentoring';
    res.render('mentoring/index', {
      title: t('mentoring.title'),
      overview: await mentoringOverview(actor, url),
      can: { request: mentoringPolicy.request(actor), pair: mentoringPolicy.pair(actor) },
      links: mentoringLinks(actor.communityId, url),
    });
  }));

  r.get('/c/:communityId/mentoring/new', ...guard, route
    .authorize(mentoringPolicy.request)
    .handle((c, req, res) => renderNew(c, res, { mentor: str(req.query.mentor), mentee: str(req.query.mentee) }, {})));

  r.post('/c/:communityId/mentoring', ...guard, route
    .authorize(mentoringPolicy.request)
    .validate(requestSchema, { invalid: (c, form, req, res) => renderNew(c, res, form.values, form.errors) })
    // The mentee named in the form is the subject: another member than oneself is a facilitator's pairing.
    .load(({ actor, input }) => ({ menteeId: input.mentee ?? actor.membershipId }))
    .authorize(mentoringPolicy.requestFor)
    .transaction(({ actor, input, subject }, t) => requestMentoring(actor, { mentorId: input.mentor, menteeId: subject.menteeId, message: input.message }, t))
    .handle(({ actor, result: pair, url }, req, res) => res.redirect(303, url(base(actor, pair.id)))));

  r.get('/c/:communityId/mentoring/:pairId', ...guard, pairRoute.handle(async ({ actor, subject, t, url }, req, res) => {
    const view = await presentPair(actor, subject, url);
    res.locals.navCurrent = 'mentoring';
    res.render('mentoring/show', { title: t('mentoring.pair_title', { mentee: view.pair.mentee.name, mentor: view.pair.mentor.name }), view, errors: {} });
  }));

  r.post('/c/:communityId/mentoring/:pairId/accept', ...guard, act(mentoringPolicy.respond, noInput, (a, p, _i, t) => respondToRequest(a, p, true, t)));
  r.post('/c/:communityId/mentoring/:pairId/decline', ...guard, act(mentoringPolicy.respond, noInput, (a, p, _i, t) => respondToRequest(a, p, false, t)));
  r.post('/c/:communityId/mentoring/:pairId/close', ...guard, act(mentoringPolicy.close, noInput, (a, p, _i, t) => closeMentoring(a, p, t)));
  r.post('/c/:communityId/mentoring/:pairId/invite', ...guard, act(mentoringPolicy.invite, toggleSchema, (a, p, i, t) => setFacilitatorsInvited(a, p, i.on, t)));
  r.post('/c/:communityId/mentoring/:pairId/messages', ...guard, act(mentoringPolicy.write, messageSchema, (a, p, i, t) => postMessage(a, p, i.body, t)));
  r.post('/c/:communityId/mentoring/:pairId/goals', ...guard, act(mentoringPolicy.write, goalSchema, (a, p, i, t) => addGoal(a, p, i.title, t)));
  r.post('/c/:communityId/mentoring/:pairId/goals/:goalId', ...guard, act(mentoringPolicy.write, goalToggleSchema, (a, p, i, t) => setGoalDone(a, p, i.goalId, i.on, t), (req) => ({ ...req.body, goalId: idParam(req.params.goalId) })));
  r.post('/c/:communityId/mentoring/:pairId/checkins', ...guard, act(mentoringPolicy.write, checkinSchema, (a, p, i, t) => checkIn(a, p, i.note, t)));

  /** The request form: suggested mentors (with why), everyone else who can mentor; facilitators also pick the newcomer. */
  async function renderNew({ actor, t, url }: MemberContext, res: Response, values: Record<string, unknown>, errors: Record<string, string>) {
    const records = await loadMembers(actor.communityId);
    const pairing = mentoringPolicy.pair(actor);
    const menteeId = pairing && /^\d+$/.test(str(values.mentee)) ? Number(str(values.mentee)) : actor.membershipId;
    const mentee = records.find((m) => m.membershipId === menteeId) ?? records.find((m) => m.membershipId === actor.membershipId)!;
    const suggestions = await suggestMentors(sequelize, actor.communityId, actor, mentee, records);
    const suggested = new Set(suggestions.map((s) => s.card.membershipId));
    res.locals.navCurrent = 'mentoring';
    res.render('mentoring/new', {
      title: t('mentoring.new_title'),
      suggestions,
      others: records.filter((m) => m.role !== 'observer' && m.membershipId !== mentee.membershipId && !suggested.has(m.membershipId)).map((m) => ({ id: m.membershipId, name: m.name })),
      mentees: pairing ? records.filter((m) => m.role !== 'observer').map((m) => ({ id: m.membershipId, name: m.name })) : [],
      mentee: { id: mentee.membershipId, name: mentee.name },
      values: { mentor: str(values.mentor), message: str(values.message) },
      links: mentoringLinks(actor.communityId, url),
      errors,
    });
  }

  return r;
}
