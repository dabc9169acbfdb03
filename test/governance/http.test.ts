import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { facilitatedCommunity, launchMember, CHARTER_FORM, localIn, type Member } from './helpers';
import { Proposal, Vote, ProposalBallot, ProposalVoter } from '../../src/governance/model';
import { CharterVersion, CharterAcknowledgement } from '../../src/charter/model';
import { Activity } from '../../src/activity/model';
import { jobs } from '../../src/worker/runner';

const closeJob = () => jobs.find((j) => j.name === 'governance.close-proposals')!;
const expire = (id: number) => Proposal.update({ deadline: new Date(Date.now() - 1000) }, { where: { id } });
const proposalIdOf = (url: string) => Number(/\/proposals\/(\d+)/.exec(url)![1]);

describe('governance over HTTP (real launches)', () => {
  let h: Harness;
  let course: string;
  let fac: Member;
  let alex: Member; // learner1, English
  let nadia: Member; // learner3 (Nadia Côté), French — not learner2: test/lti expects Moodle's learner2 to have no membership
  let cid: number;

  before(async () => {
    h = await harness();
    ({ course, cid, fac, alex, nadia } = await facilitatedCommunity(h));
  });

  it('lets only a facilitator draft the first charter version; members then see the acknowledgement banner until they acknowledge', async () => {
    const noCharter = await alex.get(`/c/${cid}/proposals/new`);
    assert.equal(noCharter.status, 409, 'no proposal before the charter exists');
    assert.equal((await alex.get(`/c/${cid}/charter/new`)).status, 403);
    const refused = await alex.post(`/c/${cid}/charter`, CHARTER_FORM);
    assert.equal(refused.status, 403);
    assert.equal(await CharterVersion.count({ where: { communityId: cid } }), 0);

    const bad = await fac.post(`/c/${cid}/charter`, { ...CHARTER_FORM, rule_consent: '', rule_consensus: '', rule_majority: '', rule_poll: '' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /au moins une règle/);
    assert.equal(await CharterVersion.count({ where: { communityId: cid } }), 0);

    const done = await fac.post(`/c/${cid}/charter`, CHARTER_FORM);
    assert.equal(done.status, 200);
    assert.match(done.url, new RegExp(`/c/${cid}/charter(?:$|\\?)`));
    const v1 = await CharterVersion.findOne({ where: { communityId: cid } });
    assert.equal(v1!.version, 1);
    assert.deepEqual(v1!.rules, { rules: ['consent', 'consensus', 'majority', 'poll'], quorum: 50 });
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'charter.draft' } }), 1);
    assert.equal((await fac.post(`/c/${cid}/charter`, CHARTER_FORM)).status, 409, 'a second first draft is refused');

    const home = await alex.get(`/c/${cid}`);
    assert.match(home.text, /data-charter-banner/);
    assert.match(home.text, /Please read the community charter \(version 1\)/);
    assert.match((await alex.get(`/c/${cid}/meetings`)).text, /data-charter-banner/, 'on every community page');
    assert.equal((await alex.post(`/c/${cid}/charter/acknowledge`, { version: '2' })).status, 409, 'cannot acknowledge a version that is not current');
    const ack = await alex.post(`/c/${cid}/charter/acknowledge`, { version: '1' });
    assert.equal(ack.status, 200);
    assert.match(ack.text, /Your acknowledgement is recorded/);
    assert.doesNotMatch((await alex.get(`/c/${cid}`)).text, /data-charter-banner/);
    assert.equal(await CharterAcknowledgement.count({ where: { communityId: cid } }), 1);
    await alex.post(`/c/${cid}/charter/acknowledge`, { version: '1' });
    assert.equal(await CharterAcknowledgement.count({ where: { communityId: cid } }), 1, 'acknowledging twice keeps one row');
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'charter.acknowledge' } }), 1);
    assert.match((await nadia.get(`/c/${cid}`)).text, /Veuillez lire la charte de la communauté \(version 1\)/, 'in French for a French-speaking member');
  });

  it('opens a proposal (any member), validates it without writing, and refuses observers', async () => {
    const before = await Proposal.count({ where: { communityId: cid } });
    const noOptions = await alex.post(`/c/${cid}/proposals`, { kind: 'poll', rule: 'poll', pollMode: 'single', title: 'Which day?', options: 'Monday', deadline: localIn(120) });
    assert.equal(noOptions.status, 400);
    assert.match(noOptions.text, /A poll needs 2 to 20 options/);
    const tooSoon = await alex.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'majority', title: 'Meet monthly', deadline: localIn(1) });
    assert.equal(tooSoon.status, 400);
    assert.equal(await Proposal.count({ where: { communityId: cid } }), before);

    const observer = await launchMember(h, course, 'observer1');
    assert.equal((await observer.get(`/c/${cid}/proposals/new`)).status, 403);
    assert.equal((await observer.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'majority', title: 'Observer idea', deadline: localIn(120) })).status, 403);
    assert.equal(await Proposal.count({ where: { communityId: cid } }), before);

    const form = await alex.get(`/c/${cid}/proposals/new`, { kind: 'decision' });
    assert.equal(form.status, 200);
    assert.match(form.text, /name="rule" value="majority"/);
    const opened = await alex.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'majority', title: 'Meet monthly', body: 'We **meet** once a month. <script>alert(1)</script>', deadline: localIn(120) });
    assert.equal(opened.status, 200);
    const id = proposalIdOf(opened.url);
    assert.match(opened.text, /<strong>meet<\/strong>/);
    assert.doesNotMatch(opened.text, /<script>alert/);
    const p = await Proposal.findByPk(id);
    assert.equal(p!.quorumPercent, 50);
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'proposal.open', subjectId: id } }), 1);

    const obsVote = await observer.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'yes' });
    assert.equal(obsVote.status, 403);
    assert.equal(await Vote.count({ where: { proposalId: id } }), 0);
  });

  it('records one vote per member that can be changed until the deadline, then closes on time with the tally', async () => {
    const opened = await nadia.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'consensus', title: 'Share our rubrics', deadline: localIn(90) });
    const id = proposalIdOf(opened.url);
    const noReason = await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'block' });
    assert.equal(noReason.status, 400);
    assert.equal(await Vote.count({ where: { proposalId: id } }), 0);
    await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'block', reason: 'Privacy of students' });
    const changed = await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'agree' });
    assert.match(changed.text, /Change your vote/);
    await nadia.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'agree' });
    await fac.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'disagree', reason: 'Too early' });
    assert.equal(await Vote.count({ where: { proposalId: id } }), 3);
    assert.match((await fac.get(`/c/${cid}/proposals/${id}`)).text, /Alex Smith/, 'named votes are visible to members');

    await expire(id);
    await closeJob().run(h.runtime);
    const p = await Proposal.findByPk(id);
    assert.equal(p!.status, 'adopted');
    assert.deepEqual(p!.outcome!.tally, { agree: 2, abstain: 0, disagree: 1, block: 0 });
    assert.deepEqual(p!.outcome!.reasons.map((r) => r.reason), ['Too early']);
    const page = await alex.get(`/c/${cid}/proposals/${id}`);
    assert.match(page.text, /data-result="adopted"/);
    assert.match(page.text, /Too early/);
    const late = await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'block', reason: 'late' });
    assert.equal(late.status, 409);
    assert.deepEqual(JSON.parse((await Vote.findOne({ where: { proposalId: id, membershipId: (await Vote.findAll({ where: { proposalId: id } }))[0].membershipId } }))!.choice).length, 1);
  });

  it('keeps anonymous choices hidden until the deadline and never shows who chose what', async () => {
    const opened = await alex.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'consent', anonymous: 'on', title: 'Record our meetings', deadline: localIn(60) });
    const id = proposalIdOf(opened.url);
    await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'object', reason: 'Some colleagues would not speak freely' });
    await nadia.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'consent' });
    const live = await fac.get(`/c/${cid}/proposals/${id}`);
    assert.match(live.text, /2 members have voted|2 membres ont voté/);
    assert.doesNotMatch(live.text, /speak freely/);
    assert.equal(await ProposalVoter.count({ where: { proposalId: id } }), 2);
    assert.equal(await ProposalBallot.count({ where: { proposalId: id } }), 2);
    assert.equal(await Vote.count({ where: { proposalId: id } }), 0);
    await expire(id);
    const closed = await fac.get(`/c/${cid}/proposals/${id}`); // closes on sight, too
    assert.match(closed.text, /data-result="rejected"/);
    assert.match(closed.text, /speak freely/);
    assert.doesNotMatch(closed.text, /\(Alex Smith\)/);
  });

  it('runs a meeting-time poll with several choices and offers to schedule the meeting at the winning time', async () => {
    const opened = await fac.post(`/c/${cid}/proposals`, { kind: 'poll', rule: 'poll', pollMode: 'time', title: 'Quand se rencontrer?', time1: '2031-03-04T14:00', time2: '2031-03-05T09:30', deadline: localIn(30) });
    assert.equal(opened.status, 200, opened.text.slice(0, 400));
    const id = proposalIdOf(opened.url);
    const p = await Proposal.findByPk(id);
    assert.deepEqual(p!.options.map((o) => o.label), ['2031-03-04T19:00:00.000Z', '2031-03-05T14:30:00.000Z'], 'times read in America/Toronto');
    await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice_o1: 'on', choice_o2: 'on' });
    await nadia.post(`/c/${cid}/proposals/${id}/vote`, { choice_o2: 'on' });
    await expire(id);
    await closeJob().run(h.runtime);
    const page = await fac.get(`/c/${cid}/proposals/${id}`);
    assert.deepEqual((await Proposal.findByPk(id))!.outcome!.winners, ['o2']);
    assert.match(page.text, /meetings\/new\?at=2031-03-05T14%3A30%3A00.000Z/);
  });

  it('adopts a charter amendment end to end: it becomes version 2, shows its diff and who proposed it, and asks members to acknowledge again', async () => {
    const form = await nadia.get(`/c/${cid}/proposals/new`, { kind: 'amendment' });
    assert.match(form.text, /We take part as volunteers/, 'the amendment form starts from the current text');
    const opened = await nadia.post(`/c/${cid}/proposals`, {
      kind: 'amendment', rule: 'consent', title: 'Add a confidentiality section', body: 'We need it.', deadline: localIn(45),
      charterBody: '## Participation\n\nWe take part as volunteers and respect every point of view.\n\n## Confidentiality\n\nWhat is said here stays here.',
      rule_consent: 'on', rule_majority: 'on', quorum: '40',
    });
    const id = proposalIdOf(opened.url);
    assert.match(opened.text, /What is said here stays here/);
    // The vote page: the comparison (unchanged lines stay plain, no empty "Added:" line) and the charter before and after, rendered.
    assert.match(opened.text, /id="am-before">La charte actuelle \(version 1\)[\s\S]*<h2[^>]*>Participation<\/h2>[\s\S]*id="am-after">La charte si la proposition est adoptée[\s\S]*<h2[^>]*>Confidentiality<\/h2>/);
    assert.doesNotMatch(opened.text, /<ins class="d-add"><span class="sr-only">[^<]*<\/span><\/ins>/, 'no empty added line');
    assert.doesNotMatch(opened.text, /<del class="d-del"><span class="sr-only">[^<]*<\/span>## Participation<\/del>/, 'an unchanged line is not removed');
    await alex.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'consent' });
    assert.equal(await CharterVersion.count({ where: { communityId: cid } }), 1, 'nothing changes before the decision');
    await expire(id);
    await closeJob().run(h.runtime);

    const v2 = await CharterVersion.findOne({ where: { communityId: cid, version: 2 } });
    assert.ok(v2, 'the adopted amendment became version 2');
    assert.equal(v2!.proposalId, id);
    assert.deepEqual(v2!.rules, { rules: ['consent', 'majority'], quorum: 40 });
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'charter.amend' } }), 1);

    const home = await alex.get(`/c/${cid}`);
    assert.match(home.text, /The community charter has changed \(version 2\)/, 'a member who acknowledged v1 is asked again');
    const charter = await alex.get(`/c/${cid}/charter`);
    assert.match(charter.text, /Version 2/);
    assert.match(charter.text, /Proposed by Nadia Côté/);
    assert.match(charter.text, new RegExp(`/c/${cid}/proposals/${id}"`));
    const diff = await alex.get(`/c/${cid}/charter/diff`, { from: '1', to: '2' });
    assert.match(diff.text, /<ins class="d-add"><span class="sr-only">Added: <\/span>## Confidentiality<\/ins>/);
    assert.match(diff.text, /<del class="d-del">.*Poll/);
    await alex.post(`/c/${cid}/charter/acknowledge`, { version: '2' });
    assert.doesNotMatch((await alex.get(`/c/${cid}`)).text, /data-charter-banner/);
    const newRule = await alex.post(`/c/${cid}/proposals`, { kind: 'poll', rule: 'poll', pollMode: 'single', title: 'A poll', options: 'a\nb', deadline: localIn(60) });
    assert.equal(newRule.status, 400, 'the new charter no longer allows polls');
    assert.match(newRule.text, /does not allow this decision rule/);
  });

  it('settles 50 concurrent identical votes into exactly one row (unique key + upsert), named and anonymous', async () => {
    // 50 at once on both databases (SQLite transactions are queued in-process: src/db/index.ts).
    const n = 50;
    for (const anonymous of [false, true]) {
      const opened = await alex.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'consent', title: `Race ${anonymous}`, deadline: localIn(60), ...(anonymous ? { anonymous: 'on' } : {}) });
      const id = proposalIdOf(opened.url);
      const results = await Promise.all(Array.from({ length: n }, () => nadia.post(`/c/${cid}/proposals/${id}/vote`, { choice: 'consent' })));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [200], results.map((r) => r.status).join(','));
      if (anonymous) {
        assert.equal(await ProposalVoter.count({ where: { proposalId: id } }), 1);
        assert.equal(await ProposalBallot.count({ where: { proposalId: id } }), 1);
      } else {
        assert.equal(await Vote.count({ where: { proposalId: id } }), 1);
      }
    }
  });
});
