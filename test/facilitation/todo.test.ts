import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, type Member } from '../helpers/sharing';
import { Cohort, Membership } from '../../src/kernel/community';
import { RosterSync } from '../../src/lms/model';
import { ScoreOutbox } from '../../src/gradebook/model';
import { Thread, Post, ModerationAction } from '../../src/discussions/model';
import { PostFlag } from '../../src/discussions/flag-model';
import { Problem } from '../../src/problems/model';
import { PdEntry } from '../../src/pd/model';
import { Meeting } from '../../src/meetings/model';
import { TodoSnooze } from '../../src/facilitation/model';
import { CHARTER_FORM } from '../governance/helpers';
import { Activity } from '../../src/activity/model';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;
const DAY = 24 * 3600_000;
const local = (minutes: number) => DateTime.now().setZone('America/Toronto').plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");

/** The to-do section of a home page (empty string when there is none). */
const todoOf = (html: string) => /<section class="card todo"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
/** The to-do entry keys shown on a home page. */
const keysOf = (html: string) => [...todoOf(html).matchAll(/data-todo="([^"]+)"/g)].map((m) => m[1]);

describe("the facilitator's to-do on the community home", () => {
  let h: Harness;
  let c: Community;
  let marie: Member; // instructor: facilitator (French)
  let alex: Member; // learner1 (English)
  let nadia: Member; // learner3 (French)
  let alexMembership: number;

  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    marie = await c.as('instructor');
    alex = await c.as('learner1');
    nadia = await c.as('learner3');
    alexMembership = (await Membership.findOne({ where: { communityId: c.communityId }, include: [{ association: 'user', where: { sub: 'learner1' } }] }))!.id;
  });

  it('comes first on a facilitator’s home, with the stage and the dashboard link; members never see it', async () => {
    const home = await marie.get(c.base);
    assert.equal(home.status, 200);
    const todo = todoOf(home.text);
    assert.match(todo, /À faire/);
    assert.match(todo, /Voir le tableau de bord/);
    assert.ok(home.text.indexOf('class="card todo"') < home.text.indexOf('class="card hero"'), 'first thing on the page');
    assert.equal(todoOf((await alex.get(c.base)).text), '');
    assert.equal((await alex.post(`${c.base}/todo`, { key: 'thread:1', how: 'done' })).status, 403);
  });

  it('lists a newcomer without a mentor, with a link to pair them', async () => {
    const home = await marie.get(c.base);
    assert.ok(keysOf(home.text).includes(`newcomer:${alexMembership}:mentor`), keysOf(home.text).join(', '));
    assert.match(todoOf(home.text), /Alex Smith s’est joint·e récemment et n’a pas encore de mentor/);
    assert.match(todoOf(home.text), new RegExp(`/c/${c.communityId}/mentoring/new\\?mentee=${alexMembership}`));
  });

  it('lists a PD declaration to approve until a facilitator decides on it', async () => {
    await alex.post(`${c.base}/pd/declarations`, { category: 'lecture', date: DateTime.now().toISODate()!, hours: '2', title: 'Lecture sur la rétroaction' });
    const entry = (await PdEntry.findOne({ where: { communityId: c.communityId, status: 'pending' } }))!;
    let home = await marie.get(c.base);
    assert.ok(keysOf(home.text).includes(`pd:${entry.id}`));
    assert.match(todoOf(home.text), /1 déclaration de formation continue à approuver/);
    assert.match(todoOf(home.text), new RegExp(`href="/c/${c.communityId}/pd["?]`));
    await marie.post(`${c.base}/pd/entries/${entry.id}/review`, { decision: 'approve' });
    home = await marie.get(c.base);
    assert.ok(!keysOf(home.text).some((k) => k.startsWith('pd:')), 'settled: gone');
  });

  it('lists a meeting that took place without recorded attendance, until it is recorded', async () => {
    const res = await marie.post(`${c.base}/meetings`, { title: 'Rencontre passée', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: local(-180), durationMinutes: '60', recurrence: 'none' });
    const meetingId = idFrom(res.url, 'meetings');
    let home = await marie.get(c.base);
    assert.ok(keysOf(home.text).includes(`attendance:${meetingId}`));
    assert.match(todoOf(home.text), /Consigner les présences de la rencontre «\sRencontre passée\s»/);
    await marie.post(`${c.base}/meetings/${meetingId}/attendance`, { [`status_${alexMembership}`]: 'attended' });
    home = await marie.get(c.base);
    assert.ok(!keysOf(home.text).includes(`attendance:${meetingId}`));
    assert.ok(await Meeting.findByPk(meetingId));
  });

  it('lists threads and help requests unanswered for 48 hours; a reply or a lead clears them', async () => {
    const threadId = idFrom((await nadia.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fil oublié', body: 'Quelqu’un?' })).url, 'threads');
    const problemThread = idFrom((await nadia.post(`${c.base}/problems`, { title: 'Demande oubliée', context: 'Contexte.', tried: 'Essai.', needed: 'Des pistes.' })).url, 'problems');
    const problem = (await Problem.findOne({ where: { threadId: problemThread } }))!;
    let home = await marie.get(c.base);
    assert.ok(!keysOf(home.text).includes(`thread:${threadId}`), 'not before 48 hours');
    const old = new Date(Date.now() - 3 * DAY);
    await Thread.update({ createdAt: old }, { where: { id: threadId }, silent: true });
    await Problem.update({ createdAt: old }, { where: { id: problem.id }, silent: true });
    home = await marie.get(c.base);
    assert.ok(keysOf(home.text).includes(`thread:${threadId}`));
    assert.ok(keysOf(home.text).includes(`problem:${problem.id}`));
    assert.match(todoOf(home.text), /La demande d’aide «\sDemande oubliée\s» n’a reçu aucune piste depuis 48 heures/);
    assert.match(todoOf(home.text), /il y a 3 jours/, 'relative dates');
    await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Moi!' });
    await alex.post(`${c.base}/problems/${problemThread}/leads`, { body: 'Essayez ceci.' });
    home = await marie.get(c.base);
    assert.ok(!keysOf(home.text).includes(`thread:${threadId}`));
    assert.ok(!keysOf(home.text).includes(`problem:${problem.id}`));
  });

  it('snoozes an entry for 3 days or marks it done for good; an unknown entry is refused and nothing is written', async () => {
    const mk = async (title: string) => {
      const id = idFrom((await nadia.post(`${c.base}/threads`, { kind: 'discussion', title, body: 'Texte' })).url, 'threads');
      await Thread.update({ createdAt: new Date(Date.now() - 3 * DAY) }, { where: { id }, silent: true });
      return id;
    };
    const [a, b] = [await mk('À reporter'), await mk('Déjà vu')];
    assert.equal((await marie.post(`${c.base}/todo`, { key: `thread:${a}`, how: 'snooze' })).status, 200);
    assert.equal((await marie.post(`${c.base}/todo`, { key: `thread:${b}`, how: 'done' })).status, 200);
    const keys = keysOf((await marie.get(c.base)).text);
    assert.ok(!keys.includes(`thread:${a}`) && !keys.includes(`thread:${b}`));
    const snoozed = (await TodoSnooze.findOne({ where: { itemKey: `thread:${a}` } }))!;
    assert.ok(snoozed.until && snoozed.until.getTime() > Date.now() + 2.9 * DAY && snoozed.until.getTime() < Date.now() + 3.1 * DAY);
    assert.equal((await TodoSnooze.findOne({ where: { itemKey: `thread:${b}` } }))!.until, null);
    await snoozed.update({ until: new Date(Date.now() - 1000) });
    assert.ok(keysOf((await marie.get(c.base)).text).includes(`thread:${a}`), 'back when the snooze ran out');
    const rows = await TodoSnooze.count();
    for (const bad of [{ key: 'thread:999999', how: 'done' }, { key: `thread:${a}`, how: 'forever' }, { key: '<script>', how: 'done' }]) {
      const res = await marie.post(`${c.base}/todo`, bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.doesNotMatch(res.text, /at .*\.ts:\d+/);
    }
    assert.equal(await TodoSnooze.count(), rows);
    assert.equal(await Activity.count({ where: { communityId: c.communityId, verb: 'todo.done' } }), 1);
  });

  it('lists a roster that could not be read and grades the LMS refused, with the page that deals with them', async () => {
    const cohort = (await Cohort.findOne({ where: { communityId: c.communityId } }))!;
    const [sync] = await RosterSync.findOrCreate({ where: { cohortId: cohort.id }, defaults: { cohortId: cohort.id, communityId: c.communityId } });
    await sync.update({ state: 'failed', finishedAt: new Date(), lastError: 'http_500' });
    const pending = await ScoreOutbox.findOne({ where: { communityId: c.communityId }, order: [['id', 'DESC']] });
    assert.ok(pending, 'contributions queued grades');
    await pending.update({ status: 'failed', lastError: 'http_422' });
    const home = await marie.get(c.base);
    assert.ok(keysOf(home.text).some((k) => k.startsWith(`roster:${cohort.id}:`)));
    assert.ok(keysOf(home.text).includes(`grades:${pending.id}`));
    assert.match(todoOf(home.text), /La liste du cours n’a pas pu être lue dans la plateforme[\s\S]*Voir les membres/);
    assert.match(todoOf(home.text), /1 note a été refusée par le carnet de notes de la plateforme/);
    assert.match(todoOf(home.text), new RegExp(`/c/${c.communityId}/participation/sync["?]`));
    await sync.update({ state: 'ok' });
    assert.ok(!keysOf((await marie.get(c.base)).text).some((k) => k.startsWith('roster:')), 'a sync that works again leaves the to-do');
  });

  it('lists a vote closing within 48 hours, and a newcomer who has not acknowledged the new charter', async () => {
    await marie.post(`${c.base}/charter`, CHARTER_FORM);
    const soon = idFrom((await marie.post(`${c.base}/proposals`, { kind: 'decision', rule: 'consent', title: 'Adopter une grille commune', deadline: local(600) })).url, 'proposals');
    const later = idFrom((await marie.post(`${c.base}/proposals`, { kind: 'decision', rule: 'consent', title: 'Plus tard', deadline: local(5 * 24 * 60) })).url, 'proposals');
    const home = await marie.get(c.base);
    assert.ok(keysOf(home.text).includes(`proposal:${soon}`));
    assert.ok(!keysOf(home.text).includes(`proposal:${later}`));
    assert.match(todoOf(home.text), /Le vote sur «\sAdopter une grille commune\s» se termine bientôt/);
    assert.ok(keysOf(home.text).some((k) => new RegExp(`^newcomer:${alexMembership}:both:`).test(k)), 'no mentor, charter not acknowledged');
  });

  it('shows recent contributions in "Recent activity" with relative dates', async () => {
    const home = await alex.get(c.base);
    const recent = /<section class="card" aria-labelledby="recent-t">[\s\S]*?<\/section>/.exec(home.text)![0];
    assert.match(recent, /Nadia Côté started a discussion/);
    assert.match(recent, /Alex Smith suggested a lead on a help request/);
    assert.match(recent, /<time datetime="[^"]+" title="[^"]+">(now|\d+ (seconds?|minutes?) ago)<\/time>/);
  });
});

describe('flagging a post for the facilitators', () => {
  let h: Harness;
  let c: Community;
  let marie: Member;
  let alex: Member;
  let nadia: Member;
  let postId: number;
  let threadId: number;

  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    [marie, alex, nadia] = [await c.as('instructor'), await c.as('learner1'), await c.as('learner3')];
    threadId = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fil animé', body: 'Ouverture' })).url, 'threads');
    await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Un propos blessant' });
    postId = (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!.id;
  });

  it('offers members a "Flag" link on others’ posts, not on their own', async () => {
    assert.match((await nadia.get(`${c.base}/threads/${threadId}`)).text, new RegExp(`/c/${c.communityId}/posts/${postId}/flag["?]`));
    assert.doesNotMatch((await alex.get(`${c.base}/threads/${threadId}`)).text, new RegExp(`/posts/${postId}/flag`));
    assert.equal((await alex.get(`${c.base}/posts/${postId}/flag`)).status, 403);
    assert.equal((await alex.post(`${c.base}/posts/${postId}/flag`, { reason: 'spam' })).status, 403);
  });

  it('refuses a flag without a known reason, writing nothing', async () => {
    for (const form of [{}, { reason: 'ugly' }, { reason: 'other', note: 'x'.repeat(501) }] as Array<Record<string, string>>) {
      const res = await nadia.post(`${c.base}/posts/${postId}/flag`, form);
      assert.equal(res.status, 400);
      assert.match(res.text, /aria-invalid|field-error/);
    }
    assert.equal(await PostFlag.count({ where: { postId } }), 0);
  });

  it('records a flag once, tells the member, and puts it on the facilitator’s to-do and in the moderation log', async () => {
    const res = await nadia.post(`${c.base}/posts/${postId}/flag`, { reason: 'disrespectful', note: 'Ton inapproprié' });
    assert.equal(res.status, 200);
    assert.match(res.text, /Merci\s:\sl’animation a été prévenue/);
    const again = await nadia.post(`${c.base}/posts/${postId}/flag`, { reason: 'spam' });
    assert.equal(again.status, 409);
    assert.equal(await PostFlag.count({ where: { postId } }), 1);
    const flag = (await PostFlag.findOne({ where: { postId } }))!;
    const home = await marie.get(c.base);
    assert.ok(keysOf(home.text).includes(`flag:${postId}:${flag.id}`));
    assert.match(todoOf(home.text), /Un message a été signalé par 1 membre/);
    assert.match(todoOf(home.text), new RegExp(`/c/${c.communityId}/posts/${postId}/moderate["?]`));
    const moderate = await marie.get(`${c.base}/posts/${postId}/moderate`);
    assert.match(moderate.text, /1 signalement ouvert/);
    assert.match(moderate.text, /Irrespectueux ou blessant[\s\S]*Nadia Côté[\s\S]*Ton inapproprié/);
    const log = await marie.get(`${c.base}/moderation`);
    assert.match(log.text, /a signalé un message[\s\S]*Irrespectueux ou blessant — Ton inapproprié/);
  });

  it('is settled by dismissing (the post stays) and leaves the to-do; a member cannot dismiss', async () => {
    assert.equal((await alex.post(`${c.base}/posts/${postId}/flags/dismiss`, { reason: 'Rien à voir' })).status, 403);
    assert.equal((await marie.post(`${c.base}/posts/${postId}/flags/dismiss`, { reason: 'x' })).status, 400);
    assert.equal(await PostFlag.count({ where: { postId, resolvedAt: null } }), 1);
    assert.equal((await marie.post(`${c.base}/posts/${postId}/flags/dismiss`, { reason: 'Propos vif mais respectueux' })).status, 200);
    const flag = (await PostFlag.findOne({ where: { postId } }))!;
    assert.equal(flag.resolution, 'dismissed');
    assert.ok(!keysOf((await marie.get(c.base)).text).some((k) => k.startsWith('flag:')));
    assert.equal(await ModerationAction.count({ where: { subjectId: postId, action: 'post.flag_dismiss' } }), 1);
    assert.equal((await Post.findByPk(postId))!.hiddenAt, null);
  });

  it('never reaches a post of another community, and writes nothing there', async () => {
    const other = await sharingCommunity(h);
    const author = await other.as('learner1');
    const t = idFrom((await author.post(`${other.base}/threads`, { kind: 'discussion', title: 'Ailleurs', body: 'Texte' })).url, 'threads');
    const foreign = (await Post.findOne({ where: { threadId: t } }))!.id;
    assert.equal((await nadia.post(`${c.base}/posts/${foreign}/flag`, { reason: 'spam' })).status, 404);
    assert.notEqual((await nadia.post(`${other.base}/posts/${foreign}/flag`, { reason: 'spam' })).status, 200);
    assert.equal((await marie.post(`${c.base}/posts/${foreign}/flags/dismiss`, { reason: 'Pas chez nous' })).status, 404);
    assert.equal(await PostFlag.count({ where: { postId: foreign } }), 0);
  });

  it('is settled by hiding the post', async () => {
    const mentor = await c.as('mentor');
    await mentor.post(`${c.base}/threads/${threadId}/posts`, { body: 'Encore un propos' });
    const other = (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!.id;
    await nadia.post(`${c.base}/posts/${other}/flag`, { reason: 'off_topic' });
    await alex.post(`${c.base}/posts/${other}/flag`, { reason: 'off_topic' });
    assert.match(todoOf((await marie.get(c.base)).text), /Un message a été signalé par 2 membres/);
    await marie.post(`${c.base}/posts/${other}/hide`, { reason: 'Hors sujet' });
    assert.deepEqual((await PostFlag.findAll({ where: { postId: other } })).map((f) => f.resolution), ['hidden', 'hidden']);
    assert.ok(!keysOf((await marie.get(c.base)).text).some((k) => k.startsWith('flag:')));
  });
});
