import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, storedFiles } from '../helpers/sharing';
import { Resource, ResourceEndorsement } from '../../src/resources/model';
import { Post, Thread } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { SearchDocument } from '../../src/search/model';
import { MAX_UPLOAD_BYTES } from '../../src/resources/files';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);

describe('resource library through a real launch', () => {
  let h: Harness;
  let c: Community;
  let linkId: number;
  let fileId: number;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  it('shares a link with description, audience and tags: row, comment thread, search document, resource.share', async () => {
    const sophie = await c.as('learner2');
    const res = await sophie.post(`${c.base}/resources`, { kind: 'link', title: 'Grille d’évaluation formative', url: 'https://example.org/grille', description: 'Une grille **pratique** pour la rétroaction.', audience: 'Enseignants du secondaire', tags: 'évaluation, grilles' });
    assert.equal(res.status, 200);
    linkId = idFrom(res.url, 'resources');
    const r = await Resource.findByPk(linkId);
    assert.equal(r!.kind, 'link');
    assert.equal(r!.audience, 'Enseignants du secondaire');
    assert.match(r!.descriptionHtml, /<strong>pratique<\/strong>/);
    assert.equal((await Thread.findByPk(r!.threadId!))!.kind, 'resource');
    assert.ok(await SearchDocument.findOne({ where: { docKey: `resource:${linkId}` } }));
    assert.match(res.text, /href="https:\/\/example.org\/grille" rel="noopener noreferrer nofollow ugc" target="_blank"/);
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'resource.share', subjectId: linkId } });
    assert.equal(JSON.parse(act!.data!).length, [...'Une grille pratique pour la rétroaction.'].length);
    const video = await sophie.post(`${c.base}/resources`, { kind: 'video', title: 'Vidéo : la classe inversée', url: 'https://video.example/watch?v=1', description: 'Dix minutes.' });
    assert.equal(video.status, 200);
    const bad = await sophie.post(`${c.base}/resources`, { kind: 'link', title: 'Mauvais lien', url: 'javascript:alert(1)', description: 'x' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /adresse Web complète/);
  });

  it('shares a file stored on disk under an opaque key and serves it as an attachment with safe headers', async () => {
    const alex = await c.as('learner1');
    const res = await alex.upload(`${c.base}/resources`, { kind: 'file', title: 'Plan de leçon', description: 'Mon plan.', tags: 'planification' }, { name: 'Plan de leçon — révisé.pdf', type: 'text/html', data: PDF });
    assert.equal(res.status, 200, res.text.slice(0, 500));
    fileId = idFrom(res.url, 'resources');
    const r = await Resource.findByPk(fileId);
    assert.equal(r!.fileName, 'Plan de leçon — révisé.pdf');
    assert.equal(r!.fileType, 'application/pdf', 'our type, not the browser’s claim');
    assert.match(r!.fileKey!, new RegExp(`^${c.communityId}/[a-f0-9]{32}$`));
    const onDisk = path.join(h.config.DATA_DIR, 'uploads', ...r!.fileKey!.split('/'));
    assert.deepEqual(fs.readFileSync(onDisk), PDF);
    const nadia = await c.as('learner3');
    const dl = await nadia.get(`${c.base}/resources/${fileId}/download`);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.equal(dl.headers.get('content-disposition'), `attachment; filename="Plan de lecon _ revise.pdf"; filename*=UTF-8''Plan%20de%20le%C3%A7on%20%E2%80%94%20r%C3%A9vis%C3%A9.pdf`);
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(dl.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal(dl.text.length, PDF.length);
  });

  it('refuses oversized, wrongly typed and path-traversal uploads with a clear message, storing nothing', async () => {
    const alex = await c.as('learner1');
    const files = storedFiles(h.config.DATA_DIR);
    const [rows, acts] = await Promise.all([Resource.count(), Activity.count()]);
    const fields = { kind: 'file', title: 'Refusé', description: 'x' };
    const big = await alex.upload(`${c.base}/resources`, fields, { name: 'gros.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES)]) });
    assert.equal(big.status, 413);
    assert.match(big.text, /The file is too large: 10 MB at most/);
    assert.match(big.text, /value="Refusé"/, 'the form comes back with what was typed');
    const html = await alex.upload(`${c.base}/resources`, fields, { name: 'page.html', type: 'text/html', data: Buffer.from('<script>alert(1)</script>') });
    assert.equal(html.status, 400);
    assert.match(html.text, /This type of file is not accepted/);
    const svg = await alex.upload(`${c.base}/resources`, fields, { name: 'logo.svg', type: 'image/svg+xml', data: Buffer.from('<svg onload="alert(1)"/>') });
    assert.equal(svg.status, 400);
    const disguised = await alex.upload(`${c.base}/resources`, fields, { name: 'rapport.pdf', type: 'application/pdf', data: Buffer.from('MZ\x90\x00 not a pdf') });
    assert.equal(disguised.status, 400);
    assert.match(disguised.text, /content does not match its extension/);
    for (const name of ['../../../etc/cron.d/evil.pdf', '..\\..\\evil.pdf', '/tmp/evil.pdf', '.htaccess.pdf']) {
      const res = await alex.upload(`${c.base}/resources`, fields, { name, type: 'application/pdf', data: PDF });
      assert.equal(res.status, 400, name);
      assert.match(res.text, /The file name is not accepted/, name);
    }
    const missing = await alex.upload(`${c.base}/resources`, fields);
    assert.equal(missing.status, 400);
    assert.match(missing.text, /Choose a file to share/);
    assert.deepEqual(storedFiles(h.config.DATA_DIR), files, 'no file on disk');
    assert.deepEqual([await Resource.count(), await Activity.count()], [rows, acts], 'no row');
  });

  it('records "I used this" once per member with the resource author, refuses it on one’s own resource, and sorts by most used', async () => {
    const nadia = await c.as('learner3');
    const chris = await c.as('mentor');
    const sophie = await c.as('learner2');
    await nadia.post(`${c.base}/resources/${fileId}/endorse`, { on: '1' });
    await nadia.post(`${c.base}/resources/${fileId}/endorse`, { on: '1' });
    await chris.post(`${c.base}/resources/${fileId}/endorse`, { on: '1' });
    assert.equal((await Resource.findByPk(fileId))!.endorsementCount, 2);
    assert.equal(await ResourceEndorsement.count({ where: { resourceId: fileId } }), 2);
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'resource.endorse' }, order: [['id', 'DESC']] });
    assert.equal(JSON.parse(act!.data!).authorId, (await Resource.findByPk(fileId))!.authorId);
    assert.equal((await sophie.post(`${c.base}/resources/${linkId}/endorse`, { on: '1' })).status, 403);
    await chris.post(`${c.base}/resources/${fileId}/endorse`, { on: '0' });
    assert.equal((await Resource.findByPk(fileId))!.endorsementCount, 1);
    const byUse = await sophie.get(`${c.base}/resources`, { sort: 'endorsed' });
    assert.ok(byUse.text.indexOf('Plan de leçon') < byUse.text.indexOf('Grille d’évaluation'));
    const newest = await sophie.get(`${c.base}/resources`);
    assert.ok(newest.text.indexOf('Plan de leçon') < newest.text.indexOf('Grille d’évaluation'));
    const tagged = await sophie.get(`${c.base}/resources`, { tag: 'evaluation' });
    assert.match(tagged.text, /Grille d’évaluation/);
    assert.ok(!tagged.text.includes('Plan de leçon'));
  });

  it('keeps a comment thread per resource (comment.create names the resource and its author)', async () => {
    const nadia = await c.as('learner3');
    const res = await nadia.post(`${c.base}/resources/${linkId}/comments`, { body: 'Je l’ai adaptée pour le primaire.' });
    assert.equal(res.status, 200);
    assert.match(res.text, /Je l’ai adaptée pour le primaire\./);
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'comment.create' }, order: [['id', 'DESC']] });
    const data = JSON.parse(act!.data!);
    assert.equal(data.on, 'resource');
    assert.equal(data.onId, linkId);
    assert.equal(data.onAuthorId, (await Resource.findByPk(linkId))!.authorId);
    const empty = await nadia.post(`${c.base}/resources/${linkId}/comments`, { body: '' });
    assert.equal(empty.status, 400);
  });

  it('lets only the author edit or delete; a deleted resource is gone (404) and its file erased', async () => {
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    assert.equal((await nadia.post(`${c.base}/resources/${fileId}/edit`, { title: 'Pris', description: 'x' })).status, 403);
    const ok = await alex.post(`${c.base}/resources/${fileId}/edit`, { title: 'Plan de leçon (v2)', description: 'Mis à jour.', tags: 'planification, leçons' });
    assert.equal(ok.status, 200);
    assert.equal((await Resource.findByPk(fileId))!.title, 'Plan de leçon (v2)');
    assert.equal((await nadia.post(`${c.base}/resources/${fileId}/delete`)).status, 403);
    const key = (await Resource.findByPk(fileId))!.fileKey!;
    await alex.post(`${c.base}/resources/${fileId}/delete`);
    assert.ok((await Resource.findByPk(fileId))!.deletedAt);
    assert.equal(fs.existsSync(path.join(h.config.DATA_DIR, 'uploads', ...key.split('/'))), false);
    assert.equal((await nadia.get(`${c.base}/resources/${fileId}`)).status, 404);
    assert.equal((await nadia.get(`${c.base}/resources/${fileId}/download`)).status, 404);
    assert.equal(await SearchDocument.count({ where: { resourceId: fileId } }), 0);
  });

  it('lets facilitators hide a resource (with its comments) from members, and restore it', async () => {
    const marie = await c.as('instructor');
    const nadia = await c.as('learner3');
    assert.equal((await nadia.post(`${c.base}/resources/${linkId}/hide`, { reason: 'Je ne peux pas' })).status, 403);
    await marie.post(`${c.base}/resources/${linkId}/hide`, { reason: 'Lien brisé' });
    assert.equal((await nadia.get(`${c.base}/resources/${linkId}`)).status, 404);
    assert.ok(!(await nadia.get(`${c.base}/resources`)).text.includes('Grille d’évaluation'));
    assert.match((await marie.get(`${c.base}/resources/${linkId}`)).text, /Lien brisé/);
    const comment = await Post.findOne({ where: { threadId: (await Resource.findByPk(linkId))!.threadId! } });
    assert.equal((await nadia.get(`${c.base}/posts/${comment!.id}`)).status, 404, 'its comments are hidden with it');
    assert.equal(await SearchDocument.count({ where: { resourceId: linkId } }), 0);
    await marie.post(`${c.base}/resources/${linkId}/restore`, { reason: 'Lien réparé' });
    assert.equal((await nadia.get(`${c.base}/resources/${linkId}`)).status, 200);
    assert.equal(await SearchDocument.count({ where: { resourceId: linkId } }), 2, 'the resource and its comment are searchable again');
  });

  it('lets an observer browse and download but not share, endorse or comment', async () => {
    const olivia = await c.as('observer1');
    const alex = await c.as('learner1');
    const up = await alex.upload(`${c.base}/resources`, { kind: 'file', title: 'Notes', description: 'Texte' }, { name: 'notes.txt', type: 'text/plain', data: Buffer.from('Bonjour, ça va?\n') });
    const id = idFrom(up.url, 'resources');
    assert.equal((await olivia.get(`${c.base}/resources`)).status, 200);
    assert.equal((await olivia.get(`${c.base}/resources/${id}`)).status, 200);
    const dl = await olivia.get(`${c.base}/resources/${id}/download`);
    assert.equal(dl.text, 'Bonjour, ça va?\n');
    assert.equal(dl.headers.get('content-type'), 'text/plain; charset=utf-8');
    const [rows, acts] = [await Resource.count(), await Activity.count()];
    assert.equal((await olivia.get(`${c.base}/resources/new`)).status, 403);
    assert.equal((await olivia.post(`${c.base}/resources`, { kind: 'link', title: 'Obs', url: 'https://x.example', description: 'x' })).status, 403);
    assert.equal((await olivia.upload(`${c.base}/resources`, { kind: 'file', title: 'Obs', description: 'x' }, { name: 'a.pdf', type: 'application/pdf', data: PDF })).status, 403);
    assert.equal((await olivia.post(`${c.base}/resources/${id}/endorse`, { on: '1' })).status, 403);
    assert.equal((await olivia.post(`${c.base}/resources/${id}/comments`, { body: 'x' })).status, 403);
    assert.deepEqual([await Resource.count(), await Activity.count()], [rows, acts]);
  });
});
