import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, storedFiles, userIdIn, type Member } from '../helpers/sharing';
import { withSession } from '../helpers/session';
import { Resource } from '../../src/resources/model';
import { Membership } from '../../src/kernel/community';
import { Activity } from '../../src/activity/model';
import { SearchDocument } from '../../src/search/model';
import { VideoCaption, VideoClip, VideoComment } from '../../src/video/model';
import { ResourceViewer } from '../../src/resources/model';
import { Thread } from '../../src/discussions/model';
import { testMedia, VTT_FR, VTT_EN } from './clips';
import { collectPersonalData } from '../../src/privacy/collect';
import { CHARTER_FORM, localIn } from '../governance/helpers';
import { removeContributions } from '../../src/privacy/contributions';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

/** A multipart POST with several files (the clip form: video and poster; the captions form). */
async function postFiles(h: Harness, m: Member, p: string, fields: Record<string, string | string[]>, files: Record<string, { name: string; type: string; data: Buffer }>) {
  const form = new FormData();
  form.append('_csrf', m.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  for (const [k, f] of Object.entries(files)) form.append(k, new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  const r = await fetch(new URL(p, h.toolUrl), withSession(h, m.agent, { method: 'POST', body: form, redirect: 'follow' }));
  return { status: r.status, text: await r.text(), url: r.url };
}

/** A GET with a Range header: status, headers, bytes. */
async function ranged(h: Harness, m: Member, p: string, range?: string) {
  const r = await fetch(new URL(p, h.toolUrl), withSession(h, m.agent, { headers: range ? { range } : {} }));
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

const onDisk = (h: Harness, key: string) => path.join(h.config.DATA_DIR, 'uploads', ...key.split('/'));
const incoming = (h: Harness) => storedFiles(h.config.DATA_DIR).filter((f) => f.startsWith('incoming'));

describe('video of practice through real launches', () => {
  let h: Harness;
  let c: Community;
  let clipId: number;
  let pairClipId: number;
  let facClipId: number;
  const media = testMedia();
  const clipFields = { title: 'Ma leçon sur les fractions', description: 'Une capsule de **dix** secondes.', tags: 'fractions', visibility: 'community', consent: '1' };

  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  it('refuses a clip without consent, of the wrong type or over VIDEO_MAX_MB: 4xx with a message, no row, no file left', async () => {
    const alex = await c.as('learner1');
    const before = { rows: await Resource.count(), files: storedFiles(h.config.DATA_DIR).length };
    const noConsent = await postFiles(h, alex, `${c.base}/videos`, { ...clipFields, consent: '' }, { file: { name: 'lecon.mp4', type: 'video/mp4', data: media.mp4 } });
    assert.equal(noConsent.status, 400);
    assert.match(noConsent.text, /Confirm that consent was obtained/);
    assert.match(noConsent.text, /value="Ma leçon sur les fractions"/, 'the form comes back with what was typed');
    const pdf = await postFiles(h, alex, `${c.base}/videos`, clipFields, { file: { name: 'lecon.mp4', type: 'video/mp4', data: Buffer.from('%PDF-1.4 not a video') } });
    assert.equal(pdf.status, 400);
    const avi = await postFiles(h, alex, `${c.base}/videos`, clipFields, { file: { name: 'lecon.avi', type: 'video/x-msvideo', data: media.mp4 } });
    assert.equal(avi.status, 400);
    assert.match(avi.text, /This type of video is not accepted/);
    const big = await postFiles(h, alex, `${c.base}/videos`, clipFields, { file: { name: 'gros.mp4', type: 'video/mp4', data: Buffer.concat([media.mp4, Buffer.alloc(3 * 1024 * 1024)]) } });
    assert.equal(big.status, 413);
    assert.match(big.text, /The video is too large: 2 MB at most/);
    const nobody = await postFiles(h, alex, `${c.base}/videos`, { ...clipFields, visibility: 'members' }, { file: { name: 'lecon.mp4', type: 'video/mp4', data: media.mp4 } });
    assert.equal(nobody.status, 400);
    assert.match(nobody.text, /Choose at least one member/);
    assert.equal(await Resource.count(), before.rows);
    assert.equal(storedFiles(h.config.DATA_DIR).length, before.files, 'no stored file, no temporary file left');
  });

  it('refuses a clip from an observer (403); the streamed file is removed once the answer is sent', async () => {
    const olivia = await c.as('observer1');
    assert.equal((await postFiles(h, olivia, `${c.base}/videos`, clipFields, { file: { name: 'lecon.mp4', type: 'video/mp4', data: media.mp4 } })).status, 403);
    // Refused by the session check after parsing: the cleanup runs when the response closes.
    for (let i = 0; i < 100 && incoming(h).length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(incoming(h), []);
  });

  it('shares a clip streamed to the file store, with its consent, poster and a video page', async () => {
    const alex = await c.as('learner1');
    const form = await alex.get(`${c.base}/videos/new`);
    assert.equal(form.status, 200);
    assert.match(form.text, /name="consent"/);
    assert.match(form.text, /enctype="multipart\/form-data"/);
    const res = await postFiles(h, alex, `${c.base}/videos`, clipFields, { file: { name: 'Leçon fractions.mp4', type: 'application/octet-stream', data: media.mp4 }, poster: { name: 'affiche.png', type: 'image/png', data: media.png } });
    assert.equal(res.status, 200, res.text.slice(0, 500));
    clipId = idFrom(res.url, 'resources');
    const r = (await Resource.findByPk(clipId))!;
    assert.equal(r.kind, 'clip');
    assert.equal(r.fileType, 'video/mp4', 'our type, not the browser’s claim');
    assert.equal(r.fileSize, media.mp4.length);
    assert.equal(r.visibility, null);
    assert.deepEqual(fs.readFileSync(onDisk(h, r.fileKey!)), media.mp4);
    const clip = (await VideoClip.findOne({ where: { resourceId: clipId } }))!;
    assert.ok(clip.consentAt instanceof Date);
    assert.deepEqual(fs.readFileSync(onDisk(h, clip.posterKey!)), media.png);
    assert.deepEqual(incoming(h), [], 'the temporary files were moved, not copied');
    assert.ok(await Activity.findOne({ where: { verb: 'video.consent', subjectId: clipId } }));
    assert.match(res.text, /<video id="clip-player" controls/);
    assert.match(res.text, new RegExp(`<source src="/c/${c.communityId}/videos/${clipId}/stream" type="video/mp4">`));
    assert.match(res.text, new RegExp(`poster="/c/${c.communityId}/videos/${clipId}/poster"`));
    assert.match(res.text, /This clip has no captions yet/, 'a reminder to its owner');
    const nadia = await c.as('learner3');
    const seen = await nadia.get(`${c.base}/resources/${clipId}`);
    assert.equal(seen.status, 200);
    assert.ok(!seen.text.includes('n’a pas encore de sous-titres'), 'the reminder is for the owner only');
    assert.match((await nadia.get(`${c.base}/resources`)).text, /Ma leçon sur les fractions/);
    assert.equal((await nadia.post(`${c.base}/resources/${clipId}/endorse`, { on: '1' })).status, 200, '"I used this" comes with the resource');
    assert.equal((await Resource.findByPk(clipId))!.endorsementCount, 1);
  });

  it('serves the clip with byte ranges: 200 whole, 206 with the right bytes, 416 outside the file', async () => {
    const nadia = await c.as('learner3');
    const p = `${c.base}/videos/${clipId}/stream`;
    const size = media.mp4.length;
    const whole = await ranged(h, nadia, p);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.equal(whole.headers.get('content-type'), 'video/mp4');
    assert.equal(whole.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(whole.bytes, media.mp4);
    const first = await ranged(h, nadia, p, 'bytes=0-99');
    assert.equal(first.status, 206);
    assert.equal(first.headers.get('content-range'), `bytes 0-99/${size}`);
    assert.equal(first.headers.get('content-length'), '100');
    assert.deepEqual(first.bytes, media.mp4.subarray(0, 100));
    const middle = await ranged(h, nadia, p, 'bytes=1000-');
    assert.equal(middle.status, 206);
    assert.equal(middle.headers.get('content-range'), `bytes 1000-${size - 1}/${size}`);
    assert.deepEqual(middle.bytes, media.mp4.subarray(1000));
    const suffix = await ranged(h, nadia, p, 'bytes=-50');
    assert.equal(suffix.status, 206);
    assert.deepEqual(suffix.bytes, media.mp4.subarray(size - 50));
    const past = await ranged(h, nadia, p, `bytes=${size}-`);
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), `bytes */${size}`);
    assert.equal((await ranged(h, nadia, p, 'bytes=50-10')).status, 416);
    assert.equal((await ranged(h, nadia, p, 'bytes=abc')).status, 416);
    const poster = await ranged(h, nadia, `${c.base}/videos/${clipId}/poster`);
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'image/png');
    assert.deepEqual(poster.bytes, media.png);
  });

  it('enforces visibility on the page, the file, the library and search: chosen members, facilitators', async () => {
    const alex = await c.as('learner1');
    const sophie = await c.as('learner2');
    const nadia = await c.as('learner3');
    const marie = await c.as('instructor');
    const sophieMembership = (await Membership.findOne({ where: { communityId: c.communityId, userId: await userIdIn(c.communityId, sophie.userId) } }))!;
    const pair = await postFiles(h, alex, `${c.base}/videos`, { ...clipFields, title: 'Capsule du mentorat', visibility: 'members', members: [String(sophieMembership.id), '999999'] }, { file: { name: 'pair.mp4', type: 'video/mp4', data: media.mp4 } });
    assert.equal(pair.status, 200, pair.text.slice(0, 300));
    pairClipId = idFrom(pair.url, 'resources');
    assert.deepEqual((await ResourceViewer.findAll({ where: { resourceId: pairClipId } })).map((v) => v.membershipId), [sophieMembership.id], 'only members of this community are kept');
    const fac = await postFiles(h, alex, `${c.base}/videos`, { ...clipFields, title: 'Capsule pour animation', visibility: 'facilitators' }, { file: { name: 'fac.mp4', type: 'video/mp4', data: media.mp4 } });
    facClipId = idFrom(fac.url, 'resources');
    const cases: Array<[string, Member, number, boolean]> = [
      ['owner, chosen-members clip', alex, pairClipId, true],
      ['chosen member', sophie, pairClipId, true],
      ['another member', nadia, pairClipId, false],
      ['a facilitator not chosen', marie, pairClipId, false],
      ['owner, facilitators clip', alex, facClipId, true],
      ['facilitator', marie, facClipId, true],
      ['member, facilitators clip', nadia, facClipId, false],
    ];
    for (const [who, m, id, sees] of cases) {
      assert.equal((await m.get(`${c.base}/resources/${id}`)).status, sees ? 200 : 404, `${who}: page`);
      assert.equal((await ranged(h, m, `${c.base}/videos/${id}/stream`, 'bytes=0-9')).status, sees ? 206 : 404, `${who}: file`);
      const title = id === pairClipId ? 'Capsule du mentorat' : 'Capsule pour animation';
      assert.equal((await m.get(`${c.base}/resources`)).text.includes(title), sees, `${who}: library`);
      const found = (await m.get(`${c.base}/search`, { q: id === pairClipId ? 'mentorat' : 'animation' })).text;
      assert.equal(found.includes(title), sees, `${who}: search`);
      assert.equal((await m.post(`${c.base}/videos/${id}/moments`, { at: '00:01', body: 'Vu.' })).status, sees ? 200 : 404, `${who}: comment`);
    }
    assert.ok(!(await nadia.get(`${c.base}`)).text.includes('Capsule du mentorat'), 'not on the shared community home');
  });

  it('pins comments to moments, lists them in time order with replies, and links each to its moment', async () => {
    const sophie = await c.as('learner2');
    const nadia = await c.as('learner3');
    await sophie.post(`${c.base}/videos/${clipId}/moments`, { at: '00:03', body: 'Ici, la consigne est claire.' });
    const first = await nadia.post(`${c.base}/videos/${clipId}/moments`, { at: '0:01', body: 'Belle entrée en matière.' });
    assert.equal(first.status, 200);
    const early = (await VideoComment.findOne({ where: { resourceId: clipId, atSeconds: 1 } }))!;
    assert.equal(early.body, 'Belle entrée en matière.');
    const reply = await sophie.post(`${c.base}/videos/${clipId}/moments/${early.id}/replies`, { body: 'D’accord <b>!</b>' });
    assert.equal(reply.status, 200);
    const replyRow = (await VideoComment.findOne({ where: { parentId: early.id } }))!;
    assert.equal(replyRow.atSeconds, 1, 'a reply is at its comment’s moment');
    const page = reply.text;
    assert.ok(page.indexOf('Belle entrée en matière.') < page.indexOf('Ici, la consigne est claire.'), 'in time order');
    assert.match(page, new RegExp(`href="/c/${c.communityId}/videos/${clipId}/stream#t=1" data-seek="1"`));
    assert.match(page, /D’accord &lt;b&gt;!&lt;\/b&gt;/, 'comments are text, escaped');
    for (const bad of ['', 'abc', '1:2:3:4', '99999:00']) {
      const r = await nadia.post(`${c.base}/videos/${clipId}/moments`, { at: bad, body: 'x' });
      assert.equal(r.status, 400, `moment "${bad}"`);
    }
    assert.match((await nadia.post(`${c.base}/videos/${clipId}/moments`, { at: '', body: 'x' })).text, /Donnez un moment|Indiquez un moment/);
    assert.equal((await nadia.post(`${c.base}/videos/${clipId}/moments/${replyRow.id}/replies`, { body: 'x' })).status, 404, 'no reply to a reply');
    assert.equal((await (await c.as('observer1')).post(`${c.base}/videos/${clipId}/moments`, { at: '00:01', body: 'x' })).status, 403);
  });

  it('takes WebVTT captions per language from the owner: tracks, transcript, search; refuses other files', async () => {
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    assert.equal((await postFiles(h, nadia, `${c.base}/videos/${clipId}/captions`, { lang: 'fr' }, { captions: { name: 'fr.vtt', type: 'text/vtt', data: VTT_FR } })).status, 403);
    const bad = await postFiles(h, alex, `${c.base}/videos/${clipId}/captions`, { lang: 'fr' }, { captions: { name: 'fr.vtt', type: 'text/vtt', data: Buffer.from('1\n00:00:01.000 --> 00:00:02.000\nPas de signature\n') } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /not a WebVTT captions file/);
    assert.equal((await postFiles(h, alex, `${c.base}/videos/${clipId}/captions`, { lang: 'de' }, { captions: { name: 'de.vtt', type: 'text/vtt', data: VTT_FR } })).status, 400);
    assert.equal(await VideoCaption.count({ where: { resourceId: clipId } }), 0);
    const fr = await postFiles(h, alex, `${c.base}/videos/${clipId}/captions`, { lang: 'fr' }, { captions: { name: 'fr.vtt', type: 'text/vtt', data: VTT_FR } });
    assert.equal(fr.status, 200, fr.text.slice(0, 300));
    await postFiles(h, alex, `${c.base}/videos/${clipId}/captions`, { lang: 'en' }, { captions: { name: 'en.vtt', type: 'text/vtt', data: VTT_EN } });
    assert.equal(await VideoCaption.count({ where: { resourceId: clipId } }), 2);
    assert.ok(!fr.text.includes('This clip has no captions yet'));
    const page = (await nadia.get(`${c.base}/resources/${clipId}`)).text;
    assert.match(page, new RegExp(`<track kind="captions" srclang="fr" label="Français" src="/c/${c.communityId}/videos/${clipId}/captions/fr.vtt" default>`));
    assert.match(page, /<track kind="captions" srclang="en"/);
    assert.match(page, /Transcription \(Français\)/);
    assert.match(page, /data-seek="2"><time datetime="PT2S">00:02<\/time><\/a> Regardez le tableau numérique/);
    const vtt = await ranged(h, nadia, `${c.base}/videos/${clipId}/captions/fr.vtt`);
    assert.equal(vtt.status, 200);
    assert.equal(vtt.headers.get('content-type'), 'text/vtt; charset=utf-8');
    assert.deepEqual(vtt.bytes, VTT_FR);
    assert.match((await nadia.get(`${c.base}/search`, { q: 'tableau numérique' })).text, /Ma leçon sur les fractions/, 'found by its captions');
    // replacing a language's captions removes the old file
    const oldKey = (await VideoCaption.findOne({ where: { resourceId: clipId, lang: 'en' } }))!.fileKey;
    await postFiles(h, alex, `${c.base}/videos/${clipId}/captions`, { lang: 'en' }, { captions: { name: 'en.vtt', type: 'text/vtt', data: VTT_EN } });
    assert.equal(fs.existsSync(onDisk(h, oldKey)), false);
    assert.deepEqual(incoming(h), []);
  });

  it('turns a community clip’s comments into a knowledge-building thread (owner or facilitator), never a restricted clip’s', async () => {
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    assert.equal((await nadia.post(`${c.base}/videos/${clipId}/thread`)).status, 403);
    const res = await alex.post(`${c.base}/videos/${clipId}/thread`);
    assert.equal(res.status, 200);
    const thread = (await Thread.findOne({ where: { communityId: c.communityId, kind: 'knowledge', sourceType: 'resource', sourceId: clipId } }))!;
    assert.match(thread.title, /Ma leçon sur les fractions/);
    assert.match(res.text, /00:01/);
    assert.match(res.text, /Belle entrée en matière\./);
    assert.equal((await alex.post(`${c.base}/videos/${pairClipId}/thread`)).status, 403);
  });

  it('embeds a video link from an allowed host (YouTube’s privacy-enhanced domain), with frame-src built from the allow-list', async () => {
    const sophie = await c.as('learner2');
    const yt = await sophie.post(`${c.base}/resources`, { kind: 'video', title: 'Conférence', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', description: 'À voir.' });
    assert.equal(yt.status, 200);
    assert.match(yt.text, /<iframe src="https:\/\/www.youtube-nocookie.com\/embed\/dQw4w9WgXcQ" title="Vidéo\s: Conférence"/);
    assert.match(yt.headers.get('content-security-policy') ?? '', /frame-src https:\/\/www.youtube-nocookie.com https:\/\/player.vimeo.com;/);
    const other = await sophie.post(`${c.base}/resources`, { kind: 'video', title: 'Ailleurs', url: 'https://video.example/watch?v=1', description: 'Lien.' });
    assert.ok(!other.text.includes('<iframe'), 'a host off the list stays a link');
    assert.match(other.text, /href="https:\/\/video.example\/watch\?v=1"/);
  });

  it('puts a member’s clips (with their visibility) and time-coded comments in “My data”; a chosen viewer finds that they were chosen', async () => {
    const alexId = await userIdIn(c.communityId, 'learner1');
    const sophieId = await userIdIn(c.communityId, 'learner2');
    const mine = await collectPersonalData(h.runtime.sequelize, alexId);
    const resources = mine.tables.find((t) => t.table === 'resources')!.rows;
    assert.ok(resources.some((r) => r.id === pairClipId && r.kind === 'clip' && r.visibility === 'members'));
    const comments = (await collectPersonalData(h.runtime.sequelize, sophieId)).tables;
    assert.ok(comments.find((t) => t.table === 'video_comments')!.rows.some((r) => r.body === 'Ici, la consigne est claire.'));
    assert.ok(comments.find((t) => t.table === 'resource_viewers')!.rows.some((r) => r.resource_id === pairClipId));
  });

  it('links a meeting’s recording to a clip; members see it only if they may see the clip', async () => {
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    await marie.post(`${c.base}/charter`, CHARTER_FORM);
    const meeting = await marie.post(`${c.base}/meetings`, { title: 'Rencontre vidéo', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: localIn(-90), durationMinutes: '60', recurrence: 'none' });
    const mid = idFrom(meeting.url, 'meetings');
    assert.match((await marie.get(`${c.base}/meetings/${mid}`)).text, new RegExp(`<option value="${clipId}">Ma leçon sur les fractions`));
    assert.equal((await alex.post(`${c.base}/meetings/${mid}/recording`, { resourceId: String(clipId) })).status, 403, 'only its manager links it');
    assert.equal((await marie.post(`${c.base}/meetings/${mid}/recording`, { resourceId: String(pairClipId) })).status, 400, 'not a clip the facilitator may see');
    assert.equal((await marie.post(`${c.base}/meetings/${mid}/recording`, { resourceId: 'x' })).status, 400);
    assert.equal((await marie.post(`${c.base}/meetings/${mid}/recording`, { resourceId: String(clipId) })).status, 200);
    assert.match((await nadia.get(`${c.base}/meetings/${mid}`)).text, new RegExp(`href="/c/${c.communityId}/resources/${clipId}" data-recording>Ma leçon sur les fractions`));
    await marie.post(`${c.base}/meetings/${mid}/recording`, { resourceId: String(facClipId) });
    assert.match((await marie.get(`${c.base}/meetings/${mid}`)).text, /data-recording>Capsule pour animation/);
    assert.ok(!(await nadia.get(`${c.base}/meetings/${mid}`)).text.includes('data-recording'), 'a member who may not see the clip gets no link');
  });

  it('withdraws a clip at its owner’s request: its video, poster and captions files are deleted, not hidden', async () => {
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    const r = (await Resource.findByPk(clipId))!;
    const clip = (await VideoClip.findOne({ where: { resourceId: clipId } }))!;
    const keys = [r.fileKey!, clip.posterKey!, ...(await VideoCaption.findAll({ where: { resourceId: clipId } })).map((x) => x.fileKey)];
    assert.equal(keys.length, 4);
    for (const k of keys) assert.ok(fs.existsSync(onDisk(h, k)));
    assert.equal((await nadia.post(`${c.base}/resources/${clipId}/delete`)).status, 403);
    assert.equal((await alex.post(`${c.base}/resources/${clipId}/delete`)).status, 200);
    for (const k of keys) assert.equal(fs.existsSync(onDisk(h, k)), false, `${k} deleted`);
    const after = (await Resource.findByPk(clipId))!;
    assert.ok(after.deletedAt);
    assert.equal(after.fileKey, null);
    assert.equal((await VideoClip.findOne({ where: { resourceId: clipId } }))!.posterKey, null);
    assert.equal(await VideoCaption.count({ where: { resourceId: clipId } }), 0);
    assert.equal((await nadia.get(`${c.base}/resources/${clipId}`)).status, 404);
    assert.equal((await ranged(h, nadia, `${c.base}/videos/${clipId}/stream`)).status, 404);
    assert.equal(await SearchDocument.count({ where: { resourceId: clipId, postId: null } }), 0);
  });

  it('erasing a member’s contributions lists every file of their clips (video, poster, captions) and empties their time-coded comments', async () => {
    const nadia = await c.as('learner3');
    const res = await postFiles(h, nadia, `${c.base}/videos`, { ...clipFields, title: 'Capsule à effacer' }, { file: { name: 'e.mp4', type: 'video/mp4', data: media.mp4 }, poster: { name: 'p.png', type: 'image/png', data: media.png } });
    const id = idFrom(res.url, 'resources');
    await postFiles(h, nadia, `${c.base}/videos/${id}/captions`, { lang: 'fr' }, { captions: { name: 'fr.vtt', type: 'text/vtt', data: VTT_FR } });
    await nadia.post(`${c.base}/videos/${id}/moments`, { at: '00:02', body: 'À effacer.' });
    const keys = [(await Resource.findByPk(id))!.fileKey!, (await VideoClip.findOne({ where: { resourceId: id } }))!.posterKey!, (await VideoCaption.findOne({ where: { resourceId: id } }))!.fileKey];
    const userId = await userIdIn(c.communityId, 'learner3');
    const memberships = await Membership.findAll({ where: { userId } });
    // Only this community's contributions: the shared sample user keeps those of other test files.
    const keepIn = memberships.map((m) => m.communityId).filter((x) => x !== c.communityId);
    const removed = await h.runtime.sequelize.transaction((tx) => removeContributions(h.runtime.sequelize, { userId, membershipIds: memberships.map((m) => m.id), keepIn }, tx));
    for (const k of keys) assert.ok(removed.fileKeys.includes(k), `${k} listed for removal`);
    assert.equal(await VideoCaption.count({ where: { resourceId: id } }), 0);
    const comment = (await VideoComment.findOne({ where: { resourceId: id, authorId: userId } }))!;
    assert.equal(comment.body, '');
    assert.ok(comment.deletedAt);
    for (const k of keys) fs.rmSync(onDisk(h, k), { force: true });
  });
});
