import assert from 'node:assert/strict';
import { Activity, recordActivity } from '../../src/activity/model';
import { Community } from '../../src/kernel/community';
import { Meeting } from '../../src/meetings/model';
import { PdEntry } from '../../src/pd/model';
import { ScoreOutbox } from '../../src/gradebook/model';
import { scoreSendsIdle } from '../../src/participation/service';
import { field } from '../helpers/harness';
import { drain, freshTokens, gradeCommunity, type GradeCommunity } from '../participation/helpers';

const u = (gc: GradeCommunity, path: string, _who = 'instructor', query = '') => `${gc.h.toolUrl}/c/${gc.communityId}${path}${query.replace(/^&/, '?')}`;
async function csrf(gc: GradeCommunity, who: string) {
  gc.as[who].csrf = field((await gc.as[who].agent.fetch(u(gc, '/pd', who))).text, '_csrf');
}
const post = (gc: GradeCommunity, path: string, form: Record<string, string>, who = 'instructor') =>
  gc.as[who].agent.fetch(`${gc.h.toolUrl}/c/${gc.communityId}${path}`, { method: 'POST', form: { _csrf: gc.as[who].csrf, ...form } });

/** A meeting of the community, held on 14 October 2026 in the evening (already the 15th in UTC). */
async function meeting(gc: GradeCommunity, title = 'Rencontre d’octobre'): Promise<number> {
  const m = await Meeting.create({ communityId: gc.communityId, createdBy: gc.m.instructor.id, title, mode: 'online', startsAt: new Date('2026-10-15T00:30:00Z'), durationMinutes: 120, timeZone: 'America/Toronto' });
  return m.id;
}

/** A facilitator confirms attendance after the meeting: the row the meetings feature writes (on the attendee's membership). */
async function attended(gc: GradeCommunity, who: string, meetingId: number, minutes: number, verb = 'meeting.attended') {
  const attendee = gc.m[who];
  await Community.sequelize!.transaction((t) =>
    recordActivity({ communityId: gc.communityId, userId: attendee.userId, membershipId: attendee.id, verb, subject: { type: 'meeting', id: meetingId }, data: { minutes, attendanceId: 1, confirmedBy: gc.m.instructor.id } }, t),
  );
}

