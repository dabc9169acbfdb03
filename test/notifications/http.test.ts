import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { communityWithMembers, notifyNow, pageUrl, type Member } from './helpers';
import { Notification, NotificationPreference } from '../../src/notifications/model';
import { Activity } from '../../src/activity/model';
import { Cohort } from '../../src/kernel/community';
import { unsubscribeLink } from '../../src/notifications/links';
import { recipientHint } from '../../src/notifications/tokens';

const bellCount = (html: string) => Number(/data-bell-count="(\d+)"/.exec(html)?.[1] ?? NaN);

describe('notifications pages through real launches', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  const get = (m: Member, path: string, query: Record<string, string> = {}) => m.agent.fetch(pageUrl(h, m, path, query));
  const post = (m: Member, path: string, form: Record<string, string> = {}) =>
    m.agent.fetch(`${h.toolUrl}${path}`, { method: 'POST', form: { _csrf: m.csrf, ...form }, redirect: 'manual' });

  it('shows the unread count on the bell of every community page', async () => {
    const a = await communityWithMembers(h);
    const { learner1, instructor } = a.people;
    const home0 = await get(learner1, `/c/${a.communityId}`);
    assert.equal(bellCount(home0.text), 0);
    assert.match(home0.text, /Notifications: none unread/);
    for (const title of ['A', 'B']) {
      await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId], actorMembershipId: instructor.membershipId, kind: 'reply', params: { title }, link: `/c/${a.communityId}` });
    }
    const home = await get(learner1, `/c/${a.communityId}`);
    assert.equal(bellCount(home.text), 2);
    assert.match(home.text, /Notifications: 2 unread/);
    assert.match(home.text, new RegExp(`class="bell has-unread" href="/c/${a.communityId}/notifications"`));
  });

  it('lists notifications newest first in the member\'s language, unread highlighted; opening one marks it read and goes to its target', async () => {
    const a = await communityWithMembers(h);
    const { learner1, learner3, instructor } = a.people;
    for (const title of ['Premier', 'Second']) {
      await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId, learner3.membershipId], actorMembershipId: instructor.membershipId, kind: 'mention', params: { title }, link: `/c/${a.communityId}/threads/5#post-9` });
    }
    const en = await get(learner1, `/c/${a.communityId}/notifications`);
    assert.equal(en.status, 200);
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /<h1 id="notif-title">Notifications<\/h1>/);
    const second = en.text.indexOf('Marie Tremblay mentioned you in “Second”');
    const first = en.text.indexOf('Marie Tremblay mentioned you in “Premier”');
    assert.ok(second > 0 && first > second, 'newest first');
    assert.equal((en.text.match(/class="notif unread"/g) ?? []).length, 2);
    const fr = await get(learner3, `/c/${a.communityId}/notifications`);
    assert.match(fr.text, /<html lang="fr">/);
    assert.match(fr.text, /Marie Tremblay vous a mentionné·e dans «\sSecond\s»/);
    assert.match(fr.text, /Tout marquer comme lu/);

    const n = await Notification.findOne({ where: { membershipId: learner1.membershipId }, order: [['id', 'DESC']] });
    const open = await learner1.agent.fetch(pageUrl(h, learner1, `/c/${a.communityId}/notifications/${n!.id}/open`), { redirect: 'manual' });
    assert.equal(open.status, 303);
    assert.equal(open.headers.get('location'), `/c/${a.communityId}/threads/5#post-9`);
    await n!.reload();
    assert.ok(n!.readAt, 'opened → read');
    const after = await get(learner1, `/c/${a.communityId}/notifications`);
    assert.equal((after.text.match(/class="notif unread"/g) ?? []).length, 1);
    assert.equal(bellCount(after.text), 1);
    assert.equal(await Notification.count({ where: { membershipId: learner3.membershipId, readAt: null } }), 2, "another member's stay unread");
  });

  it('marks all read, and pages through a long list', async () => {
    const a = await communityWithMembers(h);
    const { learner2 } = a.people;
    for (let i = 1; i <= 23; i++) {
      await notifyNow(h, { communityId: a.communityId, recipients: [learner2.membershipId], kind: 'proposal.opened', params: { title: `P${i}` }, link: `/c/${a.communityId}` });
    }
    const page1 = await get(learner2, `/c/${a.communityId}/notifications`);
    assert.equal((page1.text.match(/data-notification=/g) ?? []).length, 20);
    assert.match(page1.text, /Page 1 sur 2/);
    const page2 = await get(learner2, `/c/${a.communityId}/notifications`, { page: '2' });
    assert.equal((page2.text.match(/data-notification=/g) ?? []).length, 3);
    assert.match(page2.text, /«\sP1\s»/);
    assert.equal((await get(learner2, `/c/${a.communityId}/notifications`, { page: 'zéro' })).status, 400);

    const res = await post(learner2, `/c/${a.communityId}/notifications/read-all`);
    assert.equal(res.status, 303);
    assert.equal(await Notification.count({ where: { membershipId: learner2.membershipId, readAt: null } }), 0);
    assert.equal(await Activity.count({ where: { membershipId: learner2.membershipId, verb: 'notifications.read_all' } }), 1);
    const done = await learner2.agent.fetch(new URL(res.headers.get('location')!, h.toolUrl).href);
    assert.match(done.text, /Toutes vos notifications sont marquées comme lues/);
    assert.equal(bellCount(done.text), 0);
    const noCsrf = await learner2.agent.fetch(`${h.toolUrl}/c/${a.communityId}/notifications/read-all`, { method: 'POST', form: {} });
    assert.equal(noCsrf.status, 403);
  });

  it('saves valid preferences, and refuses bad input with a 400 that writes nothing', async () => {
    const a = await communityWithMembers(h);
    const { learner1, instructor } = a.people;
    const form = await get(learner1, `/c/${a.communityId}/notifications/preferences`);
    assert.match(form.text, /<label for="pref-problem-addressed">Help requests addressed to me<\/label>/);
    assert.match(form.text, /<select id="pref-mention" name="p.mention">\s*<option value="immediate" selected>/);
    assert.ok(!form.text.includes('p.digest.facilitator'), 'the facilitator summary is offered to facilitators only');
    assert.match((await get(instructor, `/c/${a.communityId}/notifications/preferences`)).text, /name="p.digest.facilitator"/);

    const all: Record<string, string> = {};
    for (const m of form.text.matchAll(/name="(p\.[^"]+)"/g)) all[m[1]] = 'daily';
    all['p.mention'] = 'off';
    all['p.pd.approved'] = 'weekly';
    const bad = await post(learner1, `/c/${a.communityId}/notifications/preferences`, { ...all, 'p.reply': 'hourly' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Choose a valid option for every type of notification/);
    const missing = { ...all };
    delete missing['p.meeting.changed'];
    assert.equal((await post(learner1, `/c/${a.communityId}/notifications/preferences`, missing)).status, 400);
    assert.equal(await NotificationPreference.count({ where: { membershipId: learner1.membershipId } }), 0, 'nothing written');

    const ok = await post(learner1, `/c/${a.communityId}/notifications/preferences`, all);
    assert.equal(ok.status, 303);
    const rows = await NotificationPreference.findAll({ where: { membershipId: learner1.membershipId }, order: [['kind', 'ASC']] });
    assert.deepEqual(rows.map((r) => [r.kind, r.delivery]), [['meeting.starting', 'daily'], ['mention', 'off'], ['mentoring.answered', 'daily'], ['mentoring.request', 'daily'], ['pd.approved', 'weekly'], ['post.flagged', 'daily'], ['privacy.erasure', 'daily'], ['privacy.export_ready', 'daily'], ['problem.addressed', 'daily'], ['proposal.closing', 'daily']], 'only choices that differ from the defaults are stored');
    const saved = await learner1.agent.fetch(new URL(ok.headers.get('location')!, h.toolUrl).href);
    assert.match(saved.text, /Your preferences were saved/);
    assert.match(saved.text, /<select id="pref-mention" name="p.mention">[\s\S]*?<option value="off" selected>/);
  });

  it('keeps each member to their own notifications and preferences, in their own community', async () => {
    const a = await communityWithMembers(h);
    const b = await communityWithMembers(h, h.canvas);
    const { learner1, learner2 } = a.people;
    await notifyNow(h, { communityId: a.communityId, recipients: [learner2.membershipId], kind: 'mention', link: `/c/${a.communityId}` });
    await notifyNow(h, { communityId: b.communityId, recipients: [b.people.learner1.membershipId], kind: 'mention', link: `/c/${b.communityId}` });
    const others = await Notification.findOne({ where: { membershipId: learner2.membershipId } });
    const inB = await Notification.findOne({ where: { membershipId: b.people.learner1.membershipId } });

    assert.equal((await get(learner1, `/c/${b.communityId}/notifications`)).status, 403);
    assert.equal((await get(learner1, `/c/${b.communityId}/notifications/preferences`)).status, 403);
    const before = await NotificationPreference.count();
    const change = await post(learner1, `/c/${b.communityId}/notifications/preferences`, { 'p.mention': 'off' });
    assert.equal(change.status, 403);
    assert.equal((await post(learner1, `/c/${b.communityId}/notifications/read-all`)).status, 403);
    assert.equal(await NotificationPreference.count(), before, 'nothing written');
    assert.equal((await get(learner1, `/c/${a.communityId}/notifications/${others!.id}/open`)).status, 404, "another member's notification");
    assert.equal((await get(learner1, `/c/${a.communityId}/notifications/${inB!.id}/open`)).status, 404, "another community's notification");
    assert.equal((await get(learner1, `/c/${b.communityId}/notifications/${inB!.id}/open`)).status, 403);
    await others!.reload();
    await inB!.reload();
    assert.equal(others!.readAt, null);
    assert.equal(inB!.readAt, null);
    const list = await get(learner1, `/c/${a.communityId}/notifications`);
    assert.ok(!list.text.includes(`data-notification="${others!.id}"`));
    assert.match(list.text, /No notifications yet/);
  });

  it('refuses a tampered unsubscribe link (signature, member or kind changed) and writes nothing', async () => {
    const a = await communityWithMembers(h);
    const { learner1, learner2 } = a.people;
    const good = new URL(unsubscribeLink(h.config, learner1.membershipId, 'mention'));
    const variants: Array<(u: URL) => void> = [
      (u) => u.searchParams.set('sig', u.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))),
      (u) => u.searchParams.set('m', String(learner2.membershipId)),
      (u) => u.searchParams.set('k', 'reply'),
      (u) => u.searchParams.set('k', 'everything'),
      (u) => u.searchParams.delete('sig'),
    ];
    for (const tamper of variants) {
      const u = new URL(good.href);
      tamper(u);
      const shown = await fetch(u, { headers: { 'accept-language': 'en' } });
      assert.equal(shown.status, 400, u.search);
      assert.match(await shown.text(), /This unsubscribe link is not valid/);
      assert.equal((await fetch(u, { method: 'POST' })).status, 400);
    }
    assert.equal(await NotificationPreference.count({ where: { membershipId: [learner1.membershipId, learner2.membershipId] } }), 0);
    const applied = await fetch(good, { method: 'POST' });
    assert.equal(applied.status, 200);
    assert.match(await applied.text(), /Done: you will no longer get e-mails for: Someone mentions me/);
    assert.equal(await Activity.count({ where: { membershipId: learner1.membershipId, verb: 'notifications.unsubscribe' } }), 1);
  });

  it('answers an e-mail link opened without a session with "open CoPeR from your course", offering the member\'s course', async () => {
    const a = await communityWithMembers(h);
    const { learner3 } = a.people;
    const cohort = await Cohort.findOne({ where: { contextId: a.courseId } });
    assert.equal(cohort!.lmsReturnUrl, `${h.moodle.url}/`, 'the course address from launch_presentation.return_url');
    const hinted = await fetch(`${h.toolUrl}/c/${a.communityId}/threads/5?r=${recipientHint(h.config.LTI_KEY, learner3.membershipId, `/c/${a.communityId}/threads/5`)}`);
    assert.equal(hinted.status, 401);
    const html = await hinted.text();
    assert.match(html, /<html lang="fr">/, "in the member's language");
    assert.match(html, /Ouvrez CoPeR à partir de votre cours/);
    assert.match(html, new RegExp(`href="${h.moodle.url}/"[^>]*data-lms-course`));
    const forged = await fetch(`${h.toolUrl}/c/${a.communityId}/notifications?r=${learner3.membershipId}.AAAAAAAAAAAAAAAAAAAAAA`, { headers: { 'accept-language': 'en-CA' } });
    assert.equal(forged.status, 401);
    const text = await forged.text();
    assert.match(text, /Open CoPeR from your course/);
    assert.ok(!text.includes('data-lms-course'), 'no course offered without a valid hint');
  });
});
