import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, userIdIn, type Member } from '../helpers/sharing';
import { downloadAs, pdfTextOf } from '../helpers/download';
import { ROLES } from '../../src/devplatform';
import { Thread } from '../../src/discussions/model';
import { Cohort, Community, Membership } from '../../src/kernel/community';
import { Deployment } from '../../src/kernel/platform';
import { PdEntry } from '../../src/pd/model';
import { ValueStory } from '../../src/stories/model';

describe('the institution view: its own cohorts\' value reports and nothing else', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let dean: Member;
  let cohort: Cohort;
  let foreign: Cohort;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    h.moodle.courses.get(c.course)!.members.push({ id: 'dean', givenName: 'Dana', familyName: 'Dean', name: 'Dana Dean', email: 'dean@example.org', locale: 'en', roles: [], institutionRoles: [ROLES.institutionAdministrator] });
    dean = await c.as('dean');
    cohort = (await Cohort.findOne({ where: { communityId: c.communityId } }))!;
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const thread = await marie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Billets de sortie', body: 'Une pratique.' });
    const post = (await Thread.findOne({ where: { communityId: c.communityId, title: 'Billets de sortie' } }))!.firstPostId!;
    assert.equal(thread.status, 200);
    await alex.post(`${c.base}/posts/${post}/stories`, { cycle: 'realized', body: 'Attendance at my tutoring rose.', evidence: 'from 6 to 11 students' });
    const m = (await Membership.findOne({ where: { communityId: c.communityId, userId: await userIdIn(c.communityId, 'learner1') } }))!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    await PdEntry.create({ communityId: c.communityId, cohortId: m.cohortId, membershipId: m.id, userId: m.userId, source: 'manual', category: 'pairs', minutes: 120, date: today, title: 'Rencontre', status: 'approved' });
    // Another institution (deployment) of the same platform, with a story of its own.
    const dep = await Deployment.create({ platformId: cohort.platformId, deploymentId: `inst-${c.communityId}`, status: 'active' });
    const community = await Community.create({ title: 'Autre établissement', purpose: 'x', inviteCode: `I${c.communityId}`, settings: {} });
    foreign = await Cohort.create({ communityId: community.id, platformId: cohort.platformId, deploymentId: dep.id, contextId: `elsewhere-${c.communityId}` });
    const fm = await Membership.create({ userId: m.userId, communityId: community.id, cohortId: foreign.id, role: 'member', ltiRoles: [], status: 'active', source: 'launch' });
    await ValueStory.create({ communityId: community.id, membershipId: fm.id, authorId: m.userId, subjectType: 'post', subjectId: post, cycle: 'applied', bodyMd: 'Ailleurs', bodyHtml: '<p>Ailleurs seulement</p>' });
  });

  it('lists the institution\'s courses and shows each one\'s report, CSV and PDF', async () => {
    const list = await dean.get('/institution/value');
    assert.equal(list.status, 200);
    assert.match(list.text, new RegExp(`data-cohort="${cohort.id}"`));
    assert.doesNotMatch(list.text, /Autre établissement/);
    const page = await dean.get(`/institution/value/${cohort.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Value report: Enseigner en réseau/);
    assert.match(page.text, /data-indicator="realized\.stories"><th scope="row">[^<]*<\/th><td data-value="1"/);
    assert.match(page.text, /data-indicator="realized\.pd_hours"><th scope="row">[^<]*<\/th><td data-value="2"/);
    assert.match(page.text, /Attendance at my tutoring rose/);
    assert.doesNotMatch(page.text, /Ailleurs seulement/);
    assert.doesNotMatch(page.text, new RegExp(`/c/${c.communityId}/posts/`), 'no link into a community the administrator is not part of');
    const pdf = await downloadAs(h, dean, `/institution/value/${cohort.id}.pdf`);
    assert.equal(pdf.type, 'application/pdf');
    const text = await pdfTextOf(pdf.bytes);
    assert.match(text, /Community value report/);
    assert.match(text, /PD hours approved: 2/);
    assert.match(text, /Evidence: from 6 to 11 students/);
    const csv = await dean.get(`/institution/value/${cohort.id}.csv`, { lang: 'en' });
    assert.match(csv.text, /realized,[^,\r\n]*,pd_hours,PD hours approved,2/);
  });

  it('refuses another institution\'s course (404), and anyone who is not an institution administrator (403)', async () => {
    assert.equal((await dean.get(`/institution/value/${foreign.id}`)).status, 404);
    assert.equal((await dean.get(`/institution/value/${foreign.id}.pdf`)).status, 404);
    assert.equal((await dean.get(`/institution/value/${cohort.id}`, { period: 'custom', from: 'x' })).status, 400);
    for (const who of ['instructor', 'learner1']) {
      const m = await c.as(who);
      assert.equal((await m.get('/institution/value')).status, 403, who);
      assert.equal((await m.get(`/institution/value/${cohort.id}`)).status, 403, who);
      assert.equal((await m.get(`/institution/value/${cohort.id}.csv`)).status, 403, who);
    }
    assert.equal((await dean.get(`${c.base}/value`)).status, 403, 'the community\'s own report stays with its facilitators');
    assert.match((await dean.get(`${c.base}/pd`)).text, /href="\/institution\/value["?]/);
  });
});
