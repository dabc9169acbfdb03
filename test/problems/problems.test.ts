import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, activities, notificationsOf, bellCount, ok, idFrom } from '../helpers/people';
import { Problem, ProblemAddressee, HelpfulLead } from '../../src/problems/model';
import { Post, Thread } from '../../src/discussions/model';
import { SearchDocument } from '../../src/search/model';
import { AgendaItem } from '../../src/meetings/model';

describe('problem requests (HTTP, real launches)', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof peopleCommunity>>;
  before(async () => {
    h = await harness();
    c = await peopleCommunity(h);
  });

  it('a member brings a difficulty to chosen peers: addressees get problem.addressed, experts on its tags get problem.matching, once each', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const chris = await c.as('mentor');
    const nadia = await c.as('learner3');
    // Chris declares expertise in "évaluation"; Nadia in something else; Alex is addressed and also an expert (told once).
    await ok(chris, `${c.base}/profile`, { expertise: 'Évaluation, rétroaction', experience: 'experienced' });
    await ok(nadia, `${c.base}/profile`, { expertise: 'numérique' });
    await ok(alex, `${c.base}/profile`, { expertise: 'évaluation' });
    const [alexId, chrisId, nadiaId, sophieId] = await Promise.all([c.mid('learner1'), c.mid('mentor'), c.mid('learner3'), c.mid('learner2')]);
    const bellBefore = await bellCount(chris, c.base);
    const res = await ok(sophie, `${c.base}/problems`, {
      title: 'Mes élèves ignorent la rétroaction écrite',
      context: 'Classe de 4e secondaire, 28 élèves; les commentaires ne sont pas lus.',
      tried: 'Des codes de couleur, puis des commentaires plus courts.',
      needed: 'Des façons de rendre la rétroaction utile pour eux.',
      tags: 'évaluation',
      audience: 'chosen',
      to: [String(alexId)],
    });
    const threadId = idFrom(res.url, 'problems');
    const problem = await Problem.findOne({ where: { threadId } });
    assert.ok(problem);
    assert.equal(problem.status, 'open');
    assert.equal(problem.authorMembershipId, sophieId);
    assert.deepEqual((await ProblemAddressee.findAll({ where: { problemId: problem.id } })).map((a) => a.membershipId), [alexId]);
    assert.equal((await notificationsOf(alexId, 'problem.addressed')).length, 1);
    assert.equal((await notificationsOf(alexId, 'problem.matching')).length, 0, 'an addressee is not told twice');
    assert.equal((await notificationsOf(chrisId, 'problem.matching')).length, 1);
    assert.equal((await notificationsOf(nadiaId, 'problem.matching')).length, 0);
    assert.equal((await notificationsOf(sophieId, 'problem.matching')).length, 0);
    assert.equal(await bellCount(chris, c.base), bellBefore + 1);
    const created = (await activities(c.communityId, 'problem.create')).at(-1)!;
    assert.equal(created.membershipId, sophieId);
    assert.deepEqual(created.data.tags, ['evaluation']);
    // The page shows the three parts; the whole community can read it.
    const page = await nadia.get(`${c.base}/problems/${threadId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /codes de couleur/);
    assert.match(page.text, /rendre la rétroaction utile/);
  });

  it('peers offer leads; the author marks one helpful, accepts another, writes what they did; activity rows carry what the gradebook scores', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const chris = await c.as('mentor');
    const res = await ok(sophie, `${c.base}/problems`, { title: 'Gérer les retards chroniques', context: 'Trois élèves arrivent en retard chaque matin.', tried: 'Un rappel au groupe.', needed: 'Des idées concrètes.', tags: 'gestion de classe' });
    const threadId = idFrom(res.url, 'problems');
    const problem = (await Problem.findOne({ where: { threadId } }))!;
    await ok(alex, `${c.base}/problems/${threadId}/leads`, { body: 'Commencez le cours par une activité courte et notée.' });
    assert.equal((await problem.reload()).status, 'in_progress', 'the first lead moves it to in progress');
    await ok(chris, `${c.base}/problems/${threadId}/leads`, { body: 'Parlez-leur individuellement, sans le groupe.' });
    const [alexLead, chrisLead] = await Post.findAll({ where: { threadId, parentId: null }, order: [['id', 'ASC']], offset: 1 });
    const [alexId, chrisId, sophieId] = await Promise.all([c.mid('learner1'), c.mid('mentor'), c.mid('learner2')]);
    // Leads notify the author ('reply': they follow their problem thread).
    assert.ok((await notificationsOf(sophieId, 'reply')).some((n) => n.link.includes(`/posts/${alexLead.id}`)));
    // Only the author marks and accepts.
    assert.equal((await alex.post(`${c.base}/problems/${threadId}/leads/${chrisLead.id}/helpful`, { on: '1' })).status, 403);
    assert.equal((await chris.post(`${c.base}/problems/${threadId}/leads/${chrisLead.id}/accept`)).status, 403);
    await ok(sophie, `${c.base}/problems/${threadId}/leads/${alexLead.id}/helpful`, { on: '1' });
    await ok(sophie, `${c.base}/problems/${threadId}/leads/${alexLead.id}/helpful`, { on: '1' }); // double click: nothing more
    assert.equal(await HelpfulLead.count({ where: { problemId: problem.id } }), 1);
    await ok(sophie, `${c.base}/problems/${threadId}/leads/${chrisLead.id}/accept`);
    await problem.reload();
    assert.equal(problem.status, 'solved');
    assert.equal(problem.acceptedPostId, chrisLead.id);
    // Solved, as Discourse shows it: the accepted solution right under the request, and the form
    // now only adds what the author finally did (it no longer offers to "mark as solved").
    const solved = (await sophie.get(`${c.base}/problems/${threadId}`)).text;
    const solution = solved.indexOf('data-solution');
    assert.ok(solution > 0 && solution < solved.indexOf('id="leads-t"'), 'the solution comes before the leads');
    assert.match(solved.slice(solution, solved.indexOf('id="leads-t"')), /Solution acceptée[\s\S]*Proposée par Chris Lee[\s\S]*Parlez-leur individuellement/);
    assert.match(solved, /<h2 id="res-t">Ajouter ce que j’ai finalement fait<\/h2>/);
    assert.doesNotMatch(solved, /Enregistrer et marquer comme résolue/);
    await ok(sophie, `${c.base}/problems/${threadId}/resolve`, { resolution: 'J’ai rencontré chaque élève : deux sur trois arrivent maintenant à l’heure.' });
    assert.match((await problem.reload()).resolutionHtml ?? '', /deux sur trois/);
    assert.match((await sophie.get(`${c.base}/problems/${threadId}`)).text, /<h2 id="res-t">Modifier ce que j’ai finalement fait<\/h2>/);

    const leads = (await activities(c.communityId, 'lead.create')).filter((a) => a.data.problemId === problem.id);
    assert.deepEqual(leads.map((a) => a.membershipId), [alexId, chrisId]);
    assert.ok(leads.every((a) => typeof a.data.length === 'number' && (a.data.length as number) > 10));
    const helpful = (await activities(c.communityId, 'lead.helpful')).at(-1)!;
    assert.equal(helpful.data.authorMembershipId, alexId);
    assert.equal((await activities(c.communityId, 'lead.helpful')).filter((a) => a.data.problemId === problem.id).length, 1);
    const accept = (await activities(c.communityId, 'solution.accept')).at(-1)!;
    assert.equal(accept.membershipId, sophieId);
    assert.equal(accept.data.authorMembershipId, chrisId);
    const resolved = (await activities(c.communityId, 'problem.resolve')).at(-1)!;
    assert.equal(resolved.membershipId, sophieId);

    const page = await alex.get(`${c.base}/problems/${threadId}`);
    assert.match(page.text, /data-status="solved"/);
    assert.match(page.text, /data-accepted/);
    assert.match(page.text, /data-helpful/);
    assert.match(page.text, /deux sur trois/);
  });

  it('problems and leads are searchable, and the outcome too', async () => {
    const nadia = await c.as('learner3');
    const sophie = await c.as('learner2');
    const res = await ok(sophie, `${c.base}/problems`, { title: 'Quiz xylophonique', context: 'Contexte ordinaire.', tried: 'Une méthode zirconienne.', needed: 'Aide.' });
    const threadId = idFrom(res.url, 'problems');
    await ok(nadia, `${c.base}/problems/${threadId}/leads`, { body: 'Une piste quetzalienne.' });
    for (const word of ['xylophonique', 'zirconienne', 'quetzalienne']) {
      const found = await nadia.get(`${c.base}/search`, { q: word });
      assert.equal(found.status, 200);
      assert.match(found.text, /Quiz xylophonique/, word);
      assert.match(found.text, new RegExp(`/c/${c.communityId}/problems/${threadId}`), word);
    }
    assert.ok(await SearchDocument.findOne({ where: { docKey: `problem:${(await Problem.findOne({ where: { threadId } }))!.id}` } }));
    // A lead found by search leads to the problem page.
    const lead = (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!;
    const located = await nadia.get(`${c.base}/posts/${lead.id}`);
    assert.equal(located.status, 200);
    assert.match(located.url, new RegExp(`/problems/${threadId}`));
  });

  it('refuses bad input with 400 and writes nothing; observers cannot ask; the author cannot lead their own problem', async () => {
    const sophie = await c.as('learner2');
    const before = await Thread.count();
    const bad = await sophie.post(`${c.base}/problems`, { title: 'x', context: '', tried: '', needed: '', audience: 'chosen' });
    assert.equal(bad.status, 400);
    assert.equal(await Thread.count(), before);
    const noOne = await sophie.post(`${c.base}/problems`, { title: 'Personne choisie', context: 'a', tried: 'b', needed: 'c', audience: 'chosen' });
    assert.equal(noOne.status, 400);
    const observer = await c.as('observer1');
    assert.equal((await observer.post(`${c.base}/problems`, { title: 'Observateur', context: 'a', tried: 'b', needed: 'c' })).status, 403);
    assert.equal((await observer.get(`${c.base}/problems/new`)).status, 403);
    const res = await ok(sophie, `${c.base}/problems`, { title: 'Le mien', context: 'a', tried: 'b', needed: 'c' });
    const threadId = idFrom(res.url, 'problems');
    assert.equal((await sophie.post(`${c.base}/problems/${threadId}/leads`, { body: 'Moi-même' })).status, 403);
    assert.equal(await Post.count({ where: { threadId } }), 1);
  });

  it('archive and reopen: the author or a facilitator; an archived problem takes no lead', async () => {
    const sophie = await c.as('learner2');
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const threadId = idFrom((await ok(sophie, `${c.base}/problems`, { title: 'À archiver', context: 'a', tried: 'b', needed: 'c' })).url, 'problems');
    assert.equal((await alex.post(`${c.base}/problems/${threadId}/status`, { status: 'archived' })).status, 403);
    await ok(marie, `${c.base}/problems/${threadId}/status`, { status: 'archived' });
    const problem = (await Problem.findOne({ where: { threadId } }))!;
    assert.equal(problem.status, 'archived');
    assert.equal((await alex.post(`${c.base}/problems/${threadId}/leads`, { body: 'Trop tard' })).status, 403);
    await ok(sophie, `${c.base}/problems/${threadId}/status`, { status: 'open' });
    assert.equal((await problem.reload()).status, 'open');
    assert.equal((await activities(c.communityId, 'problem.archive')).length >= 1, true);
  });

  it('lists problems with filters, and shows the unanswered ones on the home page, matching ones marked', async () => {
    const sophie = await c.as('learner2');
    const chris = await c.as('mentor');
    await ok(sophie, `${c.base}/problems`, { title: 'Sans réponse sur évaluation', context: 'a', tried: 'b', needed: 'c', tags: 'évaluation' });
    const list = await chris.get(`${c.base}/problems`, { status: 'unanswered' });
    assert.match(list.text, /Sans réponse sur évaluation/);
    assert.doesNotMatch(list.text, /Gérer les retards chroniques/, 'a problem with leads is not unanswered');
    const tagged = await chris.get(`${c.base}/problems`, { tag: 'evaluation' });
    assert.match(tagged.text, /Sans réponse sur évaluation/);
    const home = await chris.get(c.base);
    assert.match(home.text, /data-waiting/);
    const section = home.text.slice(home.text.indexOf('data-waiting'));
    assert.match(section, /Sans réponse sur évaluation<\/a> <span class="badge new" data-matching>/);
    assert.equal((await chris.get(`${c.base}/problems`, { status: 'nonsense' })).status, 400);
  });
});

describe('problem requests on a meeting agenda', () => {
  it('a facilitator pulls an open problem into a meeting agenda; the meeting links to it; an archived one is refused', async () => {
    const h = await harness();
    const c = await peopleCommunity(h);
    const marie = await c.as('instructor');
    const sophie = await c.as('learner2');
    const threadId = idFrom((await ok(sophie, `${c.base}/problems`, { title: 'À discuter en rencontre', context: 'a', tried: 'b', needed: 'c' })).url, 'problems');
    const form = await marie.get(`${c.base}/meetings/new`);
    assert.match(form.text, new RegExp(`name="agenda_problem_${threadId}"`));
    const when = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 16);
    const res = await ok(marie, `${c.base}/meetings`, { title: 'Rencontre', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: when, durationMinutes: '60', recurrence: 'none', topics: 'Accueil', [`agenda_problem_${threadId}`]: 'on' });
    assert.match(res.text, new RegExp(`/c/${c.communityId}/problems/${threadId}`));
    assert.equal(await AgendaItem.count({ where: { kind: 'problem', refId: threadId } }), 1);
    await ok(sophie, `${c.base}/problems/${threadId}/status`, { status: 'archived' });
    const refused = await marie.post(`${c.base}/meetings`, { title: 'Rencontre 2', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: when, durationMinutes: '60', recurrence: 'none', [`agenda_problem_${threadId}`]: 'on' });
    assert.equal(refused.status, 400);
  });
});
