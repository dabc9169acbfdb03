import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { idFrom } from '../helpers/sharing';
import { harness } from '../helpers/harness';
import { CHARTER_FORM, localIn } from '../governance/helpers';
import { User } from '../../src/users/model';
import { Membership } from '../../src/kernel/community';
import { personColumns } from '../../src/privacy/graph';
import { PrivacyAudit, PrivacyRequest } from '../../src/privacy/model';
import { privacyCommunity, download, unzip, findEverywhere, filesHolding, ok, cli } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n% a lesson plan\n');

/** A member with data of every kind, written through the forms, and what others wrote around it. */
async function busyMember() {
  const c = await privacyCommunity();
  const fac = await c.as('instructor');
  const zoe = await c.as(c.person.id);
  const alex = await c.as('learner1');
  const chris = await c.as('mentor');
  const base = c.base;
  ok(await fac.post(`${base}/charter`, CHARTER_FORM), 'charter');
  // What Zoé writes, and replies by others around it.
  const own = await zoe.post(`${base}/threads`, { kind: 'discussion', title: 'Ma question', body: 'Comment évaluer le travail en équipe?' });
  ok(own, 'thread');
  const threadId = idFrom(own.url, 'threads');
  ok(await alex.post(`${base}/threads/${threadId}/posts`, { body: `Bonne question @${c.person.name}! Voici ce que je fais.` }), 'reply by Alex');
  const facThread = await fac.post(`${base}/threads`, { kind: 'discussion', title: 'Bienvenue', body: 'Présentez-vous.' });
  const facThreadId = idFrom(facThread.url, 'threads');
  ok(await zoe.post(`${base}/threads/${facThreadId}/posts`, { body: 'Bonjour à toutes et à tous.' }), 'reply by Zoé');
  ok(await zoe.post(`${base}/threads/${facThreadId}/follow`, { on: '1' }), 'follow');
  const upload = await zoe.upload(`${base}/resources`, { kind: 'file', title: 'Mon plan', description: 'Plan de leçon.' }, { name: 'plan.pdf', type: 'application/pdf', data: PDF });
  assert.equal(upload.status, 200, upload.text.slice(0, 300));
  const resourceId = idFrom(upload.url, 'resources');
  ok(await alex.post(`${base}/resources/${resourceId}/endorse`, { on: '1' }), 'endorse');
  ok(await zoe.post(`${base}/journal`, { title: 'Mon journal', body: 'Ce que j’ai essayé.', visibility: 'community' }), 'journal');
  ok(await zoe.post(`${base}/problems`, { title: 'Un élève décroche', context: 'En 3e secondaire.', tried: 'Un contrat.', needed: 'Des idées.', audience: 'community' }), 'problem');
  ok(await zoe.post(`${base}/profile`, { roleTitle: 'Enseignante', institution: 'CSS des Découvreurs', experience: 'newcomer' }), 'profile');
  ok(await zoe.post(`${base}/meetings/timezone`, { timeZone: 'America/Vancouver' }), 'time zone');
  const chrisId = (await Membership.findOne({ where: { communityId: c.communityId }, include: [{ model: User, as: 'user', where: { sub: 'mentor' } }] }))!.id;
  ok(await zoe.post(`${base}/mentoring`, { mentor: String(chrisId), message: 'J’aimerais progresser.' }), 'mentoring');
  const secret = await fac.post(`${base}/proposals`, { kind: 'decision', rule: 'consent', anonymous: 'on', title: 'Enregistrer nos rencontres', deadline: localIn(120) });
  ok(secret, 'secret proposal');
  ok(await zoe.post(`${base}/proposals/${idFrom(secret.url, 'proposals')}/vote`, { choice: 'consent' }), 'secret vote');
  void chris;
  return { ...c, fac, zoe, alex, threadId, facThreadId, resourceId };
}

/** The rows of every classified column that point at the person (their user id or a membership). */
async function rowsPointingAt(userId: number) {
  const h = await harness();
  const sequelize = h.runtime.sequelize;
  const memberships = (await Membership.findAll({ where: { userId } })).map((m) => m.id);
  const out: Array<{ table: string; column: string; row: Record<string, unknown> }> = [];
  for (const col of await personColumns(sequelize)) {
    const ids = col.to === 'users' ? [userId] : memberships;
    const rows = await sequelize.query<Record<string, unknown>>(`SELECT * FROM ${col.table} WHERE ${col.column} IN (${ids.join(',')})`, { type: QueryTypes.SELECT });
    for (const row of rows) out.push({ table: col.table, column: col.column, row });
  }
  return out;
}

