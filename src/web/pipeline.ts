import type { Request, Response, RequestHandler } from 'express';
import type { Sequelize, Transaction } from 'sequelize';
import type { TFunction } from 'i18next';
import type { z, ZodIssue, ZodTypeAny } from 'zod';
import type { Lang } from '../i18n';
import type { Session } from '../sessions/model';
import type { User } from '../users/model';
import type { Community, Membership } from '../kernel/community';
import { actorOf, type Actor } from '../kernel/actor';
import { DomainError, forbidden, notFound } from '../kernel/errors';
import { retryTransaction } from '../db/retry';
import { formErrors } from '../content/forms';

/**
 * The request pipeline of a route, declared step by step so the route reads like a table of
 * contents (STYLE.md): validate the input, load the subject scoped to the community, authorize
 * with the feature's policy, run one command in `retryTransaction`, then the handler renders or
 * redirects. Steps run in the order they are written (which decides 403 before 400, or 404
 * before 403), and each adds a typed field to the context the handler reads: `input`, `subject`,
 * `result`. Refusals are `DomainError`s (or the schema's `ZodError`), mapped by `web/errors.ts`.
 *
 *   r.post('/c/:communityId/x/:id', ...guard, member(sequelize)
 *     .load((c, req) => Thing.findOne({ where: { id: idParam(req.params.id), communityId: c.actor.communityId } }))
 *     .authorize(thingPolicy.edit)
 *     .validate(thingSchema, { invalid: (c, form, req, res) => renderForm(c, res, form) })
 *     .transaction((c, t) => editThing(c.actor, c.subject, c.input, t))
 *     .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/x/${c.subject.id}`))));
 */

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** What every step of a community route reads (after `communityMember`): the actor and its membership. */
export interface MemberContext {
  actor: Actor;
  user: User;
  membership: Membership;
  community: Community;
  lang: Lang;
  t: TFunction;
  url: Url;
}

/** Who acts on a route outside communities (after `sessionRequired` only): the session's user. */
export interface SessionActor {
  user: User;
  session: Session;
}

export interface SessionContext {
  actor: SessionActor;
  lang: Lang;
  t: TFunction;
  url: Url;
}

/** A form that failed its schema: the messages by field (translated) and what the member sent. */
export interface InvalidForm {
  errors: Record<string, string>;
  issues: ZodIssue[];
  values: Record<string, unknown>;
}

type Source = 'body' | 'query' | 'params' | ((req: Request) => unknown);
type SubjectOf<C> = C extends { subject: infer S } ? S : undefined;
/** A step either lets the request go on or has answered it (a form re-rendered with its errors). */
type Step = (c: Record<string, unknown>, req: Request, res: Response) => Promise<'answered' | void>;

/** The steps of one route so far; `C` is the context they build (each step adds to it). */
export class Pipeline<A, C extends { actor: A; t: TFunction }> {
  constructor(
    private readonly start: (req: Request, res: Response) => C,
    private readonly sequelize: Sequelize | null,
    private readonly steps: readonly Step[] = [],
  ) {}

  private with<D extends { actor: A; t: TFunction }>(step: Step): Pipeline<A, D> {
    return new Pipeline<A, D>(this.start as unknown as (req: Request, res: Response) => D, this.sequelize, [...this.steps, step]);
  }

  /**
   * Parse the input (the body by default) with a zod schema, or one built from the context (a
   * rule that needs the actor). On failure the answer is 400: the `invalid` callback re-renders
   * the form (the status is already set), or throws; without it, the schema's error reaches the
   * error page.
   */
  validate<S extends ZodTypeAny>(
    schema: S | ((c: C) => S),
    opts: { from?: Source; invalid?: (c: C, form: InvalidForm, req: Request, res: Response) => unknown } = {},
  ): Pipeline<A, C & { input: z.output<S> }> {
    return this.with(async (c, req, res) => {
      const raw = readSource(req, opts.from ?? 'body');
      const s = typeof schema === 'function' ? schema(c as C) : schema;
      const parsed = await s.safeParseAsync(raw);
      if (parsed.success) {
        c.input = parsed.data;
        return;
      }
      if (!opts.invalid) throw parsed.error;
      const values = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      res.status(400);
      await opts.invalid(c as C, { errors: formErrors(parsed.error.issues, (c as C).t), issues: parsed.error.issues, values }, req, res);
      return 'answered';
    });
  }

