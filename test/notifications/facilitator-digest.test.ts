import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { harness, type Harness } from '../helpers/harness';
import { communityWithMembers } from './helpers';
import { startSmtp, drainOutbox } from './smtp';
import { deliverDueEmails } from '../../src/notifications/mailer';
import { runFacilitatorDigests, weekNumbers, facilitatorDigestExtras } from '../../src/analytics/facilitator-digest';
import { EmailOutbox, NotificationPreference, DigestRun } from '../../src/notifications/model';
import { Community } from '../../src/kernel/community';
import { recordActivity } from '../../src/activity/model';
import { ZONE } from '../../src/notifications/periods';
import type { Config } from '../../src/config';

describe("facilitators' weekly digest", () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let config: Config;
  before(async () => {
    h = await harness();
    smtp = await startSmtp();
    config = { ...h.config, SMTP_URL: smtp.url };
  });
  after(() => smtp.close());
  beforeEach(async () => {
    await EmailOutbox.destroy({ where: {} });
    smtp.received.length = 0;
  });

  it('counts the week\'s contributions by kind (as the dashboard does: no reactions, no bookkeeping), contributors, active and new members', async () => {
    const a = await communityWithMembers(h);
    const { learner1, learner2 } = a.people;
    for (const [m, verb] of [[learner1, 'thread.create'], [learner1, 'post.reply'], [learner2, 'post.reply'], [learner2, 'problem.create'], [learner2, 'reaction.add'], [learner2, 'notifications.read_all'], [learner2, 'todo.done']] as const) {
      await recordActivity({ communityId: a.communityId, userId: m.userId, membershipId: m.membershipId, verb, subject: { type: 'x', id: 1 } });
    }
    const w = await weekNumbers(a.communityId, new Date(Date.now() - 86_400_000), new Date(Date.now() + 60_000));
    assert.deepEqual(w.byKind, [{ kind: 'sharing', count: 3 }, { kind: 'solving', count: 1 }]);
    assert.equal(w.contributions, 4);
    assert.equal(w.contributors, 2);
    assert.equal(w.activeMembers, 6, 'everyone launched this week (launch activities)');
    assert.equal(w.newMembers, 6);
    assert.deepEqual((await facilitatorDigestExtras(a.communityId)).map((x) => x.headingKey), ['analytics.digest.heading', 'analytics.digest.moves_heading'], 'the analytics half adds the stage and the moves (test/analytics/digest.test.ts)');
  });

  it('sends each facilitator the key numbers once a week, in their language, unless turned off', async () => {
    const a = await communityWithMembers(h);
    const { instructor, ta, learner1 } = a.people;
    await Community.update({ createdAt: new Date(Date.now() - 10 * 86_400_000) }, { where: { id: a.communityId }, silent: true });
    await recordActivity({ communityId: a.communityId, userId: learner1.userId, membershipId: learner1.membershipId, verb: 'post.reply' });
    await recordActivity({ communityId: a.communityId, userId: learner1.userId, membershipId: learner1.membershipId, verb: 'reaction.add' });
    await NotificationPreference.create({ membershipId: ta.membershipId, kind: 'digest.facilitator', delivery: 'off' });
    const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 }).set({ hour: 7, minute: 30 }).toJSDate();
    await runFacilitatorDigests(h.runtime.sequelize, config, new Date(monday.getTime() - 3600_000));
    assert.equal(await EmailOutbox.count({ where: { communityId: a.communityId } }), 0, 'not before Monday at DIGEST_HOUR');
    await runFacilitatorDigests(h.runtime.sequelize, config, monday);
    await runFacilitatorDigests(h.runtime.sequelize, config, new Date(monday.getTime() + 2 * 86_400_000));
    const rows = await EmailOutbox.findAll({ where: { communityId: a.communityId } });
    assert.deepEqual(rows.map((r) => [r.membershipId, r.category]), [[instructor.membershipId, 'digest.facilitator']], 'only the instructor (the TA turned it off), and only once this week');
    await drainOutbox(() => deliverDueEmails(config));
    // Marie facilitates every test community (same platform user): pick this community's summary by its link.
    const mail = smtp.received.find((r) => r.to.includes('marie.tremblay@example.org') && r.text.includes(`/c/${a.communityId}?r=`))!;
    assert.ok(mail);
    assert.equal(mail.subject, '[Enseigner en réseau] Bilan de la semaine pour l’animation');
    assert.match(mail.text, /- 1 contribution\r?\n/);
    assert.match(mail.text, /6 membres actifs/);
    assert.match(mail.text, /6 nouveaux membres/);
    assert.match(mail.text, /Partage\s: 1/);
    assert.doesNotMatch(mail.text, /reaction|post :|resource :/i, 'labels, never internal keys');
    assert.match(mail.headers['list-unsubscribe'], /k=digest\.facilitator/);
  });

  it('sends nothing in a community\'s first week (nothing to relaunch yet)', async () => {
    const a = await communityWithMembers(h);
    const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 }).set({ hour: 7, minute: 30 }).toJSDate();
    await Community.update({ createdAt: new Date(monday.getTime() - 3 * 86_400_000) }, { where: { id: a.communityId }, silent: true });
    await runFacilitatorDigests(h.runtime.sequelize, config, monday);
    assert.equal(await EmailOutbox.count({ where: { communityId: a.communityId } }), 0);
    assert.equal(await DigestRun.count({ where: { membershipId: a.people.instructor.membershipId, digest: 'facilitator' } }), 0, 'not marked as sent: the next week still gets its digest');
  });
});