describe('PD-hours ledger', () => {
  beforeEach(freshTokens);
  afterEach(scoreSendsIdle);

  it('confirmed attendance becomes hours (peer activities); a correction withdraws them, never deletes', async () => {
    const gc = await gradeCommunity('moodle', ['learner1']);
    const oct = await meeting(gc);
    await attended(gc, 'learner1', oct, 90);
    await attended(gc, 'learner1', oct, 90); // confirmed twice: still one line
    const lines = await PdEntry.findAll({ where: { membershipId: gc.m.learner1.id } });
    assert.equal(lines.length, 1);
    assert.deepEqual([lines[0].source, lines[0].category, lines[0].minutes, lines[0].status, lines[0].evidenceType, lines[0].evidenceId], ['meeting', 'pairs', 90, 'approved', 'meeting', oct]);
    assert.deepEqual([lines[0].title, lines[0].date], ['Rencontre d’octobre', '2026-10-14'], 'titled and dated by the meeting, on its own calendar');
    assert.deepEqual([lines[0].createdBy, lines[0].reviewedBy], [gc.m.instructor.userId, gc.m.instructor.userId], 'signed by the facilitator who confirmed');
    const page = await gc.as.learner1.agent.fetch(u(gc, '/pd', 'learner1'));
    assert.match(page.text, /1.5 h approved in this community/);
    // The facilitator corrects: the member was not there.
    await attended(gc, 'learner1', oct, 0, 'meeting.attendance_revoked');
    await lines[0].reload();
    assert.equal(lines[0].status, 'withdrawn');
    assert.equal(lines[0].withdrawnReason, 'attendance_revoked');
    assert.equal(await PdEntry.count({ where: { membershipId: gc.m.learner1.id } }), 1, 'the line stays in the ledger');
    const after = await gc.as.learner1.agent.fetch(u(gc, '/pd', 'learner1'));
    assert.match(after.text, /0 h approved in this community/);
    assert.match(after.text, /attendance corrected after the meeting/);
    // A corrected duration replaces the line (old one withdrawn, new one approved).
    await attended(gc, 'learner1', oct, 60);
    await attended(gc, 'learner1', oct, 75);
    const all = await PdEntry.findAll({ where: { membershipId: gc.m.learner1.id }, order: [['id', 'ASC']] });
    assert.deepEqual(all.map((e) => [e.minutes, e.status]), [[90, 'withdrawn'], [60, 'withdrawn'], [75, 'approved']]);
    // A meeting this community does not hold: the line keeps its number and the day of the confirmation.
    const other = await gradeCommunity('moodle', []);
    const elsewhere = await meeting(other, 'Ailleurs');
    await attended(gc, 'learner1', elsewhere, 30);
    const stray = (await PdEntry.findOne({ where: { membershipId: gc.m.learner1.id, evidenceId: elsewhere } }))!;
    assert.equal(stray.title, `#${elsewhere}`);
    assert.match(stray.date, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('declared activity: the member declares, a facilitator returns it with a note, the member fixes it, a facilitator approves', async () => {
    const gc = await gradeCommunity('moodle', ['learner1']);
    await csrf(gc, 'learner1');
    const bad = await post(gc, '/pd/declarations', { category: 'lecture', date: '2026-10-01', hours: '-2', title: 'Lecture' }, 'learner1');
    assert.equal(bad.status, 400);
    assert.equal(await PdEntry.count({ where: { communityId: gc.communityId } }), 0, 'nothing written');
    const declared = await post(gc, '/pd/declarations', { category: 'lecture', date: '2026-10-01', hours: '2.5', title: 'Lecture : Enseigner la lecture', description: 'Chapitres 1 à 4', evidenceUrl: 'https://example.org/notes' }, 'learner1');
    assert.equal(declared.status, 200);
    const entry = (await PdEntry.findOne({ where: { membershipId: gc.m.learner1.id } }))!;
    assert.deepEqual([entry.source, entry.status, entry.minutes, entry.evidenceUrl], ['declared', 'pending', 150, 'https://example.org/notes']);
    // The member cannot approve their own; a facilitator must say what to change to return it.
    assert.equal((await post(gc, `/pd/entries/${entry.id}/review`, { decision: 'approve' }, 'learner1')).status, 403);
    assert.equal((await post(gc, `/pd/entries/${entry.id}/review`, { decision: 'return', note: '' })).status, 400);
    const review = await gc.agent.fetch(u(gc, '/pd'));
    assert.match(review.text, new RegExp(`data-pending="${entry.id}"`));
    assert.equal((await post(gc, `/pd/entries/${entry.id}/review`, { decision: 'return', note: 'Précisez les pages lues.' })).status, 200);
    await entry.reload();
    assert.equal(entry.status, 'returned');
    const mine = await gc.as.learner1.agent.fetch(u(gc, '/pd', 'learner1'));
    assert.match(mine.text, /Précisez les pages lues/);
    const again = await post(gc, `/pd/entries/${entry.id}/resubmit`, { category: 'lecture', date: '2026-10-01', hours: '3', title: 'Lecture : Enseigner la lecture, p. 1-120' }, 'learner1');
    assert.equal(again.status, 200);
    await entry.reload();
    assert.deepEqual([entry.status, entry.minutes], ['pending', 180]);
    assert.equal((await post(gc, `/pd/entries/${entry.id}/review`, { decision: 'approve' })).status, 200);
    await entry.reload();
    assert.equal(entry.status, 'approved');
    assert.equal(entry.reviewedBy, gc.m.instructor.userId);
    assert.deepEqual(
      (await Activity.findAll({ where: { communityId: gc.communityId, verb: ['pd.declare', 'pd.return', 'pd.resubmit', 'pd.approve'] }, order: [['id', 'ASC']] })).map((a) => a.verb),
      ['pd.declare', 'pd.return', 'pd.resubmit', 'pd.approve'],
    );
  });

  it('manual entries and withdrawals by facilitators; the optional PD-hours column follows the approved hours', async () => {
    const gc = await gradeCommunity('canvas', ['learner1']);
    const settings = { pt_thread: '3', minLength: '80', period: 'course', target: '30', cap: '', startDate: '', weeks: '12', gradebook: 'true', pdColumn: 'true', pdTargetHours: '10', action: 'save' };
    assert.equal((await post(gc, '/participation/settings', settings)).status, 200);
    await scoreSendsIdle();
    assert.equal((await post(gc, '/pd/manual', { member: String(gc.m.instructor.id), category: 'formation', date: '2026-10-02', hours: '3', title: 'Atelier' })).status, 400, 'not for oneself');
    const added = await post(gc, '/pd/manual', { member: String(gc.m.learner1.id), category: 'formation', date: '2026-10-02', hours: '3', title: 'Atelier sur l’évaluation' });
    assert.equal(added.status, 200);
    await attended(gc, 'learner1', await meeting(gc), 120);
    assert.ok(await ScoreOutbox.count({ where: { communityId: gc.communityId, kind: 'pd_hours', status: 'pending' } }) >= 1, 'PD column queued with the change');
    await scoreSendsIdle();
    await drain(gc.communityId);
    const pdItem = [...gc.platform.lineItems.values()].find((li) => li.resourceId === `coper-pd-hours-${gc.communityId}`)!;
    assert.equal(pdItem.scoreMaximum, 10);
    assert.equal(pdItem.tag, 'pd_hours');
    assert.deepEqual([pdItem.scores.get('learner1').scoreGiven, pdItem.scores.get('learner1').scoreMaximum], [5, 10]);
    const manual = (await PdEntry.findOne({ where: { membershipId: gc.m.learner1.id, source: 'manual' } }))!;
    assert.equal((await post(gc, `/pd/entries/${manual.id}/withdraw`, { reason: 'Saisie en double' })).status, 200);
    await manual.reload();
    assert.deepEqual([manual.status, manual.withdrawnReason, manual.withdrawnBy], ['withdrawn', 'Saisie en double', gc.m.instructor.userId]);
    await scoreSendsIdle();
    await drain(gc.communityId);
    assert.equal(pdItem.scores.get('learner1').scoreGiven, 2);
    assert.match(pdItem.scores.get('learner1').comment, /Approved professional-development hours: 2 h of 10 h/);
  });
});
