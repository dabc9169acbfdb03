import assert from 'node:assert/strict';
import { parseRange } from '../../src/video/range';
import { parseVtt } from '../../src/video/vtt';
import { embedUrl } from '../../src/video/embed';
import { frameSources } from '../../src/web/security';
import { moment, formatMoment } from '../../src/video/schemas';
import { loadConfig } from '../../src/config';

describe('video of practice: ranges, captions, moments, embeds (pure)', () => {
  it('reads one byte range, clipped to the file; refuses what lies outside it', () => {
    assert.equal(parseRange(undefined, 100), null);
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-200', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=10-', 100), { start: 10, end: 99 });
    assert.deepEqual(parseRange('bytes=-30', 100), { start: 70, end: 99 });
    assert.deepEqual(parseRange('bytes=-300', 100), { start: 0, end: 99 });
    for (const bad of ['bytes=100-', 'bytes=5-2', 'bytes=-0', 'bytes=-', 'bytes=x-1']) assert.equal(parseRange(bad, 100), 'unsatisfiable', bad);
    assert.equal(parseRange('bytes=0-1,5-6', 100), null, 'several ranges: the whole file');
    assert.equal(parseRange('items=0-1', 100), null, 'another unit: the whole file');
  });

  it('reads WebVTT cues (tags removed) and refuses files without the signature or cues', () => {
    const ok = parseVtt(Buffer.from('\uFEFFWEBVTT - titre\r\n\r\nNOTE a note\r\n\r\n01:02.500 --> 01:04.000 align:start\r\n<v Marie>Bonjour</v> &amp; bienvenue\r\n\r\n1:00:00.000 --> 1:00:01.000\r\nFin\r\n'));
    assert.deepEqual(ok, { ok: true, cues: [{ start: 62, text: 'Bonjour & bienvenue' }, { start: 3600, text: 'Fin' }] });
    assert.deepEqual(parseVtt(Buffer.from('1\n00:00.000 --> 00:01.000\nx\n')), { ok: false, error: 'video.errors.vtt' });
    assert.deepEqual(parseVtt(Buffer.from('WEBVTT\n\nNOTE only\n')), { ok: false, error: 'video.errors.vtt_empty' });
    assert.deepEqual(parseVtt(Buffer.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff])), { ok: false, error: 'video.errors.vtt' });
  });

  it('reads a moment as minutes and seconds (or h:mm:ss) and writes it back', () => {
    assert.equal(moment.parse('02:35'), 155);
    assert.equal(moment.parse('2:35'), 155);
    assert.equal(moment.parse('1:02:35'), 3755);
    assert.equal(moment.parse('42'), 42);
    for (const bad of ['', 'a', '1:2:3:4', '-5', '25:00:01']) assert.equal(moment.safeParse(bad).success, false, bad);
    assert.equal(formatMoment(155), '02:35');
    assert.equal(formatMoment(3755), '1:02:35');
  });

  it('embeds only from allowed hosts: YouTube through its privacy-enhanced domain, Vimeo’s player, the institution’s host', () => {
    const hosts = ['www.youtube-nocookie.com', 'player.vimeo.com', 'video.cssdm.example'];
    assert.equal(embedUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3', hosts), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    assert.equal(embedUrl('https://youtu.be/dQw4w9WgXcQ', hosts), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    assert.equal(embedUrl('https://vimeo.com/123456', hosts), 'https://player.vimeo.com/video/123456');
    assert.equal(embedUrl('https://video.cssdm.example/v/42', hosts), 'https://video.cssdm.example/v/42');
    assert.equal(embedUrl('http://video.cssdm.example/v/42', hosts), null, 'https only');
    assert.equal(embedUrl('https://evil.example/embed', hosts), null);
    assert.equal(embedUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ', ['player.vimeo.com']), null, 'YouTube not allowed');
    assert.equal(embedUrl('javascript:alert(1)', hosts), null);
    assert.deepEqual(frameSources(hosts), ['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://video.cssdm.example']);
    assert.deepEqual(frameSources([]), ["'none'"]);
  });

  it('reads VIDEO_MAX_MB and VIDEO_EMBED_HOSTS from the environment', () => {
    const base = { NODE_ENV: 'test' };
    assert.equal(loadConfig(base).VIDEO_MAX_MB, 500);
    assert.deepEqual(loadConfig(base).VIDEO_EMBED_HOSTS, ['www.youtube-nocookie.com', 'player.vimeo.com']);
    assert.deepEqual(loadConfig({ ...base, VIDEO_EMBED_HOSTS: ' Video.Example.org , ' }).VIDEO_EMBED_HOSTS, ['video.example.org']);
    assert.deepEqual(loadConfig({ ...base, VIDEO_EMBED_HOSTS: '' }).VIDEO_EMBED_HOSTS, []);
    assert.throws(() => loadConfig({ ...base, VIDEO_EMBED_HOSTS: 'https://x.org/path' }), /VIDEO_EMBED_HOSTS/);
    assert.throws(() => loadConfig({ ...base, VIDEO_MAX_MB: '0' }), /VIDEO_MAX_MB/);
  });
});
