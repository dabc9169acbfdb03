import assert from 'node:assert/strict';
import { ROLES } from '../../src/devplatform';
import { Activity } from '../../src/activity/model';
import { RosterSync } from '../../src/lms/model';
import { rosterSyncsIdle } from '../../src/lms/schedule';
import { csrfOf } from '../helpers/session';
import { freshTokens, learners, roster, rosterCommunity, sampleWith, syncNow, type RosterCommunity } from '../helpers/roster';

/** Launch someone into the course; their browser (which holds the session) and the CSRF token their forms would carry. */
async function member(rc: RosterCommunity, userId: string) {
  const page = await rc.h.launch({ platform: rc.platform, userId, courseId: rc.courseId });
  assert.equal(page.status, 200, page.text.slice(0, 300));
  return { agent: page.agent, csrf: csrfOf(rc.h, page.agent) };
}

const page = (rc: RosterCommunity, query = '', communityId = rc.communityId) =>
  `${rc.h.toolUrl}/c/${communityId}/members${query.replace(/^&/, '?')}`;

describe('members page: statuses, privacy, the facilitator\'s sync', () => {
  beforeEach(freshTokens);

  it('shows the facilitator (FR) every status with last launch and source; learners (EN) see active members only', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, [...sampleWith(rc.platform, rc.courseId, learners(2)), { id: 'obs', name: 'Olga Observatrice', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Manager'] }]);
    assert.equal((await syncNow(rc)).status, 'ok');
    const learner = await member(rc, 'learner1');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(2)).filter((m) => m.id !== 'learner3'));
    assert.equal((await syncNow(rc)).status, 'ok');

    const fr = await rc.agent.fetch(page(rc));
    assert.equal(fr.status, 200);
    assert.match(fr.text, /<html lang="fr">/);
    assert.match(fr.text, /aria-current="page">Membres</);
    assert.match(fr.text, /Actif[\s\S]*data-count="active">2</);
    assert.match(fr.text, /Invité[\s\S]*data-count="invited">6</);
    assert.match(fr.text, /Inactif[\s\S]*data-count="inactive">1</);
    assert.match(fr.text, /Alex Smith/);
    assert.match(fr.text, /Dernier accès/);
    assert.match(fr.text, /Synchroniser la liste maintenant/);
    assert.match(fr.text, /Résultat\s: 0 ajout\(s\), 0 retour\(s\), 0 mise\(s\) à jour, 1 désactivation\(s\), 0 erreur\(s\)\./);
    const invited = await rc.agent.fetch(page(rc, '&status=invited'));
    assert.match(invited.text, /Given0 Family0[\s\S]*Invité[\s\S]*Jamais[\s\S]*Liste du cours[\s\S]*p0@example\.org/);
    assert.doesNotMatch(invited.text, /Alex Smith/);
    const inactive = await rc.agent.fetch(page(rc, '&status=inactive'));
    assert.match(inactive.text, /Nadia Côté|Nadia C&#244;t&#233;/);

    const en = await learner.agent.fetch(page(rc));
    assert.equal(en.status, 200);
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /2 members/);
    assert.match(en.text, /Alex Smith[\s\S]*member[\s\S]*Active/);
    assert.match(en.text, /Only facilitators see the people who have not joined yet/);
    assert.doesNotMatch(en.text, /Given0|Last launch|@example\.org|Synchronize the roster now/);
    assert.equal((await learner.agent.fetch(page(rc, '&status=invited'))).status, 403);
    assert.equal((await learner.agent.fetch(page(rc, '&status=bogus'))).status, 400);

    const observer = await member(rc, 'obs');
    const obs = await observer.agent.fetch(page(rc));
    assert.equal(obs.status, 200, 'observers see the active members too');
    assert.match(obs.text, /Alex Smith/);
  });

  it('a learner cannot trigger a sync (403, nothing written), nor read its status', async () => {
    const rc = await rosterCommunity('moodle');
    const learner = await member(rc, 'learner2');
    const activities = await Activity.count({ where: { communityId: rc.communityId } });
    const from = rc.platform.requests.length;
    const res = await learner.agent.fetch(`${rc.h.toolUrl}/c/${rc.communityId}/members/sync`, { method: 'POST', form: { _csrf: learner.csrf } });
    assert.equal(res.status, 403);
    await rosterSyncsIdle();
    assert.equal(await RosterSync.count({ where: { cohortId: rc.cohort.id } }), 0);
    assert.equal(await Activity.count({ where: { communityId: rc.communityId } }), activities);
    assert.equal(rc.platform.requests.slice(from).filter((r) => r.path.includes('/nrps/')).length, 0);
    assert.equal((await learner.agent.fetch(`${rc.h.toolUrl}/c/${rc.communityId}/members/sync/status`)).status, 403);
  });

  it("a member of community A cannot see B's members page nor sync B's roster", async () => {
    const a = await rosterCommunity('moodle');
    const b = await rosterCommunity('canvas');
    const learnerA = await member(a, 'learner1');
    assert.equal((await learnerA.agent.fetch(page(a, '', b.communityId))).status, 403);
    assert.equal((await a.agent.fetch(page(a, '', b.communityId))).status, 403, "A's facilitator neither");
    const res = await a.agent.fetch(`${a.h.toolUrl}/c/${b.communityId}/members/sync`, { method: 'POST', form: { _csrf: a.csrf } });
    assert.equal(res.status, 403);
    assert.equal(await RosterSync.count({ where: { cohortId: b.cohort.id } }), 0);
    assert.equal(await Activity.count({ where: { communityId: b.communityId, verb: 'roster.sync_requested' } }), 0);
  });

  it("the facilitator's click syncs in the background, shows progress, then the summary", async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(130)));
    rc.platform.faults.nrps.push({ page: 2, status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await rc.agent.fetch(`${rc.h.toolUrl}/c/${rc.communityId}/members/sync`, { method: 'POST', form: { _csrf: rc.csrf } });
    assert.ok(Date.now() - started < 1000, 'the click does not wait for the LMS');
    assert.equal(res.status, 200);
    assert.equal(new URL(res.url).search, '?sync=started');
    assert.match(res.text, /Synchronisation lancée/);
    assert.match(res.text, /data-running="true"/);
    assert.match(res.text, /<progress/);
    const status = await rc.agent.fetch(`${rc.h.toolUrl}/c/${rc.communityId}/members/sync/status`, { headers: { accept: 'application/json' } });
    const body = JSON.parse(status.text) as { running: boolean; cohorts: Array<{ state: string; label: string }> };
    assert.equal(body.running, true);
    assert.match(body.cohorts[0].label, /Synchronisation en cours|En attente/);
    await rosterSyncsIdle();
    const done = await rc.agent.fetch(page(rc));
    assert.match(done.text, /data-running="false"/);
    assert.match(done.text, /Résultat\s: 135 ajout\(s\), 0 retour\(s\), 0 mise\(s\) à jour, 0 désactivation\(s\), 0 erreur\(s\)\./);
    assert.equal((await roster(rc.communityId)).p129.status, 'invited');
    const instructorId = (await Activity.findOne({ where: { communityId: rc.communityId, verb: 'roster.sync_requested' } }))!.userId;
    const sync = await Activity.findOne({ where: { communityId: rc.communityId, verb: 'roster.sync' } });
    assert.equal(sync!.userId, instructorId, 'the sync is attributed to the facilitator who asked');
    assert.equal(JSON.parse(sync!.data!).trigger, 'manual');
  });

  it('shows the facilitator a specific error when the LMS link was removed (404)', async () => {
    const rc = await rosterCommunity('canvas');
    rc.platform.faults.nrps.push({ status: 404 });
    await rc.agent.fetch(`${rc.h.toolUrl}/c/${rc.communityId}/members/sync`, { method: 'POST', form: { _csrf: rc.csrf } });
    await rosterSyncsIdle();
    const learner = await member(rc, 'learner1');
    const en = await rc.agent.fetch(page(rc));
    assert.match(en.text, /data-sync-error="link_removed"/);
    assert.match(en.text, /Le lien vers CoPeR ou le cours a été retiré du LMS/);
    assert.match(en.text, /Arrêtée/);
    assert.doesNotMatch((await learner.agent.fetch(page(rc))).text, /link_removed/);
  });

  it("shows the platform's own words when it refuses the roster request (Moodle's 400 \"No handler found\")", async () => {
    const rc = await rosterCommunity('moodle');
    const reason = `No handler found for /nrps/${rc.courseId}/memberships application/x-old`;
    rc.platform.faults.nrps.push({ status: 400, body: { status: 400, reason } });
    await rc.agent.fetch(`${rc.h.toolUrl}/c/${rc.communityId}/members/sync`, { method: 'POST', form: { _csrf: rc.csrf } });
    await rosterSyncsIdle();
    const text = (await rc.agent.fetch(page(rc))).text;
    assert.match(text, /data-sync-error="bad_request"/);
    assert.match(text, /transmettez-la à l’administrateur de votre plateforme/);
    assert.match(text, /data-sync-detail>Réponse de la plateforme\s:\s<code>NRPS: HTTP 400 No handler found for \/nrps\//);
  });
});