describe('privacy: a member’s data rights', () => {
  it('"My data" lists what CoPeR holds by origin, and the ZIP holds every row that points at the member (found through the foreign keys)', async () => {
    const c = await busyMember();
    const page = await c.zoe.get(`${c.base}/my-data`);
    ok(page, 'my data');
    assert.match(page.text, /aria-current="page"[^>]*>My data</, 'in the navigation');
    assert.match(page.text, /What you wrote/);
    assert.match(page.text, /href="\/privacy/, 'the notice is linked');

    const zip = await download(c.h, c.zoe, `${c.base}/my-data/export.zip`);
    assert.equal(zip.status, 200);
    assert.equal(zip.type, 'application/zip');
    const files = unzip(zip.bytes);
    assert.ok(files.has('README.txt') && files.has('index.html') && files.has('schema.json'));
    assert.match(files.get('README.txt')!.text, /^Your data in CoPeR/, 'README in the member’s language (English)');
    assert.match(files.get('README.txt')!.text, /never how/);

    const user = (await User.findOne({ where: { sub: c.person.id } }))!;
    const expected = await rowsPointingAt(user.id);
    const tables = new Set(expected.map((e) => e.table));
    for (const t of ['posts', 'threads', 'resources', 'profiles', 'mentorships', 'proposal_voters', 'activities', 'user_time_zones', 'thread_follows', 'sessions', 'problems']) {
      assert.ok(tables.has(t), `the member has ${t} rows`);
    }
    for (const { table, column, row } of expected) {
      const file = files.get(`data/${table}.json`);
      assert.ok(file, `data/${table}.json is in the export (${table}.${column})`);
      const doc = JSON.parse(file.text) as { version: number; rows: Array<Record<string, unknown>> };
      assert.equal(doc.version, 1);
      const key = row.id !== undefined && table !== 'sessions' ? (r: Record<string, unknown>) => String(r.id) === String(row.id) : (r: Record<string, unknown>) => String(r[column]) === String(row[column]);
      assert.ok(doc.rows.some(key), `${table} row ${JSON.stringify(row).slice(0, 80)} is exported`);
      assert.ok(files.has(`data/${table}.csv`), `data/${table}.csv`);
    }
    assert.ok(!files.has('data/proposal_ballots.json'), 'a secret ballot says that they voted, never how');
    // The page's counts are the export's rows, source by source.
    const schema = JSON.parse(files.get('schema.json')!.text) as { tables: Array<{ source: string; rows: number }> };
    const writing = schema.tables.filter((t) => t.source === 'writing').reduce((n, t) => n + t.rows, 0);
    const shown = /<th scope="row">What you wrote<\/th><td>[^<]*<\/td><td>(\d+)<\/td>/.exec(page.text);
    assert.ok(shown, 'the page counts what they wrote');
    assert.equal(Number(shown[1]), writing);
    assert.ok(!('id' in JSON.parse(files.get('data/sessions.json')!.text).rows[0]), 'no session credential in the export');
    const uploaded = [...files.keys()].find((f) => f.startsWith(`files/${c.resourceId}-`));
    assert.ok(uploaded, 'the uploaded file');
    assert.deepEqual(Buffer.from(files.get(uploaded)!.bytes), PDF);
    const audit = await PrivacyAudit.findOne({ where: { action: 'export' }, order: [['id', 'DESC']] });
    assert.ok(audit);

    // Alex replied to Zoé: her notification names him as its actor. His export says so, without her notification's content.
    const alexFiles = unzip((await download(c.h, c.alex, `${c.base}/my-data/export.zip`)).bytes);
    const notes = JSON.parse(alexFiles.get('data/notifications.json')!.text).rows as Array<Record<string, unknown>>;
    const about = notes.filter((n) => n.membership_id === undefined);
    assert.ok(about.length >= 1, 'a notification he caused is listed');
    for (const n of about) assert.deepEqual(Object.keys(n).sort().filter((k) => !k.endsWith('_at')), ['actor_membership_id', 'community_id', 'id'], 'only the link, not her notification');
  });

  it('erasure on request, confirmed by a facilitator, keeping contributions as "Former member": nothing of the person is left anywhere, and others lose nothing', async () => {
    const c = await busyMember();
    const h = c.h;
    const sequelize = h.runtime.sequelize;
    const user = (await User.findOne({ where: { sub: c.person.id } }))!;
    const needles = [c.person.name!, c.person.email!, c.person.id];
    const count = async (sql: string, ...replacements: unknown[]) => Number((await sequelize.query<{ n: number }>(sql, { replacements, type: QueryTypes.SELECT }))[0].n);
    const before = {
      ownPosts: await count('SELECT COUNT(*) AS n FROM posts WHERE author_id = ?', user.id),
      othersPosts: await count('SELECT COUNT(*) AS n FROM posts WHERE community_id = ? AND author_id <> ?', c.communityId, user.id),
      requests: await count('SELECT COUNT(*) AS n FROM privacy_requests'),
    };

    const found = await findEverywhere(sequelize, needles);
    for (const where of ['users.name', 'users.email', 'users.sub', 'posts.body_md']) assert.ok(found.some((f) => f.startsWith(where)), `before: ${where} holds the person`);

    // Bad input: nothing written.
    const bad = await c.zoe.post(`${c.base}/my-data/erasure`, { contributions: 'keep' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Tick the box/);
    assert.equal(await count('SELECT COUNT(*) AS n FROM privacy_requests'), before.requests);

    const asked = await c.zoe.post(`${c.base}/my-data/erasure`, { contributions: 'keep', confirm: 'yes' });
    ok(asked, 'request');
    assert.match(asked.text, /waiting for 1 confirmation/);
    assert.equal((await c.zoe.post(`${c.base}/my-data/erasure`, { contributions: 'keep', confirm: 'yes' })).status, 409, 'one pending request at a time');
    const request = (await PrivacyRequest.findOne({ where: { userId: user.id, status: 'pending' } }))!;
    assert.equal((await c.alex.post(`${c.base}/my-data/requests/${request.id}/confirm`)).status, 403, 'a member cannot confirm');

    const told = await c.fac.get(`${c.base}/notifications`);
    assert.match(told.text, new RegExp(`${c.person.name} a demandé à être effacé`), 'the facilitator is notified');
    const facPage = await c.fac.get(`${c.base}/my-data`);
    assert.match(facPage.text, new RegExp(`(Confirm the erasure of|Confirmer l’effacement de) ${c.person.name}`));
    const confirmed = await c.fac.post(`${c.base}/my-data/requests/${request.id}/confirm`);
    ok(confirmed, 'confirm');

    // The person is gone everywhere: every table, every file under DATA_DIR.
    assert.deepEqual(await findEverywhere(sequelize, needles), []);
    assert.deepEqual(filesHolding(h.config.DATA_DIR, needles), []);
    const erased = (await User.findByPk(user.id))!;
    assert.ok(erased.erasedAt);
    assert.equal(erased.email, null);
    for (const t of ['sessions', 'user_time_zones', 'thread_follows']) assert.equal(await count(`SELECT COUNT(*) AS n FROM ${t} WHERE user_id = ?`, user.id), 0, t);
    const mids = (await Membership.findAll({ where: { userId: user.id } })).map((m) => m.id);
    for (const [t, col] of [['profiles', 'membership_id'], ['mentorships', 'mentee_id'], ['notification_preferences', 'membership_id']]) {
      assert.equal(await count(`SELECT COUNT(*) AS n FROM ${t} WHERE ${col} IN (${mids.join(',')})`), 0, t);
    }
    // Contributions kept, signed "Former member"; the thread reads in order; others' posts untouched.
    assert.equal(await count('SELECT COUNT(*) AS n FROM posts WHERE author_id = ? AND deleted_at IS NULL', user.id), before.ownPosts);
    assert.equal(await count('SELECT COUNT(*) AS n FROM posts WHERE community_id = ? AND author_id <> ?', c.communityId, user.id), before.othersPosts);
    const thread = await c.alex.get(`${c.base}/threads/${c.threadId}`);
    ok(thread, 'thread');
    assert.match(thread.text, /Former member/);
    assert.match(thread.text, /Bonne question [^!]*Former member[^!]*!/, 'a mention by someone else names the former member');
    assert.ok(thread.text.indexOf('Comment évaluer') < thread.text.indexOf('Voici ce que je fais'), 'the thread still reads in order');
    // The audit says what was done, without personal data.
    const audit = await PrivacyAudit.findAll({ where: { requestId: request.id } });
    assert.deepEqual(audit.map((a) => a.action).sort(), ['erasure.confirmed', 'erasure.done', 'erasure.requested']);
    for (const a of audit) for (const n of needles) assert.ok(!(a.data ?? '').includes(n));
    // A later launch from the same LMS account starts a new, empty identity.
    const again = await c.h.launch({ userId: c.person.id, courseId: c.courseId });
    assert.equal(again.status, 200);
    const fresh = (await User.findOne({ where: { sub: c.person.id } }))!;
    assert.notEqual(fresh.id, user.id);
    assert.equal(await count('SELECT COUNT(*) AS n FROM posts WHERE author_id = ?', fresh.id), 0);
  });

  it('`privacy erase` from the command line removes contributions: replies by others stay, the file leaves the disk, nothing of the person is left', async () => {
    const c = await busyMember();
    const h = c.h;
    const sequelize = h.runtime.sequelize;
    const user = (await User.findOne({ where: { sub: c.person.id } }))!;
    const file = (await sequelize.query<{ file_key: string }>('SELECT file_key FROM resources WHERE id = ?', { replacements: [c.resourceId], type: QueryTypes.SELECT }))[0].file_key;
    const exported = path.join(h.config.DATA_DIR, '..', `coper-privacy-${process.pid}.zip`);
    const exp = await cli(h, ['privacy', 'export', '--issuer', h.moodle.issuer, '--user', c.person.id, '--out', exported]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.ok(unzip(new Uint8Array(fs.readFileSync(exported))).has('data/posts.json'));
    fs.rmSync(exported);

    const res = await cli(h, ['privacy', 'erase', '--issuer', h.moodle.issuer, '--user', c.person.id]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.match(res.stdout, /Erased: .* contributions removed/);
    assert.match(res.stdout, /not withdrawn/);
    assert.deepEqual(await findEverywhere(sequelize, [c.person.name!, c.person.email!, c.person.id]), []);
    assert.deepEqual(filesHolding(h.config.DATA_DIR, [c.person.name!, c.person.email!]), []);
    assert.ok(!fs.existsSync(path.join(h.config.DATA_DIR, 'uploads', ...file.split('/'))), 'the uploaded file is removed');
    const posts = await sequelize.query<{ author_id: number; body_md: string; deleted_at: unknown }>('SELECT author_id, body_md, deleted_at FROM posts WHERE thread_id = ? ORDER BY id', {
      replacements: [c.threadId],
      type: QueryTypes.SELECT,
    });
    assert.equal(posts[0].author_id, user.id);
    assert.equal(posts[0].body_md, '');
    assert.ok(posts[0].deleted_at, 'her opening post is a removed placeholder');
    assert.match(posts[1].body_md, /Voici ce que je fais/, 'Alex’s reply stays');
    const thread = await c.alex.get(`${c.base}/threads/${c.threadId}`);
    ok(thread, 'the thread still opens');
    assert.equal((await cli(h, ['privacy', 'erase', '--issuer', h.moodle.issuer, '--user', 'nobody-here'])).code, 2);
  });
});

describe('privacy: the charter decides whether erased members’ contributions may be removed', () => {
  it('a charter that keeps contributions: the member is told, and erasure keeps what they wrote there under "Former member"', async () => {
    const c = await privacyCommunity();
    const fac = await c.as('instructor');
    ok(await fac.post(`${c.base}/charter`, { ...CHARTER_FORM, erasure: 'keep' }), 'charter that keeps');
    const bad = await fac.post(`${c.base}/charter`, { ...CHARTER_FORM, erasure: 'never' });
    assert.ok(bad.status === 400 || bad.status === 409, `refused: ${bad.status}`);
    const zoe = await c.as(c.person.id);
    const own = await zoe.post(`${c.base}/threads`, { kind: 'discussion', title: 'Gardé', body: 'Ce texte reste pour la communauté.' });
    ok(own, 'thread');
    const page = await zoe.get(`${c.base}/my-data`);
    assert.match(page.text, /The charter of [^<]+ keeps contributions/);
    const res = await cli(c.h, ['privacy', 'erase', '--issuer', c.h.moodle.issuer, '--user', c.person.id]);
    assert.equal(res.code, 0, res.stderr);
    const rows = await c.h.runtime.sequelize.query<{ body_md: string; deleted_at: unknown }>('SELECT body_md, deleted_at FROM posts WHERE thread_id = ?', { replacements: [idFrom(own.url, 'threads')], type: QueryTypes.SELECT });
    assert.equal(rows[0].body_md, 'Ce texte reste pour la communauté.');
    assert.equal(rows[0].deleted_at, null);
    const charter = await fac.get(`${c.base}/charter`);
    assert.match(charter.text, /Toujours conservées sous «\sAncien membre\s»|Always kept under/);
  });
});
