import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { withSession } from '../helpers/session';
import { setUpCommunity, keepLearner2Out } from '../helpers/community';
import { launchMember, memberFrom, addObserver, CHARTER_FORM, type Member } from '../governance/helpers';
import { learners, syncNow, type RosterCommunity } from '../helpers/roster';
import { Cohort, Membership } from '../../src/kernel/community';
import { Activity } from '../../src/activity/model';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The cells of a figures table (by its id), row by row. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table class="figures" id="table-${id}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `table ${id}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1])![1];
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]).trim()));
}
/** A CSV document (no quoted separators in these fixtures) as rows of cells. */
/** The response body as bytes (a decoded text would drop the byte-order mark); the member's session rides along. */
async function rawBytes(m: Member, path: string, query: Record<string, string>): Promise<Buffer> {
  const h = await harness();
  const res = await fetch(`${h.toolUrl}${path}?${new URLSearchParams(query)}`, withSession(h, m.agent));
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}
const csvRows = (body: string, sep: string) => body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(sep));

describe('facilitator analytics over HTTP (real launches)', function () {
  this.timeout(120_000);
  let h: Harness;
  let cid: number;
  let cidB: number;
  let marie: Member; // instructor, French: facilitator of A
  let alex: Member; // learner1, English
  let nadia: Member; // learner3, French
  let chris: Member; // mentor
  let olivia: Member; // observer
  let canvasAdmin: Member; // Canvas instructor, English: facilitator of B

  before(async () => {
    h = await harness();
    const course = newCourse(h.moodle, 'Analytics');
    keepLearner2Out(h.moodle, course);
    h.moodle.courses.get(course)!.members.push(...learners(3, 'never')); // three enrolled people never come
    const setup = await setUpCommunity(h, h.moodle, course);
    cid = setup.communityId;
    marie = memberFrom(h, setup.agent, cid);
    assert.equal((await marie.post(`/c/${cid}/charter`, CHARTER_FORM)).status, 200);
    alex = await launchMember(h, course, 'learner1');
    nadia = await launchMember(h, course, 'learner3');
    chris = await launchMember(h, course, 'mentor');
    addObserver(h, course);
    olivia = await launchMember(h, course, 'observer1');
    // Long enough to earn participation points (the default rules ignore contributions under 80 characters).
    const body = 'Tell me about your practice: what you tried, what worked with your students, and what you would change next time.';
    for (const title of ['How do you assess orally?', 'Peer observation: who tried it?']) {
      assert.equal((await alex.post(`/c/${cid}/threads`, { kind: 'discussion', title, body })).status, 200);
    }
    const thread = await Activity.findOne({ where: { communityId: cid, verb: 'thread.create' } });
    assert.equal((await nadia.post(`/c/${cid}/threads/${thread!.subjectId}/posts`, { body: 'Je fais des entretiens de 5 minutes.' })).status, 200);
    assert.equal((await alex.post(`/c/${cid}/charter/acknowledge`, { version: '1' })).status, 200);
    // PD hours Marie records for Alex: one line in the period, one long before it.
    const alexId = String((await Activity.findOne({ where: { communityId: cid, verb: 'thread.create' } }))!.membershipId);
    const today = DateTime.now().setZone('America/Toronto').toISODate()!;
    for (const [date, hours] of [[today, '1.5'], ['2020-01-06', '2']]) {
      assert.equal((await marie.post(`/c/${cid}/pd/manual`, { member: alexId, category: 'formation', date, hours, title: 'Atelier sur l’évaluation' })).status, 200);
    }
    const cohort = (await Cohort.findOne({ where: { communityId: cid } }))!;
    await syncNow({ cohort } as RosterCommunity);
    // Community B, on Canvas, facilitated in English; its learner writes a thread.
    const courseB = newCourse(h.canvas, 'Other');
    h.canvas.courses.get(courseB)!.members.find((m) => m.id === 'instructor')!.locale = 'en';
    const setupB = await setUpCommunity(h, h.canvas, courseB, { title: 'Nursing practice', purpose: 'Share our clinical teaching.' });
    cidB = setupB.communityId;
    canvasAdmin = memberFrom(h, setupB.agent, cidB);
    const bob = await launchMember(h, courseB, 'learner1', h.canvas);
    assert.equal((await bob.post(`/c/${cidB}/threads`, { kind: 'discussion', title: 'Night shifts and students', body: 'How do you supervise?' })).status, 200);
  });

  it('shows a facilitator the dashboard in French: stage, evidence, moves, three accessible charts with data tables', async () => {
    const page = await marie.get(`/c/${cid}/analytics`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Tableau de bord de la communauté<\/h1>/);
    assert.match(page.text, /<a href="\/c\/\d+\/analytics" aria-current="page">Tableau de bord<\/a>/);
    assert.match(text(page.text), /Étape actuelle\s: Identité/);
    assert.match(text(page.text), /Seulement 1 des 4 membres venus dans CoPeR a lu la charte\s:\sle fonctionnement n’est pas encore partagé\./);
    assert.match(text(page.text), /4 membres inscrits n’ont jamais ouvert CoPeR/);
    assert.equal((page.text.match(/<ol class="moves">([\s\S]*?)<\/ol>/)![1].match(/<li>/g) ?? []).length, 3);
    const charts = [...page.text.matchAll(/<svg class="chart" id="([\w-]+)" role="img" aria-labelledby="\1-t \1-d"[^>]*><title id="\1-t">[^<]+<\/title><desc id="\1-d">[^<]+<\/desc>/g)].map((m) => m[1]);
    assert.deepEqual(charts, ['chart-series', 'chart-distribution', 'chart-depth']);
    // Roster: Marie, Jean (TA, roster only), Alex, Nadia, Chris + 3 who never came (the observer is not counted).
    assert.deepEqual(tableRows(page.text, 'distribution'), [['Contributeurs actifs', '1', '12,5'], ['Contributeurs occasionnels', '2', '25'], ['Lecteurs seulement', '1', '12,5'], ['Jamais venus', '4', '50']]);
    assert.deepEqual(tableRows(page.text, 'depth').slice(0, 2), [['Nouveaux fils et entrées de journal', '2'], ['Réponses', '1']]);
    assert.equal(tableRows(page.text, 'series').reduce((s, r) => s + Number(r[5]), 0), 4, 'two threads, a reply and the charter draft');
    assert.match(text(page.text), /8 nouveaux membres pendant la période; 1 y a trouvé sa place/);
  });

  it('shows it in English to an English-speaking facilitator', async () => {
    const page = await canvasAdmin.get(`/c/${cidB}/analytics`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Community analytics<\/h1>/);
    assert.match(text(page.text), /Current stage: Identity/);
    assert.match(text(page.text), /Suggested moves/);
    assert.match(page.text, /<html lang="en">/);
  });

  it('validates the period: custom dates, their order and length, the cohort (400 with a clear message, nothing shown)', async () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ period: 'forever' }, /Choisissez une période dans la liste/],
      [{ period: 'custom' }, /Des dates choisies demandent une date de début/],
      [{ period: 'custom', from: '2026-02-30', to: '2026-03-10' }, /Écrivez les dates sous la forme AAAA-MM-JJ/],
      [{ period: 'custom', from: '2026-03-10', to: '2026-03-01' }, /La date de fin doit être identique ou postérieure/],
      [{ period: 'custom', from: '2000-01-01', to: '2026-03-01' }, /au plus dix ans/],
      [{ cohort: 'abc' }, /Ce cours n’est pas lié à cette communauté/],
      [{ cohort: String((await Cohort.findOne({ where: { communityId: cidB } }))!.id) }, /Ce cours n’est pas lié à cette communauté/],
    ];
    for (const [query, message] of bad) {
      const page = await marie.get(`/c/${cid}/analytics`, query);
      assert.equal(page.status, 400, JSON.stringify(query));
      assert.match(page.text, message, JSON.stringify(query));
      assert.doesNotMatch(page.text, /<svg class="chart"/);
    }
    const ok = await marie.get(`/c/${cid}/analytics`, { period: 'custom', from: '2026-01-05', to: '2026-02-01' });
    assert.equal(ok.status, 200);
    assert.match(text(ok.text), /Du 2026-01-05 au 2026-02-01 \(28 jours\)/);
    assert.match(ok.text, /<option value="custom" selected>/);
    const twelve = await marie.get(`/c/${cid}/analytics`, { period: '12w' });
    assert.match(text(twelve.text), /\(84 jours\)/);
  });

  it('exports each table as CSV for Excel: BOM, headers and separators of the reader\'s language, attachment', async () => {
    const res = await marie.get(`/c/${cid}/analytics/export.csv`, { table: 'members' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition')!, new RegExp(`^attachment; filename="coper-${cid}-members-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    assert.deepEqual([...(await rawBytes(marie, `/c/${cid}/analytics/export.csv`, { table: 'members' })).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark for Excel');
    const rows = csvRows(res.text, ';');
    assert.deepEqual(rows[0].slice(0, 5), ['Nom', 'Rôle', 'Statut', 'Niveau', 'Partage']);
    const alexRow = rows.find((r) => r[0] === 'Alex Smith')!;
    assert.deepEqual(alexRow.slice(3, 9), ['Contributeurs actifs', '2', '0', '0', '0', '2']);
    assert.deepEqual(rows[0].slice(11), ['Points de participation (carnet de notes)', 'Heures de formation continue approuvées (période)']);
    assert.deepEqual(alexRow.slice(11), ['6', '1,5']);
    assert.equal(rows.length, 1 + 9, 'every membership of A (observer and never-launched included), none of B');
    const firstColumn = { series: 'Semaine du (America/Toronto)', distribution: 'Niveau', newcomers: 'Nom', problems: 'Indicateur', depth: 'Indicateur', decisions: 'Proposition' };
    for (const [table, header] of Object.entries(firstColumn)) {
      const r = await marie.get(`/c/${cid}/analytics/export.csv`, { table, period: '12w' });
      assert.equal(r.status, 200, table);
      assert.equal(csvRows(r.text, ';')[0][0], header, table);
    }
    const twelve = await marie.get(`/c/${cid}/analytics/export.csv`, { table: 'series', period: '12w' });
    const [from, to] = /-series-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})\.csv/.exec(twelve.headers.get('content-disposition')!)!.slice(1).map((d) => DateTime.fromISO(d));
    assert.equal(to.diff(from, 'days').days, 83, '12 weeks, today included');
    assert.equal(csvRows(twelve.text, ';').length - 1, to.startOf('week').diff(from.startOf('week'), 'weeks').weeks + 1, 'one row per calendar week');
    const dist = csvRows((await marie.get(`/c/${cid}/analytics/export.csv`, { table: 'distribution' })).text, ';');
    assert.deepEqual(dist[1], ['Contributeurs actifs', '1', '12,5'], 'decimal comma in French');
    const en = await canvasAdmin.get(`/c/${cidB}/analytics/export.csv`, { table: 'members' });
    assert.deepEqual(csvRows(en.text, ',')[0].slice(0, 4), ['Name', 'Role', 'Status', 'Level']);
    assert.equal((await marie.get(`/c/${cid}/analytics/export.csv`, { table: 'secrets' })).status, 400);
    assert.equal((await marie.get(`/c/${cid}/analytics/export.csv`, { table: 'members', period: 'custom' })).status, 400);
  });

  it('shows a facilitator each member\'s participation and one member\'s page, with their last visit', async () => {
    const list = await marie.get(`/c/${cid}/analytics/members`);
    assert.equal(list.status, 200);
    const link = new RegExp(`href="(/c/${cid}/analytics/members/(\\d+)(?:\\?[^"]+)?)">Alex Smith</a>`).exec(list.text);
    assert.ok(link, 'the members table links to each member');
    const page = await marie.get(`/c/${cid}/analytics/members/${link[2]}`);
    assert.equal(page.status, 200);
    assert.match(text(page.text), /Participation de Alex Smith/);
    assert.match(page.text, /<dd data-total>2<\/dd>/);
    assert.match(page.text, /<dd data-points>6<\/dd>/, 'two threads at 3 points (participation module, default rules)');
    assert.match(page.text, /<dd data-pd-hours>1,5<\/dd>/, 'the approved PD hours dated in the period');
    assert.match((await marie.get(`/c/${cid}/analytics/members/${link[2]}`, { period: 'custom', from: '2020-01-01', to: '2020-01-31' })).text, /<dd data-pd-hours>2<\/dd>/);
    assert.match(page.text, /<dd data-last-visit>\d{4}-\d{2}-\d{2}<\/dd>/);
    assert.match(text(page.text), /Fils ouverts/);
    assert.match(text(page.text), /Charte lue fait/);
  });

  it('shows a member their own activity summary, and nothing of other members', async () => {
    const page = await alex.get(`/c/${cid}/my-activity`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>My activity<\/h1>/);
    assert.match(page.text, /<dd data-total>2<\/dd>/);
    assert.match(text(page.text), /2 Threads opened/);
    assert.match(page.text, /aria-current="page">My activity<\/a>/);
    assert.doesNotMatch(page.text, /Nadia|Chris Lee|Jean Gagnon|Marie Tremblay/);
    assert.doesNotMatch(page.text, /\/c\/\d+\/analytics/, 'no link to the facilitators\' pages');
    const own = await nadia.get(`/c/${cid}/my-activity`, { period: 'all' });
    assert.equal(own.status, 200);
    assert.match(own.text, /<dd data-total>1<\/dd>/);
    assert.equal((await olivia.get(`/c/${cid}/my-activity`)).status, 200, 'observers see their own (empty) summary');
  });

  it('refuses the dashboard, per-member views and exports to members, mentors and observers (403), and hides the nav entry', async () => {
    const someone = (await Membership.findOne({ where: { communityId: cid, role: 'facilitator' } }))!.id;
    const before = await Activity.count();
    for (const who of [alex, nadia, chris, olivia]) {
      for (const path of ['/analytics', '/analytics/members', `/analytics/members/${someone}`, '/analytics/export.csv']) {
        const res = await who.get(`/c/${cid}${path}`, path.endsWith('.csv') ? { table: 'members' } : {});
        assert.equal(res.status, 403, path);
        assert.doesNotMatch(res.text, /Contributeurs actifs|Active contributors/);
      }
      const home = await who.get(`/c/${cid}`);
      assert.doesNotMatch(home.text, /\/c\/\d+\/analytics[?"]/);
    }
    assert.equal(await Activity.count(), before, 'refusals write nothing');
  });

  it('keeps communities apart: no dashboard of a community one is not a member of, no member of another community, no figures across', async () => {
    assert.equal((await marie.get(`/c/${cidB}/analytics`)).status, 403);
    assert.equal((await marie.get(`/c/${cidB}/analytics/export.csv`, { table: 'members' })).status, 403);
    const bMember = (await Membership.findOne({ where: { communityId: cidB } }))!.id;
    assert.equal((await marie.get(`/c/${cid}/analytics/members/${bMember}`)).status, 404);
    assert.equal((await marie.get(`/c/${cid}/analytics/members/not-a-number`)).status, 404);
    const bCsv = (await canvasAdmin.get(`/c/${cidB}/analytics/export.csv`, { table: 'members' })).text;
    assert.doesNotMatch(bCsv, /Nadia|Chris Lee/);
    const series = csvRows((await canvasAdmin.get(`/c/${cidB}/analytics/export.csv`, { table: 'series' })).text, ',');
    assert.equal(series.slice(1).reduce((s, r) => s + Number(r[5]), 0), 1, 'B counts only its own thread');
  });
});
