import assert from 'node:assert/strict';
import { Op } from 'sequelize';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn, type Member } from '../helpers/sharing';
import { Post, Thread } from '../../src/discussions/model';
import { downloadAs, pdfTextOf } from '../helpers/download';
import { Activity } from '../../src/activity/model';
import { CharterVersion } from '../../src/charter/model';
import { Cohort, Membership } from '../../src/kernel/community';
import { PdEntry } from '../../src/pd/model';
import { CONTRIBUTION_VERBS } from '../../src/analytics/kinds';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

/** The figure a report page shows for `cycle.key` (its raw value). */
function figure(html: string, key: string): number {
  const m = new RegExp(`data-indicator="${key.replace('.', '\\.')}"><th scope="row">[^<]*</th><td data-value="([^"]+)"`).exec(html);
  assert.ok(m, `no indicator ${key}`);
  return Number(m[1]);
}

/** A CSV download as rows of cells (French: ';'). */
const rowsOf = (text: string, sep: string) => text.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(sep));

describe('the value report: five cycles from the data, with the stories behind them', () => {
  let h: Harness;
  let c: Community;
  let marie: Member;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const sophie = await c.as('learner2');
    const nadia = await c.as('learner3');
    const chris = await c.as('mentor');
    // Immediate and potential value: a discussion, replies, a resource, a knowledge thread with a rise-above note.
    const thread = idFrom((await marie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Les billets de sortie', body: 'Trois questions en fin de cours.' })).url, 'threads');
    const opening = (await Thread.findByPk(thread))!.firstPostId!;
    await alex.post(`${c.base}/threads/${thread}/posts`, { body: 'Je les fais sur papier.' });
    await sophie.post(`${c.base}/threads/${thread}/posts`, { body: 'Et moi en ligne.' });
    await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Gabarit de billet', url: 'https://example.org/b', description: 'Gabarit' });
    const k = idFrom((await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Pourquoi les élèves décrochent-ils?', body: 'La charge.', scaffold: 'my_theory' })).url, 'threads');
    await sophie.post(`${c.base}/threads/${k}/posts`, { body: 'Le sens des devoirs.', scaffold: 'need_to_understand' });
    const targets = await Post.findAll({ where: { threadId: k }, order: [['id', 'ASC']] });
    await chris.post(`${c.base}/threads/${k}/rise-above`, { body: 'Mettons ensemble.', targets: targets.map((t) => String(t.id)), scaffold: 'putting_together' });
    // Applied: two "I tried it" (one taken back), an adaptation note, an applied story.
    await sophie.post(`${c.base}/posts/${opening}/reactions`, { kind: 'tried', on: '1' });
    await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'tried', on: '1' });
    await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'tried', on: '0' });
    await nadia.post(`${c.base}/journal`, { title: 'Mes billets adaptés', body: 'En 2e année, des pictogrammes.', visibility: 'community', source: `thread:${thread}` });
    await sophie.post(`${c.base}/posts/${opening}/stories`, { cycle: 'applied', body: 'J’ai utilisé les billets en 3e secondaire.' });
    // Realized: a story with a figure, and approved PD hours (as the ledger writes them).
    await alex.post(`${c.base}/posts/${opening}/stories`, { cycle: 'realized', body: 'My students now name what they did not understand.', evidence: '24 of 28 tickets handed in' });
    const m = (await Membership.findOne({ where: { communityId: c.communityId, userId: await userIdIn(c.communityId, 'learner1') } }))!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    await PdEntry.create({ communityId: c.communityId, cohortId: m.cohortId, membershipId: m.id, userId: m.userId, source: 'manual', category: 'pairs', minutes: 90, date: today, title: 'Rencontre', status: 'approved' });
    // Reframing: a story.
    await marie.post(`${c.base}/posts/${opening}/stories`, { cycle: 'reframing', body: 'L’école a inscrit les billets dans son plan de réussite.' });
  });

  it('shows the indicators computed from the data (counted again here, independently) and agreeing with the dashboard', async () => {
    const page = await marie.get(`${c.base}/value`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Rapport de valeur/);
    const where = { communityId: c.communityId };
    const acts = await Activity.findAll({ where: { ...where, membershipId: { [Op.ne]: null } } });
    const n = (verb: string, test: (d: Record<string, unknown>) => boolean = () => true) => acts.filter((a) => a.verb === verb && test(JSON.parse(a.data ?? '{}'))).length;
    // Immediate
    assert.equal(figure(page.text, 'immediate.contributions'), acts.filter((a) => CONTRIBUTION_VERBS.includes(a.verb)).length);
    assert.equal(figure(page.text, 'immediate.contributions'), 2 + 2 + 1 + 1 + 1 + 1, 'two threads, two replies, a resource, a knowledge note, a rise-above note, an adaptation note');
    assert.equal(figure(page.text, 'immediate.attendance'), n('meeting.attended'));
    // Potential
    assert.equal(figure(page.text, 'potential.resources'), 1);
    assert.equal(figure(page.text, 'potential.rise_above'), 1);
    assert.equal(figure(page.text, 'potential.problems_brought'), n('problem.create'));
    // Applied
    assert.equal(figure(page.text, 'applied.trials'), 1, 'a mark taken back is not counted');
    assert.equal(figure(page.text, 'applied.adaptations'), n('journal.create', (d) => Boolean(d.adaptation)));
    assert.equal(figure(page.text, 'applied.adaptations'), 1);
    assert.equal(figure(page.text, 'applied.stories'), 1);
    // Realized
    assert.equal(figure(page.text, 'realized.stories'), 1);
    assert.equal(figure(page.text, 'realized.pd_hours'), (await PdEntry.sum('minutes', { where: { ...where, status: 'approved' } })) / 60);
    assert.equal(figure(page.text, 'realized.pd_hours'), 1.5);
    // Reframing
    assert.equal(figure(page.text, 'reframing.stories'), 1);
    assert.equal(figure(page.text, 'reframing.decisions'), n('proposal.decided'));
    assert.equal(figure(page.text, 'reframing.charter_versions'), await CharterVersion.count({ where }));
    // The stories behind each cycle, in its section.
    const section = (cycle: string) => page.text.split(`data-cycle="${cycle}"`)[1].split('</section>')[0];
    assert.match(section('applied'), /J’ai utilisé les billets en 3e secondaire/);
    assert.match(section('realized'), /24 of 28 tickets handed in/);
    assert.match(section('reframing'), /plan de réussite/);
    assert.doesNotMatch(section('applied'), /plan de réussite/);

    // The dashboard's members table says the same (French CSV: ';' and a decimal comma).
    const members = rowsOf((await marie.get(`${c.base}/analytics/export.csv`, { table: 'members' })).text, ';');
    const total = members[0].indexOf('Total');
    const pd = members[0].length - 1;
    assert.equal(members.slice(1).reduce((s, r) => s + Number(r[total]), 0), figure(page.text, 'immediate.contributions'));
    assert.equal(members.slice(1).reduce((s, r) => s + Number(r[pd].replace(',', '.') || 0), 0), figure(page.text, 'realized.pd_hours'));
    const depth = (await marie.get(`${c.base}/analytics/export.csv`, { table: 'depth' })).text;
    assert.match(depth, /synthèse[^\r\n]*;1\r?\n/i);
  });

  it('downloads the same figures and stories as CSV and as a PDF read back in both languages', async () => {
    const csv = await marie.get(`${c.base}/value.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const rows = rowsOf(csv.text, ';');
    // Days are counted in the community's zone, which the header states.
    assert.deepEqual(rows[0], ['du (America/Toronto)', 'au (America/Toronto)', 'cycle', 'cycle_libelle', 'indicateur', 'indicateur_libelle', 'valeur']);
    const line = (cycle: string, key: string) => rows.find((r) => r[2] === cycle && r[4] === key)![6];
    assert.equal(line('realized', 'pd_hours'), '1,5');
    assert.equal(line('applied', 'trials'), '1');
    assert.ok(rows.some((r) => r[1] === 'realized' && r[3] === 'Alex Smith' && r[5] === '24 of 28 tickets handed in'));

    const fr = await downloadAs(h, marie, `${c.base}/value.pdf`);
    assert.equal(fr.status, 200);
    assert.equal(fr.type, 'application/pdf');
    const frText = await pdfTextOf(fr.bytes);
    assert.match(frText, /Rapport de valeur de la communauté/);
    assert.match(frText, /Valeur réalisée\s:\srésultats constatés/);
    assert.match(frText, /Heures de formation approuvées\s: 1,5/);
    assert.match(frText, /Alex Smith\s: My students now name what they did not understand\./);
    assert.match(frText, /Preuve\s:\s24 of 28 tickets handed in/);
    const enText = await pdfTextOf((await downloadAs(h, marie, `${c.base}/value.pdf`, { lang: 'en' })).bytes);
    assert.match(enText, /Community value report/);
    assert.match(enText, /PD hours approved: 1.5/);
    assert.match(enText, /"I tried it" marks: 1/);
  });

  it('is for facilitators only; a bad period, cohort or language is a 400', async () => {
    for (const who of ['learner1', 'mentor', 'observer1']) {
      const p = await c.as(who);
      assert.equal((await p.get(`${c.base}/value`)).status, 403, who);
      assert.equal((await p.get(`${c.base}/value.pdf`)).status, 403, who);
      assert.equal((await p.get(`${c.base}/value.csv`)).status, 403, who);
      assert.doesNotMatch((await p.get(`${c.base}`)).text, new RegExp(`href="${c.base}/value["?]`), `${who}: no navigation entry`);
    }
    assert.match((await marie.get(`${c.base}/analytics`)).text, new RegExp(`href="${c.base}/value(\\?[^"]*)?"[^>]*>Rapport de valeur<`), 'the facilitator has the entry, beside the dashboard');
    const other = await sharingCommunity(h);
    const foreignCohort = (await Cohort.findOne({ where: { communityId: other.communityId } }))!.id;
    assert.equal((await marie.get(`${c.base}/value`, { cohort: foreignCohort })).status, 400);
    const bad = await marie.get(`${c.base}/value`, { period: 'custom', from: '2026-13-01', to: '2026-01-01' });
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.text, /at .*\.ts:\d+/, 'no stack trace');
    assert.equal((await marie.get(`${c.base}/value.pdf`, { lang: 'de' })).status, 400);
    const own = (await Cohort.findOne({ where: { communityId: c.communityId } }))!.id;
    const narrowed = await marie.get(`${c.base}/value`, { cohort: own });
    assert.equal(narrowed.status, 200);
    assert.equal(figure(narrowed.text, 'immediate.contributions'), 8, 'one course: the whole community');
  });
});
