import assert from 'node:assert/strict';
import { Activity } from '../../src/activity/model';
import { Community } from '../../src/kernel/community';
import { ScoreAdjustment } from '../../src/participation/model';
import { ScoreOutbox } from '../../src/gradebook/model';
import { scoreSendsIdle } from '../../src/participation/service';
import { rulesOf } from '../../src/participation/rules';
import { field } from '../helpers/harness';
import { contribute, drain, freshTokens, gradeCommunity, len, participationItem, type GradeCommunity } from './helpers';

const u = (gc: GradeCommunity, path: string, query = '') => `${gc.h.toolUrl}/c/${gc.communityId}${path}${query.replace(/^&/, '?')}`;
const post = (gc: GradeCommunity, path: string, form: Record<string, string>, who = 'instructor') => {
  const a = gc.as[who];
  return a.agent.fetch(`${gc.h.toolUrl}/c/${gc.communityId}${path}`, { method: 'POST', form: { _csrf: a.csrf, ...form } });
};
/** A learner's CSRF token, read from a form on the PD page. */
async function csrfOf(gc: GradeCommunity, who: string): Promise<void> {
  const page = await gc.as[who].agent.fetch(u(gc, '/pd'));
  gc.as[who].csrf = field(page.text, '_csrf');
}

describe('participation pages (through real launches)', () => {
  beforeEach(freshTokens);
  afterEach(scoreSendsIdle);

  it('a member sees their own points, how they were earned and what is left; not the others’ nor the settings', async () => {
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2']);
    await contribute(gc, 'learner1', 'thread.create', len(400), { type: 'thread', id: 1 });
    await contribute(gc, 'learner1', 'post.reply', len(5), { type: 'post', id: 2 });
    const page = await gc.as.learner1.agent.fetch(u(gc, '/participation'));
    assert.equal(page.status, 200);
    assert.match(page.text, /data-earned>3</);
    assert.match(page.text, /27 points left to reach the target/);
    assert.match(page.text, /not counted: shorter than the minimum length/);
    assert.match(page.text, /aria-current="page"[^>]*>Participation|Participation<\/a>/);
    assert.doesNotMatch(page.text, /Sophie Roy/, 'no one else’s points');
    for (const path of ['/participation/settings', '/participation/sync', `/participation/members/${gc.m.learner2.id}`]) {
      assert.equal((await gc.as.learner1.agent.fetch(u(gc, path))).status, 403, path);
    }
    await csrfOf(gc, 'learner1');
    const refused = await post(gc, `/participation/members/${gc.m.learner1.id}/adjustments`, { points: '50', reason: 'I deserve it' }, 'learner1');
    assert.equal(refused.status, 403);
    assert.equal(await ScoreAdjustment.count({ where: { communityId: gc.communityId } }), 0);
    const fac = await gc.agent.fetch(u(gc, '/participation'));
    assert.match(fac.text, /Alex Smith/);
    assert.match(fac.text, /Sophie Roy/);
  });

  it('rules: the preview changes nothing; saving stores the rules, records it and queues every member’s score', async () => {
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2']);
    await contribute(gc, 'learner1', 'thread.create', len(400), { type: 'thread', id: 1 });
    const queuedBefore = await ScoreOutbox.count({ where: { communityId: gc.communityId } });
    const form = { pt_thread: '10', minLength: '80', period: 'course', target: '20', cap: '', startDate: '', weeks: '12', gradebook: 'true', pdColumn: 'false', pdTargetHours: '30' };
    const preview = await post(gc, '/participation/settings', { ...form, action: 'preview' });
    assert.equal(preview.status, 200);
    assert.match(preview.text, /data-preview/);
    assert.match(preview.text, /<th scope="row">Alex Smith<\/th><td>10 %<\/td><td>50 %<\/td>/);
    assert.equal(rulesOf((await Community.findByPk(gc.communityId))!.settings).target, 30, 'not saved');
    assert.equal(await ScoreOutbox.count({ where: { communityId: gc.communityId } }), queuedBefore, 'nothing queued');
    const bad = await post(gc, '/participation/settings', { ...form, target: '-3', action: 'save' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /The target must be a number above 0|La cible doit être un nombre supérieur à 0/);
    const saved = await post(gc, '/participation/settings', { ...form, action: 'save' });
    assert.equal(saved.status, 200);
    assert.match(saved.url, /done=saved/);
    const rules = rulesOf((await Community.findByPk(gc.communityId))!.settings);
    assert.deepEqual([rules.target, rules.points.thread, rules.points.reply, rules.cap], [20, 10, 2, null]);
    assert.equal(await ScoreOutbox.count({ where: { communityId: gc.communityId, cause: 'participation.configure' } }), 2, 'both learners queued in the same transaction');
    assert.equal(await Activity.count({ where: { communityId: gc.communityId, verb: 'participation.configure' } }), 1);
    await scoreSendsIdle();
    await drain(gc.communityId);
    assert.equal(participationItem(gc.platform, gc.courseId, gc.communityId)!.scores.get('learner1').scoreGiven, 10);
  });

  it('a facilitator adjusts a member’s points with a reason; the member reads it and the gradebook follows', async () => {
    const gc = await gradeCommunity('canvas', ['learner1']);
    const bad = await post(gc, `/participation/members/${gc.m.learner1.id}/adjustments`, { points: '0', reason: 'x' });
    assert.equal(bad.status, 400);
    const ok = await post(gc, `/participation/members/${gc.m.learner1.id}/adjustments`, { points: '4.5', reason: 'Animated the March meeting' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /L’ajustement est enregistré/, 'the instructor works in French (fr-CA launch)');
    assert.equal(await ScoreAdjustment.count({ where: { membershipId: gc.m.learner1.id } }), 1);
    const mine = await gc.as.learner1.agent.fetch(u(gc, '/participation'));
    assert.match(mine.text, /\+4.5<\/strong> — Animated the March meeting/);
    await scoreSendsIdle();
    await drain(gc.communityId);
    const score = participationItem(gc.platform, gc.courseId, gc.communityId)!.scores.get('learner1');
    assert.equal(score.scoreGiven, 4.5);
    assert.match(score.comment, /Adjusted by a facilitator: 4.5 points/);
  });

  it('sync page: values, last sent, a 422 parked with the LMS’s message, retry and send now; nothing across communities', async () => {
    const gc = await gradeCommunity('canvas', ['learner1', 'learner3']);
    const other = await gradeCommunity('canvas', ['learner1']);
    gc.platform.setRoster(gc.courseId, gc.platform.courses.get(gc.courseId)!.members.filter((x) => x.id !== 'learner3'));
    await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
    await contribute(gc, 'learner3', 'thread.create', len(300), { type: 'thread', id: 2 });
    await drain(gc.communityId);
    const page = await gc.agent.fetch(u(gc, '/participation/sync'));
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`data-member="${gc.m.learner1.id}" data-status="sent"`));
    assert.match(page.text, new RegExp(`data-member="${gc.m.learner3.id}" data-status="failed"`));
    assert.match(page.text, /La plateforme a refusé cette note\. — <q>User not found in course or is not a student<\/q>/);
    const failed = (await ScoreOutbox.findOne({ where: { membershipId: gc.m.learner3.id, status: 'failed' } }))!;
    assert.match(page.text, new RegExp(`/participation/sync/retry/${failed.id}"`));
    // Another community's facilitator cannot touch it.
    const foreign = await other.agent.fetch(`${other.h.toolUrl}/c/${other.communityId}/participation/sync/retry/${failed.id}`, { method: 'POST', form: { _csrf: other.csrf } });
    assert.equal(foreign.status, 404);
    assert.equal((await failed.reload()).status, 'failed');
    // The teacher re-enrols the learner; retry sends the same score, same timestamp.
    gc.platform.setRoster(gc.courseId, [...gc.platform.courses.get(gc.courseId)!.members, { id: 'learner3', name: 'Nadia Côté', locale: 'fr-CA', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] }]);
    const retried = await post(gc, `/participation/sync/retry/${failed.id}`, {});
    assert.equal(retried.status, 200);
    await scoreSendsIdle();
    await drain(gc.communityId);
    await failed.reload();
    assert.equal(failed.status, 'sent');
    const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
    assert.equal(item.scores.get('learner3').timestamp, failed.timestamp.toISOString().replace('.000Z', 'Z'));
    // Send now: every graded member queued; nothing changed, so nothing new goes out.
    const before = gc.platform.scoresReceived.length;
    const pushed = await post(gc, '/participation/sync/push', { cohort: String(gc.cohort.id) });
    assert.match(pushed.text, /L’envoi est lancé/);
    await scoreSendsIdle();
    await drain(gc.communityId);
    assert.equal(await ScoreOutbox.count({ where: { communityId: gc.communityId, cause: 'push' } }), 2);
    assert.equal(gc.platform.scoresReceived.length, before);
    assert.equal(await Activity.count({ where: { communityId: gc.communityId, verb: 'participation.push' } }), 1);
  });
});
