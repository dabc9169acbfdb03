import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { communityWithMembers, notifyNow } from './helpers';
import { notify } from '../../src/notifications/service';
import { EmailOutbox, Notification, NotificationPreference } from '../../src/notifications/model';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';

describe('notify(): the API features call (command layer, real database, members from real launches)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('writes one notification per active member of the community: deduplicated, never to the actor, nobody from elsewhere', async () => {
    const a = await communityWithMembers(h);
    const b = await communityWithMembers(h, h.canvas);
    const { learner1, learner2, learner3, ta, instructor } = a.people;
    await Membership.update({ status: 'inactive' }, { where: { id: ta.membershipId } });
    const count = await notifyNow(h, {
      communityId: a.communityId,
      recipients: [learner1.membershipId, learner1.membershipId, learner2.membershipId, instructor.membershipId, ta.membershipId, b.people.learner1.membershipId],
      kind: 'reply',
      actorMembershipId: instructor.membershipId,
      subject: { type: 'thread', id: 12 },
      params: { title: 'Évaluer par compétences' },
      link: `/c/${a.communityId}/threads/12#post-40`,
    });
    assert.equal(count, 2);
    const rows = await Notification.findAll({ where: { communityId: a.communityId }, order: [['membershipId', 'ASC']] });
    assert.deepEqual(rows.map((r) => r.membershipId), [learner1.membershipId, learner2.membershipId].sort((x, y) => x - y));
    assert.equal(rows[0].params.actor, 'Marie Tremblay', 'the actor is named from their membership');
    assert.equal(rows[0].params.title, 'Évaluer par compétences');
    assert.equal(rows[0].subjectType, 'thread');
    assert.equal(rows[0].readAt, null);
    assert.equal(await Notification.count({ where: { membershipId: b.people.learner1.membershipId } }), 0, 'a member of B is never notified through A');
    assert.equal(await Notification.count({ where: { membershipId: learner3.membershipId } }), 0);
  });

  it('refuses a link outside the community or an unknown kind, and the transaction writes nothing', async () => {
    const a = await communityWithMembers(h);
    const recipients = [a.people.learner1.membershipId];
    for (const link of ['https://evil.example/', `/c/${a.communityId + 1000}/x`, `//evil.example/c/${a.communityId}`, `/c/${a.communityId}evil`]) {
      await assert.rejects(notifyNow(h, { communityId: a.communityId, recipients, kind: 'mention', link }), /link must be a path/);
    }
    await assert.rejects(notifyNow(h, { communityId: a.communityId, recipients, kind: 'nope' as never, link: `/c/${a.communityId}` }), /unknown kind/);
    assert.equal(await Notification.count({ where: { communityId: a.communityId } }), 0);
  });

  it('queues the immediate e-mail in the caller\'s transaction: a rolled-back cause leaves neither notification nor e-mail', async () => {
    const a = await communityWithMembers(h);
    const { learner3 } = a.people;
    await assert.rejects(
      h.runtime.sequelize.transaction(async (t) => {
        await notify(t, { communityId: a.communityId, recipients: [learner3.membershipId], kind: 'mention', params: { title: 'Plan de cours' }, link: `/c/${a.communityId}/threads/1` });
        throw new Error('the cause failed');
      }),
      /the cause failed/,
    );
    assert.equal(await Notification.count({ where: { communityId: a.communityId } }), 0);
    assert.equal(await EmailOutbox.count({ where: { communityId: a.communityId } }), 0);

    await notifyNow(h, { communityId: a.communityId, recipients: [learner3.membershipId], kind: 'mention', params: { title: 'Plan de cours' }, link: `/c/${a.communityId}/threads/1` });
    const n = await Notification.findOne({ where: { membershipId: learner3.membershipId } });
    assert.ok(n!.emailedAt, 'mention is immediate by default: marked as mailed');
    const mail = await EmailOutbox.findOne({ where: { membershipId: learner3.membershipId } });
    assert.equal(mail!.status, 'pending');
    assert.equal(mail!.toAddress, 'nadia.cote@example.org');
    assert.match(mail!.subject, /Quelqu’un vous a mentionné·e dans «\sPlan de cours\s»/);
  });

  it('follows preferences: daily waits for the digest, off sends nothing, and no address means no e-mail', async () => {
    const a = await communityWithMembers(h);
    const { learner1, learner2, mentor } = a.people;
    await NotificationPreference.create({ membershipId: learner2.membershipId, kind: 'mention', delivery: 'off' });
    await NotificationPreference.create({ membershipId: learner1.membershipId, kind: 'mention', delivery: 'daily' });
    await User.update({ email: null }, { where: { id: mentor.userId } });
    await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId, learner2.membershipId, mentor.membershipId], kind: 'mention', link: `/c/${a.communityId}` });
    assert.equal(await Notification.count({ where: { communityId: a.communityId } }), 3, 'the in-tool notification is always written');
    assert.equal(await EmailOutbox.count({ where: { communityId: a.communityId } }), 0);
    const daily = await Notification.findOne({ where: { membershipId: learner1.membershipId } });
    assert.equal(daily!.emailedAt, null, 'left for the daily digest');
  });

  it('returns 0 and writes nothing when the only recipient is the actor', async () => {
    const a = await communityWithMembers(h);
    const { learner1 } = a.people;
    assert.equal(await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId], actorMembershipId: learner1.membershipId, kind: 'reply', link: `/c/${a.communityId}` }), 0);
    assert.equal(await Notification.count({ where: { communityId: a.communityId } }), 0);
  });
});
