import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchAs, idFrom, type Member } from '../helpers/sharing';
import { CHARTER_FORM, localIn } from '../governance/helpers';
import { ROLES, type DevUser } from '../../src/devplatform';
import { Post, Reaction, Thread } from '../../src/discussions/model';
import { Resource, ResourceEndorsement } from '../../src/resources/model';
import { Vote } from '../../src/governance/model';
import { Rsvp } from '../../src/meetings/model';
import { Problem } from '../../src/problems/model';
import { Activity } from '../../src/activity/model';

const WRITERS = 20;

/** A course with its instructor and WRITERS learners, each launched once. */
async function crowd(h: Harness) {
  const id = `crowd-${Date.now().toString(36)}`;
  const people: DevUser[] = Array.from({ length: WRITERS }, (_, i) => ({
    id: `w${i + 1}`,
    givenName: `Writer${i + 1}`,
    familyName: 'Crowd',
    name: `Writer${i + 1} Crowd`,
    email: `w${i + 1}@example.org`,
    locale: i % 2 ? 'en' : 'fr-CA',
    roles: [ROLES.learner],
  }));
  h.moodle.addCourse({
    id,
    title: 'Foule',
    label: 'F1',
    members: [{ id: 'instructor', givenName: 'Marie', familyName: 'Tremblay', name: 'Marie Tremblay', email: 'marie@example.org', locale: 'fr-CA', roles: [ROLES.instructor] }, ...people],
  });
  const { communityId } = await setUpCommunity(h, h.moodle, id);
  const facilitator = await launchAs(h, id, 'instructor');
  const writers: Member[] = [];
  for (const p of people) writers.push(await launchAs(h, id, p.id));
  return { communityId, base: `/c/${communityId}`, facilitator, writers };
}

/** Everyone at once; every answer is a success page or redirect (never a 5xx), and says so when not. */
async function allAtOnce(writers: Member[], send: (m: Member, i: number) => Promise<{ status: number; text: string }>) {
  const answers = await Promise.all(writers.map((m, i) => send(m, i)));
  const failed = answers.map((a, i) => ({ i, status: a.status, text: a.text })).filter((a) => a.status !== 200);
  assert.deepEqual(failed.map((f) => `${f.i}: ${f.status}`), [], failed[0]?.text.slice(0, 400));
}

/**
 * Twenty members writing on one row at the same moment (issue 15: on MariaDB, replies deadlocked
 * on the thread's reply_count and came back as 500s). Every write lands, counters are exact.
 * Runs on SQLite and, with TEST_DATABASE_URL, on MariaDB.
 */
describe('writes under contention: twenty members on one row', function () {
  this.timeout(300_000);
  let h: Harness;
  let c: Awaited<ReturnType<typeof crowd>>;

  before(async () => {
    h = await harness();
    c = await crowd(h);
  });

  it('replies to one thread: all posted, reply count exact', async () => {
    const opened = await c.facilitator.post(`${c.base}/threads`, { kind: 'discussion', title: 'Un fil très animé', body: 'Répondez tous en même temps.' });
    assert.equal(opened.status, 200, opened.text.slice(0, 300));
    const threadId = idFrom(opened.url, 'threads');
    await allAtOnce(c.writers, (m, i) => m.post(`${c.base}/threads/${threadId}/posts`, { body: `Réponse numéro ${i + 1}` }));
    const thread = (await Thread.findByPk(threadId))!;
    assert.equal(thread.replyCount, WRITERS);
    assert.equal(await Post.count({ where: { threadId } }), WRITERS + 1);
    assert.equal(await Activity.count({ where: { communityId: c.communityId, verb: 'post.reply' } }), WRITERS);
  });

  it('reactions on one post: one each, all recorded', async () => {
    const opened = await c.facilitator.post(`${c.base}/threads`, { kind: 'discussion', title: 'Une pratique utile', body: 'Dites-moi si cela vous sert.' });
    const threadId = idFrom(opened.url, 'threads');
    const postId = (await Thread.findByPk(threadId))!.firstPostId!;
    await allAtOnce(c.writers, (m) => m.post(`${c.base}/posts/${postId}/reactions`, { kind: 'useful', on: '1' }));
    assert.equal(await Reaction.count({ where: { postId, kind: 'useful' } }), WRITERS);
  });

  it('endorsements and comments on one resource: counters exact', async () => {
    const shared = await c.facilitator.post(`${c.base}/resources`, { kind: 'link', title: 'Grille d’observation', url: 'https://example.org/grille', description: 'Pour les stages.' });
    assert.equal(shared.status, 200, shared.text.slice(0, 300));
    const resourceId = idFrom(shared.url, 'resources');
    await allAtOnce(c.writers, (m) => m.post(`${c.base}/resources/${resourceId}/endorse`, { on: '1' }));
    await allAtOnce(c.writers, (m, i) => m.post(`${c.base}/resources/${resourceId}/comments`, { body: `Commentaire ${i + 1}` }));
    const resource = (await Resource.findByPk(resourceId))!;
    assert.equal(resource.endorsementCount, WRITERS);
    assert.equal(await ResourceEndorsement.count({ where: { resourceId } }), WRITERS);
    assert.equal((await Thread.findByPk(resource.threadId!))!.replyCount, WRITERS);
  });

  it('leads on one problem: all posted, problem in progress', async () => {
    const asked = await c.facilitator.post(`${c.base}/problems`, { title: 'Stagiaires débordés', context: 'Trop de tâches.', tried: 'Un horaire.', needed: 'Des idées.' });
    assert.equal(asked.status, 200, asked.text.slice(0, 300));
    const threadId = idFrom(asked.url, 'problems');
    await allAtOnce(c.writers, (m, i) => m.post(`${c.base}/problems/${threadId}/leads`, { body: `Piste ${i + 1}` }));
    assert.equal((await Thread.findByPk(threadId))!.replyCount, WRITERS);
    assert.equal((await Problem.findOne({ where: { threadId } }))!.status, 'in_progress');
  });

  it('votes on one proposal and RSVPs to one meeting: one each', async () => {
    assert.equal((await c.facilitator.post(`${c.base}/charter`, CHARTER_FORM)).status, 200);
    const opened = await c.facilitator.post(`${c.base}/proposals`, { kind: 'decision', rule: 'majority', title: 'Se voir chaque mois', deadline: localIn(600) });
    assert.equal(opened.status, 200, opened.text.slice(0, 300));
    const proposalId = idFrom(opened.url, 'proposals');
    await allAtOnce(c.writers, (m, i) => m.post(`${c.base}/proposals/${proposalId}/vote`, { choice: i % 3 ? 'yes' : 'no' }));
    assert.equal(await Vote.count({ where: { proposalId } }), WRITERS);

    const meeting = await c.facilitator.post(`${c.base}/meetings`, { title: 'Rencontre', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: localIn(60 * 24), durationMinutes: '60', recurrence: 'none' });
    assert.equal(meeting.status, 200, meeting.text.slice(0, 300));
    const meetingId = idFrom(meeting.url, 'meetings');
    await allAtOnce(c.writers, (m) => m.post(`${c.base}/meetings/${meetingId}/rsvp`, { response: 'yes' }));
    assert.equal(await Rsvp.count({ where: { meetingId, response: 'yes' } }), WRITERS);
  });
});
