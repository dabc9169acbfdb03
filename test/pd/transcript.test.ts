import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import { Cohort, Community, Membership } from '../../src/kernel/community';
import { Deployment } from '../../src/kernel/platform';
import { ROLES, type BrowserAgent } from '../../src/devplatform';
import type { Harness } from '../helpers/harness';
import { withSession } from '../helpers/session';
import { PdEntry } from '../../src/pd/model';
import { freshTokens, gradeCommunity, type GradeCommunity } from '../participation/helpers';

/** An approved line, as the ledger commands write them (the flows themselves are tested in ledger.test.ts). */
async function line(gc: GradeCommunity, who: string, date: string, minutes: number, category = 'pairs', title = 'Rencontre') {
  const m = gc.m[who];
  return PdEntry.create({ communityId: gc.communityId, cohortId: m.cohortId, membershipId: m.id, userId: m.userId, source: 'manual', category, minutes, date, title, status: 'approved' });
}

async function pdfText(h: Harness, agent: BrowserAgent, url: string): Promise<{ type: string | null; text: string }> {
  const res = await fetch(url, withSession(h, agent));
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  try {
    return { type: res.headers.get('content-type'), text: (await parser.getText()).text };
  } finally {
    await parser.destroy();
  }
}

describe('PD transcript, attestation and institution report', () => {
  beforeEach(freshTokens);

  it('the transcript adds up every community of the member on this platform, per category and per cycle (30 June / 1 July)', async () => {
    const a = await gradeCommunity('moodle', ['learner1']);
    const b = await gradeCommunity('moodle', ['learner1']);
    const elsewhere = await gradeCommunity('canvas', ['learner1']); // another platform: another person record
    // (A far cycle: other test files give this person hours in the current one.)
    await line(a, 'learner1', '2033-06-30', 90, 'pairs', 'Rencontre de juin');
    await line(a, 'learner1', '2033-07-01', 60, 'pairs', 'Rencontre de juillet');
    await line(b, 'learner1', '2032-01-10', 120, 'lecture', 'Lecture professionnelle');
    await line(elsewhere, 'learner1', '2032-01-11', 600, 'formation', 'Ailleurs');
    const page = await a.as.learner1.agent.fetch(`${a.h.toolUrl}/c/${a.communityId}/pd/transcript?cycle=2031-2033`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<strong>3.5 h of the 30 h of the cycle<\/strong>/);
    assert.match(page.text, /data-category="pairs"><th scope="row">[^<]+<\/th><td>1.5<\/td>/);
    assert.match(page.text, /data-category="lecture"><th scope="row">[^<]+<\/th><td>2<\/td>/);
    assert.match(page.text, /Rencontre de juin/);
    assert.doesNotMatch(page.text, /Rencontre de juillet/, '1 July starts the next cycle');
    assert.doesNotMatch(page.text, /Ailleurs/, 'nothing from another platform');
    const next = await a.as.learner1.agent.fetch(`${a.h.toolUrl}/c/${a.communityId}/pd/transcript?cycle=2033-2035`);
    assert.match(next.text, /Rencontre de juillet/);
    assert.match(next.text, /1 h of the 30 h/);
    assert.equal((await a.as.learner1.agent.fetch(`${a.h.toolUrl}/c/${a.communityId}/pd/transcript?cycle=2032-2034`)).status, 400);

    const fr = await pdfText(a.h, a.as.learner1.agent, `${a.h.toolUrl}/c/${a.communityId}/pd/transcript.pdf?cycle=2031-2033&lang=fr`);
    assert.equal(fr.type, 'application/pdf');
    assert.match(fr.text, /Attestation de formation continue/);
    assert.match(fr.text, /Délivrée à\s:\sAlex Smith/);
    assert.match(fr.text, /Total\s: 3,5 h \(le cycle en exige 30\)/);
    assert.match(fr.text, /Lecture professionnelle\s: 2 h/);
    assert.match(fr.text, /30 juin 2033 — Rencontre de juin/);
    assert.doesNotMatch(fr.text, /Rencontre de juillet|Ailleurs/);
    const en = await pdfText(a.h, a.as.learner1.agent, `${a.h.toolUrl}/c/${a.communityId}/pd/transcript.pdf?cycle=2031-2033&lang=en`);
    assert.match(en.text, /Continuing education attestation/);
    assert.match(en.text, /Total: 3.5 h \(the cycle requires 30 h\)/);

    const csv = await a.as.learner1.agent.fetch(`${a.h.toolUrl}/c/${a.communityId}/pd/transcript.csv?cycle=2031-2033`);
    const rows = csv.text.replace(/^\ufeff/, '').trim().split('\n');
    assert.equal(rows[0], 'cycle,date,community,category,category_label,activity,hours,source,evidence');
    assert.equal(rows.length, 3);
    assert.match(rows[1], /^2031-2033,2032-01-10,.*,lecture,Professional reading,Lecture professionnelle,2.00,manual,$/);
  });

  it('the institution report shows its own platform and deployment only, by member, community and category, with a CSV', async () => {
    const admin = { id: 'dean', name: 'Dana Dean', locale: 'en', roles: [] as string[], institutionRoles: [ROLES.institutionAdministrator] };
    const a = await gradeCommunity('moodle', ['learner1', 'learner2', 'dean'], (p, courseId) => p.courses.get(courseId)!.members.push(admin));
    const other = await gradeCommunity('canvas', ['learner1']);
    await line(a, 'learner1', '2030-03-01', 90, 'pairs');
    await line(a, 'learner2', '2030-03-02', 30, 'lecture');
    await line(a, 'learner2', '2028-03-02', 600, 'lecture'); // an earlier cycle
    await line(other, 'learner1', '2030-03-01', 240, 'formation', 'Canvas only');
    // (Dates in the 2029-2031 cycle: other test files share this platform and deployment.)
    // Another deployment (institution) of the same platform, with the same person.
    const dep = await Deployment.create({ platformId: a.cohort.platformId, deploymentId: `other-${a.communityId}`, status: 'active' });
    const community = await Community.create({ title: 'Autre établissement', purpose: 'x', inviteCode: `X${a.communityId}`, settings: {} });
    const cohort = await Cohort.create({ communityId: community.id, platformId: a.cohort.platformId, deploymentId: dep.id, contextId: 'elsewhere' });
    const m = await Membership.create({ userId: a.m.learner1.userId, communityId: community.id, cohortId: cohort.id, role: 'member', ltiRoles: [], status: 'active', source: 'launch' });
    await PdEntry.create({ communityId: community.id, cohortId: cohort.id, membershipId: m.id, userId: m.userId, source: 'manual', category: 'colloque', minutes: 420, date: '2030-03-03', title: 'Other institution', status: 'approved' });

    const page = await a.as.dean.agent.fetch(`${a.h.toolUrl}/institution/report?cycle=2029-2031`);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, /Total: 2 h/);
    assert.match(page.text, /Alex Smith/);
    assert.match(page.text, /Sophie Roy/);
    assert.match(page.text, /data-category="colloque">[^<]*: 0 h/, 'nothing from the other deployment');
    assert.doesNotMatch(page.text, /Canvas only|Other institution|Autre établissement/);
    const csv = await a.as.dean.agent.fetch(`${a.h.toolUrl}/institution/report.csv?cycle=2029-2031&category=pairs`);
    const rows = csv.text.replace(/^\ufeff/, '').trim().split('\n');
    assert.equal(rows[0], 'cycle,member,email,community,category,category_label,date,activity,hours,source');
    assert.equal(rows.length, 2);
    assert.match(rows[1], /^2029-2031,Alex Smith,alex.smith@example.org,.*,pairs,.*,2030-03-01,Rencontre,1.50,manual$/);
    // Not an institution administrator: refused, and the community pages do not link it.
    assert.equal((await a.as.learner1.agent.fetch(`${a.h.toolUrl}/institution/report`)).status, 403);
    assert.equal((await a.agent.fetch(`${a.h.toolUrl}/institution/report.csv`)).status, 403, 'a course instructor is not an institution administrator');
    const pd = await a.as.dean.agent.fetch(`${a.h.toolUrl}/c/${a.communityId}/pd`);
    assert.match(pd.text, /href="\/institution\/report"/);
  });
});
