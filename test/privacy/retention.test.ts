import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { Activity } from '../../src/activity/model';
import { Session } from '../../src/sessions/model';
import { LtiLogin } from '../../src/lti/login-model';
import { EmailOutbox, Notification } from '../../src/notifications/model';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { applyRetention, reducedDetail } from '../../src/privacy/retention';
import { retentionJob } from '../../src/privacy/jobs';
import { jobs } from '../../src/worker/runner';
import { privacyCommunity, cli } from './helpers';

const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/** Rows on both sides of every retention period: `old` ones must go, `fresh` ones must stay. */
async function rowsAroundTheLimits() {
  const c = await privacyCommunity();
  const h = c.h;
  const sequelize = h.runtime.sequelize;
  const cfg = h.config;
  await c.as(c.person.id);
  const user = (await User.findOne({ where: { sub: c.person.id } }))!;
  const membership = (await Membership.findOne({ where: { userId: user.id, communityId: c.communityId } }))!;
  const session = (await Session.findOne({ where: { userId: user.id } }))!;
  const oldSession = await Session.create({ ...session.get(), id: `retention-${Date.now()}`.padEnd(64, '0'), expiresAt: ago(cfg.RETENTION_SESSIONS_DAYS + 1) });
  const oldLogin = await LtiLogin.create({ state: `old-${Date.now()}`, nonce: 'n', issuer: h.moodle.issuer, params: { login_hint: c.person.id } });
  await sequelize.query('UPDATE lti_logins SET created_at = ? WHERE state = ?', { replacements: [ago(cfg.RETENTION_LOGINS_DAYS + 1), oldLogin.state] });
  const mail = (over: Record<string, unknown>) =>
    EmailOutbox.create({ communityId: c.communityId, membershipId: membership.id, category: 'test', toAddress: c.person.email, subject: 's', textBody: 't', htmlBody: 'h', nextAttemptAt: new Date(), ...over });
  const oldMail = await mail({ status: 'sent', sentAt: ago(cfg.RETENTION_EMAIL_DAYS + 1) });
  const freshMail = await mail({ status: 'sent', sentAt: ago(cfg.RETENTION_EMAIL_DAYS - 1) });
  const pendingMail = await mail({ status: 'pending' });
  await sequelize.query('UPDATE email_outbox SET created_at = ?, updated_at = ? WHERE id = ?', { replacements: [ago(400), ago(400), pendingMail.id] });
  const note = (days: number) => Notification.create({ communityId: c.communityId, membershipId: membership.id, kind: 'reply', link: '/x' }).then(async (n) => {
    await sequelize.query('UPDATE notifications SET created_at = ? WHERE id = ?', { replacements: [ago(days), n.id] });
    return n;
  });
  const oldNote = await note(cfg.RETENTION_NOTIFICATIONS_DAYS + 1);
  const freshNote = await note(1);
  const act = async (days: number) => {
    const a = await Activity.create({ communityId: c.communityId, userId: user.id, membershipId: membership.id, verb: 'thread.create', data: JSON.stringify({ kind: 'discussion', length: 120, title: 'Un titre personnel', threadId: 7 }) });
    await sequelize.query('UPDATE activities SET created_at = ? WHERE id = ?', { replacements: [ago(days), a.id] });
    return a;
  };
  const oldAct = await act(cfg.RETENTION_ACTIVITY_DETAIL_DAYS + 1);
  const freshAct = await act(1);
  const outbox = path.join(cfg.DATA_DIR, 'outbox');
  fs.mkdirSync(outbox, { recursive: true });
  const oldFile = path.join(outbox, `retention-old-${process.pid}.eml`);
  const freshFile = path.join(outbox, `retention-fresh-${process.pid}.eml`);
  fs.writeFileSync(oldFile, 'Subject: old');
  fs.writeFileSync(freshFile, 'Subject: fresh');
  fs.utimesSync(oldFile, ago(cfg.RETENTION_EMAIL_DAYS + 1), ago(cfg.RETENTION_EMAIL_DAYS + 1));
  return { c, h, sequelize, session, oldSession, oldLogin, oldMail, freshMail, pendingMail, oldNote, freshNote, oldAct, freshAct, oldFile, freshFile };
}

