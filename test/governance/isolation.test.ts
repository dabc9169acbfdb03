import assert from 'node:assert/strict';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchMember, memberFrom, CHARTER_FORM, localIn, type Member } from './helpers';
import { Proposal, Vote, ProposalVoter, ProposalBallot } from '../../src/governance/model';
import { CharterVersion, CharterAcknowledgement } from '../../src/charter/model';
import { Meeting, AgendaItem, Rsvp, Attendance } from '../../src/meetings/model';
import { UserTimeZone } from '../../src/content/model';
import { Activity } from '../../src/activity/model';

/** Row counts of everything governance and meetings write. */
async function footprint() {
  const models = { Proposal, Vote, ProposalVoter, ProposalBallot, CharterVersion, CharterAcknowledgement, Meeting, AgendaItem, Rsvp, Attendance, UserTimeZone, Activity };
  const out: Record<string, number> = {};
  for (const [name, model] of Object.entries(models)) out[name] = await (model as unknown as { count: () => Promise<number> }).count();
  return out;
}

describe('cross-community isolation (governance, charter, meetings)', () => {
  let h: Harness;
  let a: Member; // a learner of community A only
  let bFac: Member;
  let b: number;
  let bProposal: number;
  let bMeeting: number;

  before(async () => {
    h = await harness();
    const courseA = newCourse(h.canvas, 'A');
    const courseB = newCourse(h.moodle, 'B');
    await setUpCommunity(h, h.canvas, courseA);
    a = await launchMember(h, courseA, 'learner2', h.canvas);
    const setupB = await setUpCommunity(h, h.moodle, courseB, { title: 'Communauté B', purpose: 'Une autre communauté, ailleurs.' });
    b = setupB.communityId;
    bFac = memberFrom(h, setupB.agent, b);
    await bFac.post(`/c/${b}/charter`, CHARTER_FORM);
    bProposal = Number(/\/proposals\/(\d+)/.exec((await bFac.post(`/c/${b}/proposals`, { kind: 'decision', rule: 'majority', title: 'B only', deadline: localIn(120) })).url)![1]);
    bMeeting = Number(/\/meetings\/(\d+)/.exec((await bFac.post(`/c/${b}/meetings`, { title: 'B meeting', mode: 'remote', videoUrl: 'https://b.example.org/m', startsAt: localIn(-10), durationMinutes: '60' })).url)![1]);
  });

  it('refuses a member of A on every governance, charter and meeting route of B (403), and writes nothing', async () => {
    const gets = [
      `/c/${b}/charter`, `/c/${b}/charter/new`, `/c/${b}/charter/versions/1`, `/c/${b}/charter/diff?from=1&to=1`,
      `/c/${b}/proposals`, `/c/${b}/proposals/new`, `/c/${b}/proposals/${bProposal}`,
      `/c/${b}/meetings`, `/c/${b}/meetings/new`, `/c/${b}/meetings/calendar.ics`, `/c/${b}/meetings/timezone`,
      `/c/${b}/meetings/${bMeeting}`, `/c/${b}/meetings/${bMeeting}/ics`, `/c/${b}/meetings/${bMeeting}/attendance`,
    ];
    const posts: Array<[string, Record<string, string>]> = [
      [`/c/${b}/charter`, CHARTER_FORM],
      [`/c/${b}/charter/acknowledge`, { version: '1' }],
      [`/c/${b}/proposals`, { kind: 'decision', rule: 'majority', title: 'Intruder', deadline: localIn(120) }],
      [`/c/${b}/proposals/${bProposal}/vote`, { choice: 'yes' }],
      [`/c/${b}/meetings`, { title: 'Intruder', mode: 'remote', videoUrl: 'https://x.example.org', startsAt: localIn(60), durationMinutes: '60' }],
      [`/c/${b}/meetings/timezone`, { timeZone: 'Europe/Paris' }],
      [`/c/${b}/meetings/${bMeeting}/rsvp`, { response: 'yes' }],
      [`/c/${b}/meetings/${bMeeting}/checkin`, {}],
      [`/c/${b}/meetings/${bMeeting}/attendance`, {}],
      [`/c/${b}/meetings/${bMeeting}/minutes`, { minutes: 'Intruder minutes' }],
      [`/c/${b}/meetings/${bMeeting}/cancel`, {}],
    ];
    const before = await footprint();
    for (const path of gets) {
      const [p, q] = path.split('?');
      const res = await a.get(p, Object.fromEntries(new URLSearchParams(q ?? '')));
      assert.equal(res.status, 403, `GET ${path}`);
      assert.doesNotMatch(res.text, /B only|B meeting|b\.example\.org/, `GET ${path} leaks nothing`);
    }
    for (const [path, form] of posts) assert.equal((await a.post(path, form)).status, 403, `POST ${path}`);
    assert.deepEqual(await footprint(), before);
  });

  it("does not reach B's proposals or meetings through A's URLs either (404)", async () => {
    const aId = a.communityId;
    assert.equal((await a.get(`/c/${aId}/proposals/${bProposal}`)).status, 404);
    assert.equal((await a.get(`/c/${aId}/meetings/${bMeeting}`)).status, 404);
    assert.equal((await a.get(`/c/${aId}/meetings/${bMeeting}/ics`)).status, 404);
    assert.equal((await a.post(`/c/${aId}/meetings/${bMeeting}/rsvp`, { response: 'yes' })).status, 404);
    assert.equal((await a.post(`/c/${aId}/proposals/${bProposal}/vote`, { choice: 'yes' })).status, 404);
    assert.equal(await Vote.count({ where: { proposalId: bProposal } }), 0);
    assert.equal(await Rsvp.count({ where: { meetingId: bMeeting } }), 0);
    const cal = await a.get(`/c/${aId}/meetings/calendar.ics`);
    assert.doesNotMatch(cal.text, /B meeting/);
    assert.doesNotMatch((await a.get(`/c/${aId}/proposals`)).text, /B only/);
  });
});
