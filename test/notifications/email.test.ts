import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { harness, type Harness } from '../helpers/harness';
import { communityWithMembers, notifyNow } from './helpers';
import { startSmtp, startSmtpOn, closedPort, drainOutbox, type Received } from './smtp';
import { deliverDueEmails, claimDueEmails } from '../../src/notifications/mailer';
import { runMemberDigests } from '../../src/notifications/digests';
import { EmailOutbox, Notification, NotificationPreference, DigestRun } from '../../src/notifications/model';
import { ZONE } from '../../src/notifications/periods';
import type { Config } from '../../src/config';

/** Tomorrow at 08:00 in Toronto: the daily digest (DIGEST_HOUR 7) is due and covers everything created until 07:00. */
const tomorrowMorning = () => DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 8, minute: 0 }).toJSDate();

describe('e-mail through a real SMTP conversation', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let config: Config;
  before(async () => {
    h = await harness();
    smtp = await startSmtp();
    config = { ...h.config, SMTP_URL: smtp.url, MAIL_FROM: 'CoPeR <coper@example.org>' };
  });
  after(() => smtp.close());
  // Other tests leave e-mails pending (no worker runs in tests): start each test from an empty outbox.
  beforeEach(async () => {
    await EmailOutbox.destroy({ where: {} });
    smtp.received.length = 0;
  });

  /** The message to `addr` about this community (the sample people are members of every test community). */
  const to = (addr: string, communityId?: number): Received => {
    const m = smtp.received.find((r) => r.to.includes(addr) && (communityId === undefined || r.text.includes(`/c/${communityId}/`)));
    assert.ok(m, `a message to ${addr}; got ${smtp.received.map((r) => r.to.join(',')).join(' | ')}`);
    return m;
  };

  it('sends immediate notifications to the right people, each in their language, with links into the tool', async () => {
    const a = await communityWithMembers(h);
    const { instructor, learner1, learner3 } = a.people;
    await notifyNow(h, {
      communityId: a.communityId,
      recipients: [learner1.membershipId, learner3.membershipId],
      kind: 'mention',
      actorMembershipId: instructor.membershipId,
      params: { title: 'Rubrique d’évaluation' },
      link: `/c/${a.communityId}/threads/7#post-3`,
    });
    const result = await deliverDueEmails(config);
    assert.deepEqual(result, { sent: 2, retried: 0, failed: 0 });
    assert.equal(smtp.received.length, 2);
    const fr = to('nadia.cote@example.org');
    const en = to('alex.smith@example.org');
    assert.equal(fr.from, 'coper@example.org');
    assert.equal(fr.subject, '[Enseigner en réseau] Marie Tremblay vous a mentionné·e dans « Rubrique d’évaluation »');
    assert.equal(en.subject, '[Enseigner en réseau] Marie Tremblay mentioned you in “Rubrique d’évaluation”');
    assert.match(fr.text, /Bonjour Nadia Côté,/);
    assert.match(en.text, /Hello Alex Smith,/);
    assert.match(fr.html, /<html lang="fr">/);
    const link = new RegExp(`${h.toolUrl}/c/${a.communityId}/threads/7\\?r=${learner3.membershipId}\\.[\\w-]{22}#post-3`);
    assert.match(fr.text, link, 'the link opens the tool at the target, with a signed recipient hint before the fragment');
    assert.match(fr.headers['list-unsubscribe'], new RegExp(`<${h.toolUrl}/notifications/unsubscribe\\?m=${learner3.membershipId}&k=mention&sig=`));
    assert.equal(fr.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    assert.ok(!fr.text.includes('?s='), 'no session token ever leaves in an e-mail');
    const rows = await EmailOutbox.findAll({ where: { communityId: a.communityId } });
    assert.deepEqual(rows.map((r) => [r.status, r.attempts]), [['sent', 1], ['sent', 1]]);
  });

  it('quotes the post a notification is about, shortened and as plain text, so the e-mail stands on its own', async () => {
    const a = await communityWithMembers(h);
    const { instructor, learner1 } = a.people;
    const post = (m: typeof instructor, path: string, form: Record<string, string>) => m.agent.fetch(`${h.toolUrl}/c/${a.communityId}${path}`, { method: 'POST', form: { _csrf: m.csrf, ...form } });
    const started = await post(instructor, '/threads', { kind: 'discussion', title: 'Lecture partagée', body: 'Qui essaie la lecture partagée?' });
    const threadId = Number(/\/threads\/(\d+)/.exec(started.url)![1]);
    const long = `@Alex Smith, **voici** ce que je fais <script>alert(1)</script> avec mes élèves. ${'Nous lisons à voix haute chaque matin. '.repeat(12)}`;
    assert.equal((await post(instructor, `/threads/${threadId}/posts`, { body: long })).status, 200);
    await deliverDueEmails(config);
    const en = to('alex.smith@example.org', a.communityId);
    assert.match(en.subject, /Marie Tremblay mentioned you/);
    // Plain text: the words as typed (Markdown rendered away, a typed tag stays text); HTML: escaped.
    assert.ok(en.text.includes('“@Alex Smith, voici ce que je fais <script>alert(1)</script> avec mes élèves. Nous lisons'), en.text);
    assert.match(en.text, /…”/, 'shortened');
    assert.doesNotMatch(en.text, /\*\*voici/);
    assert.doesNotMatch(en.html, /<script/);
    assert.match(en.html, /&lt;script&gt;|&#60;script/);
    assert.match(en.html, /“@Alex Smith, voici ce que je fais/);
  });

  it('keeps messages pending when the SMTP server refuses connections, retries later with backoff, and sends them once the server is up', async () => {
    const a = await communityWithMembers(h);
    const { learner1, mentor } = a.people;
    const port = await closedPort();
    const down: Config = { ...config, SMTP_URL: `smtp://127.0.0.1:${port}` };
    await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId, mentor.membershipId], kind: 'mentoring.request', link: `/c/${a.communityId}` });
    const t0 = new Date();
    assert.deepEqual(await deliverDueEmails(down, { now: t0 }), { sent: 0, retried: 2, failed: 0 });
    const rows = await EmailOutbox.findAll({ where: { communityId: a.communityId }, order: [['id', 'ASC']] });
    assert.deepEqual(rows.map((r) => r.status), ['pending', 'pending'], 'nothing lost');
    assert.deepEqual(rows.map((r) => r.attempts), [1, 0], 'the server is down: the rest of the batch is put back untried');
    for (const r of rows) assert.ok(r.nextAttemptAt.getTime() > t0.getTime() + 30_000, 'next attempt pushed into the future');
    assert.match(rows[0].lastError!, /ECONNREFUSED|connect/i);
    assert.deepEqual(await deliverDueEmails(down, { now: t0 }), { sent: 0, retried: 0, failed: 0 }, 'not retried before its time');
    const up = await startSmtpOn(port);
    try {
      const later = new Date(Math.max(...rows.map((r) => r.nextAttemptAt.getTime())) + 1000);
      assert.deepEqual(await deliverDueEmails(down, { now: later }), { sent: 2, retried: 0, failed: 0 });
      assert.deepEqual(up.received.map((m) => m.to[0]).sort(), ['alex.smith@example.org', 'chris.lee@example.org']);
      for (const r of rows) await r.reload();
      assert.deepEqual(rows.map((r) => [r.status, r.attempts]), [['sent', 2], ['sent', 1]]);
    } finally {
      await up.close();
    }
  });

  it('never lets two workers claim the same message', async () => {
    const a = await communityWithMembers(h);
    const { learner1, learner2, learner3, mentor } = a.people;
    await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId, learner2.membershipId, learner3.membershipId, mentor.membershipId], kind: 'problem.addressed', link: `/c/${a.communityId}` });
    const now = new Date();
    const [x, y] = await Promise.all([claimDueEmails(now, 10), claimDueEmails(now, 10)]);
    const ids = [...x, ...y].map((r) => r.id);
    assert.equal(ids.length, 4, 'every message claimed once');
    assert.equal(new Set(ids).size, 4, 'no message claimed twice');
    assert.equal(await EmailOutbox.count({ where: { status: 'sending' } }), 4);
  });

  it('sends the daily digest once, in the member\'s language, honouring "off", and never before the digest hour', async () => {
    const a = await communityWithMembers(h);
    const { instructor, learner1, learner3, learner2 } = a.people;
    await NotificationPreference.create({ membershipId: learner2.membershipId, kind: 'reply', delivery: 'off' });
    for (const title of ['Projet intégrateur', 'Stages']) {
      await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId, learner2.membershipId, learner3.membershipId], kind: 'reply', actorMembershipId: instructor.membershipId, params: { title }, link: `/c/${a.communityId}/threads/9` });
    }
    assert.equal(await EmailOutbox.count(), 0, 'reply is a daily kind: nothing sent at once');
    const beforeHour = DateTime.fromJSDate(tomorrowMorning()).setZone(ZONE).set({ hour: 6 }).toJSDate();
    await runMemberDigests(h.runtime.sequelize, config, beforeHour);
    assert.equal(await EmailOutbox.count(), 0, 'not before DIGEST_HOUR');

    const morning = tomorrowMorning();
    await runMemberDigests(h.runtime.sequelize, config, morning);
    await runMemberDigests(h.runtime.sequelize, config, new Date(morning.getTime() + 3600_000));
    const digests = await EmailOutbox.findAll({ where: { communityId: a.communityId } });
    assert.deepEqual(digests.map((d) => d.category), ['digest.daily', 'digest.daily'], 'one digest each for learner1 and learner3; learner2 turned replies off; a second run sends nothing');
    assert.equal(await DigestRun.count({ where: { membershipId: learner1.membershipId, digest: 'daily' } }), 1);
    await drainOutbox(() => deliverDueEmails(config));
    const fr = to('nadia.cote@example.org', a.communityId);
    assert.equal(fr.subject, '[Enseigner en réseau] Votre résumé du jour : 2 nouveautés');
    assert.match(fr.text, /Marie Tremblay a répondu dans «\sProjet intégrateur\s», un fil que vous suivez/);
    assert.match(fr.text, /Marie Tremblay a répondu dans «\sStages\s», un fil que vous suivez/);
    assert.match(fr.text, new RegExp(`${h.toolUrl}/c/${a.communityId}/threads/9\\?r=`));
    assert.match(fr.headers['list-unsubscribe'], /k=digest\.daily/);
    const en = to('alex.smith@example.org', a.communityId);
    assert.equal(en.subject, '[Enseigner en réseau] Your daily digest: 2 new items');
    assert.match(en.text, /Marie Tremblay replied in “Stages”, a thread you follow/);
    assert.ok(!smtp.received.some((r) => r.to.includes('sophie.roy@example.org') && r.text.includes(`/c/${a.communityId}/`)));
    const mailed = await Notification.count({ where: { membershipId: learner1.membershipId, emailedAt: null } });
    assert.equal(mailed, 0, 'digested notifications are marked mailed');
  });

  it('leaves read notifications out of digests, and sends a weekly digest on Monday for weekly kinds', async () => {
    const a = await communityWithMembers(h);
    const { learner1 } = a.people;
    await NotificationPreference.create({ membershipId: learner1.membershipId, kind: 'proposal.opened', delivery: 'weekly' });
    await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId], kind: 'proposal.opened', params: { title: 'Charte v2' }, link: `/c/${a.communityId}/proposals/1` });
    await notifyNow(h, { communityId: a.communityId, recipients: [learner1.membershipId], kind: 'proposal.decided', params: { title: 'Horaire' }, link: `/c/${a.communityId}/proposals/2` });
    await Notification.update({ readAt: new Date() }, { where: { membershipId: learner1.membershipId, kind: 'proposal.decided' } });
    const nextMonday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 }).set({ hour: 9 }).toJSDate();
    await runMemberDigests(h.runtime.sequelize, config, nextMonday);
    const rows = await EmailOutbox.findAll({ where: { membershipId: learner1.membershipId } });
    assert.deepEqual(rows.map((r) => r.category), ['digest.weekly'], 'the read daily item is not mailed; the weekly one is');
    assert.match(rows[0].textBody, /New proposal put to the community: “Charte v2”/);
  });

  it('honours the unsubscribe link of an e-mail: GET only asks, the one-click POST stops that kind, in-tool notifications go on', async () => {
    const a = await communityWithMembers(h);
    const { learner3 } = a.people;
    const mention = { communityId: a.communityId, recipients: [learner3.membershipId], kind: 'mention' as const, params: { title: 'Portfolio' }, link: `/c/${a.communityId}` };
    await notifyNow(h, mention);
    await deliverDueEmails(config);
    const link = /<([^>]+)>/.exec(to('nadia.cote@example.org').headers['list-unsubscribe'])![1];
    const page = await fetch(link);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Confirmer le désabonnement/, 'shown in the member\'s language, without a session');
    assert.match(html, /On me mentionne/);
    assert.equal(await NotificationPreference.count({ where: { membershipId: learner3.membershipId } }), 0, 'GET writes nothing');
    const post = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(post.status, 200);
    const pref = await NotificationPreference.findOne({ where: { membershipId: learner3.membershipId, kind: 'mention' } });
    assert.equal(pref!.delivery, 'off');
    smtp.received.length = 0;
    await notifyNow(h, mention);
    assert.deepEqual(await deliverDueEmails(config), { sent: 0, retried: 0, failed: 0 });
    assert.equal(await Notification.count({ where: { membershipId: learner3.membershipId } }), 2, 'the bell still gets it');
  });

  it('writes e-mails to ${DATA_DIR}/outbox/ as .eml files when no SMTP server is configured', async () => {
    const a = await communityWithMembers(h);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coper-outbox-'));
    const fileConfig: Config = { ...h.config, SMTP_URL: undefined, DATA_DIR: dir };
    await notifyNow(h, { communityId: a.communityId, recipients: [a.people.learner1.membershipId], kind: 'mention', link: `/c/${a.communityId}` });
    assert.deepEqual(await deliverDueEmails(fileConfig), { sent: 1, retried: 0, failed: 0 });
    const files = fs.readdirSync(path.join(dir, 'outbox'));
    assert.equal(files.length, 1);
    assert.match(files[0], /\.eml$/);
    const eml = fs.readFileSync(path.join(dir, 'outbox', files[0]), 'utf8');
    assert.match(eml, /^To: alex\.smith@example\.org$/m);
    assert.match(eml, /^List-Unsubscribe:\s+<http/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
