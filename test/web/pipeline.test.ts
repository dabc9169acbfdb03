import assert from 'node:assert/strict';
import type { Request, Response } from 'express';
import { DataTypes, Model, type Sequelize } from 'sequelize';
import { z, ZodError } from 'zod';
import { createSequelize } from '../../src/db';
import { member } from '../../src/web/pipeline';
import { urlBuilder, type RequestContext } from '../../src/web/context';
import { DomainError } from '../../src/kernel/errors';
import { translator } from '../../src/i18n';
import { scratchDatabase } from '../helpers/db';

/** A community request as `communityMember` leaves it: a learner of community 7. */
function request(input: { body?: Record<string, unknown>; params?: Record<string, string>; role?: 'learner' | 'facilitator' } = {}) {
  const ctx = {
    lang: 'en',
    t: translator('en'),
    user: { id: 3 },
    membership: { id: 30, communityId: 7 },
    community: { id: 7 },
    role: input.role ?? 'learner',
  } as unknown as RequestContext;
  const req = { ctx, body: input.body ?? {}, params: input.params ?? {}, query: {} } as unknown as Request;
  const res = {
    statusCode: 200,
    locals: { url: urlBuilder() },
    rendered: null as null | { view: string; data: Record<string, unknown> },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    render(view: string, data: Record<string, unknown>) {
      this.rendered = { view, data };
    },
  };
  return { req, res: res as unknown as Response & typeof res };
}

async function run(handler: (req: Request, res: Response, next: () => void) => unknown, req: Request, res: Response): Promise<unknown> {
  try {
    await handler(req, res, () => undefined);
    return null;
  } catch (err) {
    return err;
  }
}

const noteSchema = z.object({ title: z.string().trim().min(3, 'content.errors.title_length') });
type Note = { id: number; communityId: number; authorId: number };
const notes: Note[] = [{ id: 1, communityId: 7, authorId: 3 }, { id: 2, communityId: 7, authorId: 4 }, { id: 3, communityId: 8, authorId: 3 }];
const loadNote = (c: { actor: { communityId: number } }, req: Request) => notes.find((n) => n.id === Number(req.params.noteId) && n.communityId === c.actor.communityId);
const notePolicy = { edit: (a: { userId: number }, n: Note) => n.authorId === a.userId };

