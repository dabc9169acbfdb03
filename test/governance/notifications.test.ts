import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { localIn } from './helpers';
import { governedCommunity, bellCount, notifiedIds, idsOf, notificationTexts, setPreference, type Person, type Sub } from './notify-setup';
import { Proposal } from '../../src/governance/model';
import { Notification, EmailOutbox } from '../../src/notifications/model';
import { closingWindowMs, isClosingSoon, remindClosingProposal } from '../../src/governance/closing-soon';
import { closeProposal } from '../../src/governance/close';
import { defaultDelivery } from '../../src/notifications/kinds';
import { jobs } from '../../src/worker/runner';

const job = (name: string) => jobs.find((j) => j.name === name)!;
const proposalIdOf = (url: string) => Number(/\/proposals\/(\d+)/.exec(url)![1]);
const HOUR = 3600_000;

describe('governance notifications (real launches, worker jobs)', () => {
  let h: Harness;
  let cid: number;
  let people: Record<Sub, Person>;

  const open = async (by: Person, form: Record<string, string>) => {
    const res = await by.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'majority', deadline: localIn(7 * 24 * 60), ...form });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    return proposalIdOf(res.url);
  };
  const vote = async (by: Person, id: number, choice: string, reason = '') => {
    const res = await by.post(`/c/${cid}/proposals/${id}/vote`, { choice, reason });
    assert.equal(res.status, 200, res.text.slice(0, 300));
  };
  /** Time passes: the proposal opened `openedHoursAgo` ago and closes in `leftHours` (raw SQL: created_at is not updatable through the model). */
  const travel = async (id: number, openedHoursAgo: number, leftHours: number) => {
    const now = Date.now();
    await h.runtime.sequelize.query('UPDATE proposals SET created_at = ?, deadline = ? WHERE id = ?', { replacements: [new Date(now - openedHoursAgo * HOUR), new Date(now + leftHours * HOUR), id] });
  };

  before(async () => {
    h = await harness();
    ({ cid, people } = await governedCommunity(h));
  });

  it('opening a proposal notifies every other member who can vote — not the author, not the observer — in each reader\'s language', async () => {
    const { instructor, ta, learner1, learner3, mentor, observer1 } = people;
    assert.equal(bellCount((await learner1.get(`/c/${cid}`)).text), 0);
    assert.equal(await EmailOutbox.count({ where: { communityId: cid } }), 0);
    const id = await open(learner3, { title: 'Adopter une grille commune' });

    assert.deepEqual(await notifiedIds('proposal.opened', { type: 'proposal', id }), idsOf(instructor, ta, learner1, mentor));
    const row = await Notification.findOne({ where: { kind: 'proposal.opened', membershipId: learner1.membershipId, subjectId: id } });
    assert.equal(row!.link, `/c/${cid}/proposals/${id}`);
    assert.equal(row!.actorMembershipId, learner3.membershipId);
    const proposal = await Proposal.findByPk(id);
    assert.deepEqual({ title: row!.params.title, when: row!.params.when, context: row!.params.context }, { title: 'Adopter une grille commune', when: proposal!.deadline.toISOString(), context: 'decision' });

    const home = await learner1.get(`/c/${cid}`);
    assert.equal(bellCount(home.text), 1, "the learner's bell goes up");
    assert.equal(bellCount((await learner3.get(`/c/${cid}`)).text), 0, 'the author is not notified');
    assert.equal(bellCount((await observer1.get(`/c/${cid}`)).text), 0, 'an observer, who cannot vote, is not called to');
    const [en] = await notificationTexts(learner1);
    assert.match(en, /^New proposal put to the community: “Adopter une grille commune” \(voting until .+\)$/);
    assert.doesNotMatch(en, /\{\{/);
    const [fr] = await notificationTexts(instructor);
    assert.match(fr, /^Nouvelle proposition soumise à la communauté\s: «\sAdopter une grille commune\s» \(vote jusqu’au .+\)$/);

    // The notification leads to the proposal page (and is marked read).
    const openIt = await learner1.agent.fetch(`${h.toolUrl}/c/${cid}/notifications/${row!.id}/open`, { redirect: 'manual' });
    assert.equal(openIt.status, 303);
    assert.match(openIt.headers.get('location')!, new RegExp(`^/c/${cid}/proposals/${id}$`));

    // Defaults: proposals go in the daily digest (mentions are the ones mailed at once), so nothing was queued.
    assert.equal(defaultDelivery('proposal.opened'), 'daily');
    assert.equal(defaultDelivery('mention'), 'immediate');
    assert.equal(await EmailOutbox.count({ where: { communityId: cid } }), 0);
  });

  it('varies the sentence with the kind of proposal, and queues an immediate e-mail for a member who chose it', async () => {
    const { instructor, learner1, learner3 } = people;
    await setPreference(learner1, 'proposal.opened', 'immediate');
    const id = await open(instructor, { kind: 'poll', rule: 'poll', pollMode: 'single', title: 'Quel jour pour se réunir ?', options: 'Lundi\nMercredi' });
    assert.match((await notificationTexts(learner3))[0], /^Nouveau sondage\s: «\sQuel jour pour se réunir \?\s» \(réponses jusqu’au .+\)$/);
    const mails = await EmailOutbox.findAll({ where: { communityId: cid } });
    assert.deepEqual(mails.map((m) => [m.membershipId, m.toAddress, m.category]), [[learner1.membershipId, 'alex.smith@example.org', 'notification']], 'only the member who chose "right away"');
    assert.match(mails[0].subject, /New poll: “Quel jour pour se réunir \?”/);
    assert.match(mails[0].textBody, new RegExp(`/c/${cid}/proposals/${id}\\?r=`));
    const rows = await Notification.findAll({ where: { kind: 'proposal.opened', subjectId: id } });
    assert.deepEqual(rows.filter((r) => r.emailedAt).map((r) => r.membershipId), [learner1.membershipId]);
  });

  it('closing soon: the job reminds only members who have not voted, once, even with two workers at once', async () => {
    const { instructor, ta, learner1, learner3, mentor } = people;
    const id = await open(instructor, { title: 'Rencontres mensuelles' });
    const later = await open(ta, { title: 'Pas encore' });
    await vote(learner1, id, 'yes');
    await vote(mentor, id, 'no');
    const closing = job('governance.closing-soon');

    await closing.run(h.runtime);
    assert.deepEqual(await notifiedIds('proposal.closing', { type: 'proposal', id }), [], 'a week before the deadline: nothing yet');

    await travel(id, 6 * 24, 12); // opened 6 days ago, 12 hours left: inside the last 24 hours
    await Promise.all([closing.run(h.runtime), closing.run(h.runtime)]);
    assert.deepEqual(await notifiedIds('proposal.closing', { type: 'proposal', id }), idsOf(instructor, ta, learner3), 'non-voters (the author too), once each; not voters, not the observer');
    assert.ok((await Proposal.findByPk(id))!.closingNotifiedAt);
    await closing.run(h.runtime);
    assert.deepEqual(await notifiedIds('proposal.closing', { type: 'proposal', id }), idsOf(instructor, ta, learner3), 'not again on the next run');
    assert.deepEqual(await notifiedIds('proposal.closing', { type: 'proposal', id: later }), [], 'the other proposal is not due');
    assert.equal((await Proposal.findByPk(later))!.closingNotifiedAt, null);

    assert.match((await notificationTexts(ta))[0], /^Le vote sur «\sRencontres mensuelles\s» se termine bientôt \(.+\) et vous n’avez pas encore voté$/);
    assert.match((await notificationTexts(learner3))[0], /«\sRencontres mensuelles\s» se termine bientôt/);
    const link = await Notification.findOne({ where: { kind: 'proposal.closing', membershipId: ta.membershipId, subjectId: id } });
    assert.equal(link!.link, `/c/${cid}/proposals/${id}`);
  });

  it('closing soon for an anonymous vote skips those who took part, and the claim lets one of two concurrent calls through', async () => {
    const { instructor, ta, learner1, learner3, mentor } = people;
    const id = await open(ta, { title: 'Vote secret', anonymous: 'on' });
    await vote(learner3, id, 'yes');
    await travel(id, 100, 20);
    const results = await Promise.all([remindClosingProposal(h.runtime.sequelize, id), remindClosingProposal(h.runtime.sequelize, id)]);
    assert.deepEqual(results.map((r) => r === null).sort(), [false, true]);
    assert.equal(results.find((r) => r !== null), 4);
    assert.deepEqual(await notifiedIds('proposal.closing', { type: 'proposal', id }), idsOf(instructor, ta, learner1, mentor));
  });

  it('the closing window is 24 hours, or a quarter of a short proposal\'s duration', () => {
    const at = (h0: number) => new Date(Date.UTC(2026, 10, 1) + h0 * HOUR);
    const week = { createdAt: at(0), deadline: at(7 * 24) };
    assert.equal(closingWindowMs(week), 24 * HOUR);
    assert.equal(isClosingSoon(week, at(7 * 24 - 25)), false);
    assert.equal(isClosingSoon(week, at(7 * 24 - 23)), true);
    assert.equal(isClosingSoon(week, at(7 * 24)), false, 'not once the deadline has passed');
    const short = { createdAt: at(0), deadline: at(2) };
    assert.equal(closingWindowMs(short), HOUR / 2);
    assert.equal(isClosingSoon(short, at(1)), false, 'a 2-hour poll is not "closing soon" halfway');
    assert.equal(isClosingSoon(short, at(1.6)), true);
  });

  it('decided: every active member (observer and author included) hears the outcome once, in their language', async () => {
    const { instructor, ta, learner1, learner3, mentor, observer1 } = people;
    await setPreference(mentor, 'proposal.decided', 'immediate');
    const adopted = await open(learner1, { title: 'Partager nos grilles' });
    for (const p of [learner1, learner3, mentor]) await vote(p, adopted, 'yes');
    const noQuorum = await open(learner1, { title: 'Changer de plateforme' });
    await vote(learner1, noQuorum, 'yes');
    const before = await EmailOutbox.count({ where: { communityId: cid } });
    await Proposal.update({ deadline: new Date(Date.now() - 1000) }, { where: { id: [adopted, noQuorum] } });

    // The worker and a page view race to close: the atomic close decides, and notifies, once.
    await Promise.all([job('governance.close-proposals').run(h.runtime), learner3.get(`/c/${cid}/proposals/${adopted}`), closeProposal(h.runtime.sequelize, adopted)]);
    const everyone = idsOf(instructor, ta, learner1, learner3, mentor, observer1);
    assert.deepEqual(await notifiedIds('proposal.decided', { type: 'proposal', id: adopted }), everyone);
    assert.deepEqual(await notifiedIds('proposal.decided', { type: 'proposal', id: noQuorum }), everyone);
    const row = await Notification.findOne({ where: { kind: 'proposal.decided', subjectId: adopted, membershipId: learner1.membershipId } });
    assert.deepEqual([row!.params.outcome, row!.actorMembershipId, row!.link], ['adopted', null, `/c/${cid}/proposals/${adopted}`]);

    const fr = await notificationTexts(learner3);
    assert.ok(fr.includes('La proposition « Partager nos grilles » a été adoptée'), fr.join(' | '));
    assert.ok(fr.includes('La proposition «\u00a0Changer de plateforme\u00a0» n’a pas été adoptée\u00a0: quorum non atteint'), fr.join(' | '));
    const en = await notificationTexts(observer1);
    assert.ok(en.includes('The proposal “Partager nos grilles” was adopted'), en.join(' | '));
    assert.ok(en.includes('The proposal “Changer de plateforme” was not adopted: no quorum'), en.join(' | '));

    const mails = await EmailOutbox.findAll({ where: { communityId: cid }, order: [['id', 'ASC']], offset: before });
    assert.deepEqual(mails.map((m) => m.membershipId), [mentor.membershipId, mentor.membershipId], 'the member who chose "right away" gets one e-mail per decision; the others wait for their digest');
    assert.ok(mails.some((m) => m.subject.endsWith('The proposal “Partager nos grilles” was adopted')));
    assert.equal((await learner1.get(`/c/${cid}/proposals/${adopted}`)).status, 200);
    assert.equal(await Notification.count({ where: { kind: 'proposal.decided', subjectId: adopted } }), 6, 'a later page view does not notify again');
  });
});