  /** Load the subject (scoped to the community by the loader); nothing found is a 404. */
  load<T>(loader: (c: C, req: Request) => Promise<T | null | undefined> | T | null | undefined): Pipeline<A, C & { subject: T }> {
    return this.with(async (c, req) => {
      const subject = await loader(c as C, req);
      if (subject === null || subject === undefined) throw notFound();
      c.subject = subject;
    });
  }

  /** Ask the feature's policy about the actor (and the subject loaded so far); a no is a 403. */
  authorize(policy: (actor: A, subject: SubjectOf<C>) => boolean): Pipeline<A, C> {
    return this.with(async (c) => {
      if (!policy(c.actor as A, c.subject as SubjectOf<C>)) throw forbidden();
    });
  }

  /**
   * Run the command in one `retryTransaction` (all of it or nothing); its result is `result`. With
   * `refused`, a command's invalid refusal (a rule only the command can check, such as a date the
   * charter does not allow) shows the form again with a 400 instead of the error page; the
   * transaction is rolled back either way.
   */
  transaction<R>(
    command: (c: C, t: Transaction) => Promise<R>,
    opts: { refused?: (c: C, err: DomainError, req: Request, res: Response) => unknown } = {},
  ): Pipeline<A, C & { result: R }> {
    const sequelize = this.sequelize;
    if (!sequelize) throw new Error('pipeline: transaction() needs the Sequelize instance');
    return this.with(async (c, req, res) => {
      try {
        c.result = await retryTransaction(sequelize, (t) => command(c as C, t));
      } catch (err) {
        if (!opts.refused || !(err instanceof DomainError) || err.refusal !== 'invalid') throw err;
        res.status(400);
        await opts.refused(c as C, err, req, res);
        return 'answered';
      }
    });
  }

  /** The Express handler: the steps in order, then `handler` (render, redirect, send). */
  handle(handler: (c: C, req: Request, res: Response) => unknown): RequestHandler {
    const { start, steps } = this;
    return async (req, res) => {
      const c = start(req, res) as unknown as Record<string, unknown>;
      for (const step of steps) if ((await step(c, req, res)) === 'answered') return;
      await handler(c as unknown as C, req, res);
    };
  }
}

function readSource(req: Request, from: Source): unknown {
  if (typeof from === 'function') return from(req);
  return from === 'body' ? req.body ?? {} : from === 'query' ? req.query : req.params;
}

/** The context of a community request; without a membership the session has ended (401). */
export function memberContext(req: Request, res: Response): MemberContext {
  const ctx = req.ctx;
  const actor = actorOf(ctx);
  if (!ctx?.membership || !ctx.community) throw new DomainError('unauthenticated', 'errors.session_expired');
  return { actor, user: ctx.user, membership: ctx.membership, community: ctx.community, lang: ctx.lang, t: ctx.t, url: res.locals.url };
}

/** The context of a signed-in request outside communities. */
export function sessionContext(req: Request, res: Response): SessionContext {
  const ctx = req.ctx;
  if (!ctx) throw new DomainError('unauthenticated', 'errors.session_expired');
  return { actor: { user: ctx.user, session: ctx.session }, lang: ctx.lang, t: ctx.t, url: res.locals.url };
}

/** A community route's pipeline (after `sessionRequired` and `communityMember`). */
export function member(sequelize: Sequelize | null = null): Pipeline<Actor, MemberContext> {
  return new Pipeline<Actor, MemberContext>(memberContext, sequelize);
}

/** A signed-in route's pipeline outside communities (after `sessionRequired`). */
export function signedIn(sequelize: Sequelize | null = null): Pipeline<SessionActor, SessionContext> {
  return new Pipeline<SessionActor, SessionContext>(sessionContext, sequelize);
}