describe('privacy: retention', () => {
  it('reduces an activity row to what is counted (kind, length, links), without free text', () => {
    assert.deepEqual(JSON.parse(reducedDetail(JSON.stringify({ kind: 'discussion', length: 12, title: 'Mon titre', choices: ['agree'], threadId: 3 }))!), { kind: 'discussion', length: 12, threadId: 3, reduced: true });
    assert.equal(reducedDetail(null), null);
  });

  it('a dry run counts what is past the periods and changes nothing; the run removes exactly that, and leaves what is within them', async () => {
    const r = await rowsAroundTheLimits();
    const dry = await applyRetention(r.sequelize, r.h.config, { dryRun: true });
    for (const k of ['sessions', 'logins', 'emails', 'emailFiles', 'notifications', 'activityDetail'] as const) assert.ok(dry[k] >= 1, `dry run counts ${k}`);
    assert.ok(await Session.findByPk(r.oldSession.id), 'dry run: nothing removed');
    assert.ok(await EmailOutbox.findByPk(r.oldMail.id));
    assert.ok(fs.existsSync(r.oldFile));
    assert.match((await Activity.findByPk(r.oldAct.id))!.data!, /Un titre personnel/);

    const cliDry = await cli(r.h, ['privacy', 'retention', '--dry-run']);
    assert.equal(cliDry.code, 0, cliDry.stderr);
    assert.match(cliDry.stdout, /Would remove \(dry run, nothing changed\)/);
    assert.match(cliDry.stdout, /notifications +\d+/);
    assert.ok(await Notification.findByPk(r.oldNote.id), 'the dry-run command removes nothing');

    const done = await applyRetention(r.sequelize, r.h.config);
    assert.ok(done.sessions >= 1 && done.notifications >= 1);
    assert.equal(await Session.findByPk(r.oldSession.id), null);
    assert.ok(await Session.findByPk(r.session.id), 'a live session stays');
    assert.equal(await LtiLogin.findByPk(r.oldLogin.state), null);
    assert.equal(await EmailOutbox.findByPk(r.oldMail.id), null);
    assert.ok(await EmailOutbox.findByPk(r.freshMail.id), 'an e-mail sent recently stays');
    assert.ok(await EmailOutbox.findByPk(r.pendingMail.id), 'a pending e-mail is never removed, however old');
    assert.equal(await Notification.findByPk(r.oldNote.id), null);
    assert.ok(await Notification.findByPk(r.freshNote.id));
    assert.ok(!fs.existsSync(r.oldFile) && fs.existsSync(r.freshFile));
    const old = (await Activity.findByPk(r.oldAct.id))!;
    assert.deepEqual(JSON.parse(old.data!), { kind: 'discussion', length: 120, threadId: 7, reduced: true }, 'the old row keeps who, what, when and what is counted');
    assert.equal(old.membershipId, r.oldAct.membershipId);
    assert.match((await Activity.findByPk(r.freshAct.id))!.data!, /Un titre personnel/, 'a recent row keeps its detail');
    const again = await applyRetention(r.sequelize, r.h.config, { dryRun: true });
    assert.equal(again.activityDetail, 0, 'reduced rows are not reduced again');
    fs.rmSync(r.freshFile, { force: true });
    // The worker's job applies the same periods and leaves an audit line with counts only.
    await r.sequelize.query('UPDATE notifications SET created_at = ? WHERE id = ?', { replacements: [ago(r.h.config.RETENTION_NOTIFICATIONS_DAYS + 2), r.freshNote.id] });
    const byJob = (await retentionJob.run(r.h.runtime)) as { notifications: number };
    assert.ok(byJob.notifications >= 1);
    assert.equal(await Notification.findByPk(r.freshNote.id), null);
    const audit = await r.sequelize.query<{ actor: string; data: string }>("SELECT actor, data FROM privacy_audit WHERE action = 'retention' ORDER BY id DESC LIMIT 1", { type: QueryTypes.SELECT });
    assert.equal(audit[0].actor, 'worker');
    assert.ok(JSON.parse(audit[0].data).notifications >= 1);
    assert.ok(jobs.includes(retentionJob), 'the worker runs it');
  });

  it('an old row is reduced even when its own detail holds `"reduced":true`: only the flag retention sets says a row is done', async () => {
    const r = await rowsAroundTheLimits();
    const a = await Activity.create({ communityId: r.c.communityId, userId: r.oldAct.userId, membershipId: r.oldAct.membershipId, verb: 'poll.create', data: JSON.stringify({ title: 'Un titre personnel', options: { reduced: true }, length: 4 }) });
    await r.sequelize.query('UPDATE activities SET created_at = ? WHERE id = ?', { replacements: [ago(r.h.config.RETENTION_ACTIVITY_DETAIL_DAYS + 1), a.id] });
    await applyRetention(r.sequelize, r.h.config);
    await a.reload();
    assert.deepEqual([JSON.parse(a.data!), a.detailReduced], [{ length: 4, reduced: true }, true]);
    assert.equal((await Activity.findByPk(r.freshAct.id))!.detailReduced, false);
  });
});