describe('the request pipeline (src/web/pipeline.ts)', () => {
  it('a body that fails its schema is refused with its ZodError (the error page), or re-renders the form with a 400', async () => {
    let reached = false;
    const plain = member().validate(noteSchema).handle(() => {
      reached = true;
    });
    const a = request({ body: { title: 'x' } });
    assert.ok((await run(plain, a.req, a.res)) instanceof ZodError);
    assert.equal(reached, false);

    const form = member().validate(noteSchema, { invalid: (c, f, req, res) => res.render('form', { errors: f.errors, values: f.values, who: c.actor.userId }) }).handle(() => {
      reached = true;
    });
    const b = request({ body: { title: 'x' } });
    assert.equal(await run(form, b.req, b.res), null);
    assert.equal(b.res.statusCode, 400);
    assert.deepEqual(b.res.rendered, { view: 'form', data: { errors: { title: translator('en')('content.errors.title_length') }, values: { title: 'x' }, who: 3 } });
    assert.equal(reached, false);

    let input: unknown = null;
    const good = request({ body: { title: '  A title ', extra: 'dropped' } });
    await run(member().validate(noteSchema).handle((c) => (input = c.input)), good.req, good.res);
    assert.deepEqual(input, { title: 'A title' });
  });

  it('a subject not found, or in another community, is a 404 before any policy runs', async () => {
    let asked = false;
    const handler = member().load(loadNote).authorize((a, n) => (asked = true) && notePolicy.edit(a, n)).handle(() => undefined);
    for (const noteId of ['3', '99']) {
      const { req, res } = request({ params: { noteId } });
      const err = await run(handler, req, res);
      assert.ok(err instanceof DomainError && err.refusal === 'not_found', noteId);
    }
    assert.equal(asked, false);
  });

  it("the feature's policy decides with the actor and the subject: a no is forbidden, and nothing after it runs", async () => {
    let subject: Note | null = null;
    const handler = member().load(loadNote).authorize(notePolicy.edit).validate(noteSchema).handle((c) => (subject = c.subject));
    const other = request({ params: { noteId: '2' }, body: { title: 'x' } });
    const err = await run(handler, other.req, other.res);
    assert.ok(err instanceof DomainError && err.refusal === 'forbidden', 'forbidden before the invalid body');
    const own = request({ params: { noteId: '1' }, body: { title: 'Mine' } });
    assert.equal(await run(handler, own.req, own.res), null);
    assert.equal(subject!.id, 1);
    // Without a membership the session has ended.
    const none = request();
    (none.req.ctx as { membership?: unknown }).membership = undefined;
    const gone = await run(member().handle(() => undefined), none.req, none.res);
    assert.ok(gone instanceof DomainError && gone.refusal === 'unauthenticated');
  });

  describe('transaction()', () => {
    class Probe extends Model {
      declare id: number;
      declare title: string;
    }
    let sequelize: Sequelize;
    before(async () => {
      sequelize = createSequelize(await scratchDatabase('pipeline'));
      Probe.init({ id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, title: { type: DataTypes.STRING(50), allowNull: false } }, { sequelize, tableName: 'pipeline_probes' });
      await Probe.sync();
    });
    after(async () => {
      await sequelize?.close();
    });

    it('runs the command in one transaction: its result reaches the handler; an error rolls every write back', async () => {
      const route = member(sequelize).validate(noteSchema);
      let result: unknown = null;
      const ok = route.transaction((c, t) => Probe.create({ title: c.input.title }, { transaction: t })).handle((c) => (result = c.result.title));
      const a = request({ body: { title: 'kept' } });
      assert.equal(await run(ok, a.req, a.res), null);
      assert.equal(result, 'kept');

      const failing = route
        .transaction(async (c, t) => {
          await Probe.create({ title: c.input.title }, { transaction: t });
          throw new DomainError('conflict', 'errors.conflict');
        })
        .handle(() => assert.fail('the handler never runs after a failed command'));
      const b = request({ body: { title: 'rolled back' } });
      const err = await run(failing, b.req, b.res);
      assert.ok(err instanceof DomainError && err.refusal === 'conflict');
      assert.deepEqual((await Probe.findAll()).map((p) => p.title), ['kept']);
    });

    it("with `refused`, a command's invalid refusal shows the form again with a 400 and writes nothing; other errors still throw", async () => {
      const refusing = (refusal: 'invalid' | 'conflict') =>
        member(sequelize)
          .validate(noteSchema)
          .transaction(
            async (c, t) => {
              await Probe.create({ title: c.input.title }, { transaction: t });
              throw new DomainError(refusal, 'errors.invalid_input');
            },
            { refused: (c, err, req, res) => res.render('form', { error: c.t(err.messageKey) }) },
          )
          .handle(() => assert.fail('the handler never runs after a refused command'));
      const before = await Probe.count();
      const a = request({ body: { title: 'refused' } });
      assert.equal(await run(refusing('invalid'), a.req, a.res), null);
      assert.equal(a.res.statusCode, 400);
      assert.deepEqual(a.res.rendered, { view: 'form', data: { error: translator('en')('errors.invalid_input') } });
      const b = request({ body: { title: 'conflict' } });
      const err = await run(refusing('conflict'), b.req, b.res);
      assert.ok(err instanceof DomainError && err.refusal === 'conflict');
      assert.equal(await Probe.count(), before);
    });

    it('refuses to build a transaction step without the Sequelize instance', () => {
      assert.throws(() => member().transaction(async () => null), /needs the Sequelize instance/);
    });
  });
});
