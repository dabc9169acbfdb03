/**
 * Memory while a large video clip is uploaded (issue 21): the tool runs in its own process
 * (bench/tool-server.ts, production settings) and a member sends a 200 MB clip through the real
 * upload form; the tool's RSS is read from /proc every 100 ms. A streamed upload keeps it flat
 * (the file goes to disk as it arrives); a buffered one would grow by the file's size.
 *
 *   npx tsx bench/video-upload.ts            # 200 MB on SQLite
 *   npx tsx bench/video-upload.ts --mb 500
 *
 * The client streams a generated body (one 1 MB buffer, reused), so the size costs it nothing either.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { DevPlatform, sampleCourse, launch } from '../src/devplatform';
import { startChild, freshDatabase } from './children';
import { field } from '../test/helpers/harness';

const args = parseArgs({ options: { mb: { type: 'string', default: '200' } } }).values;
const MB = Number(args.mb);
const COURSE = 'video-bench';

/** The tool process's resident memory, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** POST a multipart body of `mb` megabytes (an MP4 signature, then filler), streamed with backpressure. */
function upload(url: string, cookie: string, fields: Record<string, string>, mb: number): Promise<{ status: number; location: string }> {
  const boundary = `----coperbench${Date.now()}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="classe.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const signature = Buffer.from([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
  const size = mb * chunk.length;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? '') }));
    });
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < mb) {
        const part = sent === 0 ? Buffer.concat([signature, chunk.subarray(signature.length)]) : chunk;
        sent++;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coper-video-bench-'));
  const url = `sqlite:${path.join(dir, 'bench.sqlite')}`;
  await freshDatabase(url);
  const platform = new DevPlatform({ flavour: 'moodle', courses: [{ ...sampleCourse(), id: COURSE, title: 'Video bench', label: 'VIDEO' }] });
  await platform.listen();
  const tool = await startChild('tool-server.ts', {
    DATABASE_URL: url,
    DATA_DIR: dir,
    VIDEO_MAX_MB: String(MB + 10),
    BENCH_PLATFORM: JSON.stringify({ ...platform.registration, deploymentIds: [platform.registration.deploymentId], kind: 'moodle' }),
  });
  const base = `http://localhost:${tool.port}`;
  platform.registerTool({ clientId: platform.registration.clientId, deploymentId: platform.registration.deploymentId, loginUrl: `${base}/lti/login`, launchUrl: `${base}/lti/launch`, jwksUrl: `${base}/lti/keys` });
  try {
    const first = await launch(platform, { userId: 'instructor', courseId: COURSE });
    const home = await first.agent.fetch(`${base}/setup/create`, { method: 'POST', form: { _csrf: field(first.text, '_csrf'), title: 'Vidéo', purpose: 'Mesurer la mémoire pendant un envoi de capsule.' } });
    const cid = /\/c\/(\d+)$/.exec(new URL(home.url).pathname)?.[1];
    if (!cid) throw new Error(`no community: ${home.status} ${home.url}`);
    const form = await first.agent.fetch(`${base}/c/${cid}/videos/new`);
    const csrf = field(form.text, '_csrf');
    const pid = tool.process.pid!;
    const baseline = rssMb(pid);
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
    const started = Date.now();
    const res = await upload(`${base}/c/${cid}/videos`, first.agent.cookies.header(new URL(base)) ?? '', { _csrf: csrf, title: 'Grande capsule', description: 'Mesure.', visibility: 'community', consent: '1' }, MB);
    clearInterval(timer);
    const end = rssMb(pid);
    const seconds = (Date.now() - started) / 1000;
    const stored = fs.readdirSync(path.join(dir, 'uploads'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && !d.name.endsWith('.part'));
    const lines = [
      `video upload: ${MB} MB in ${seconds.toFixed(1)} s → ${res.status} ${res.location}`,
      `tool RSS: ${baseline.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most during, ${end.toFixed(0)} MB after (growth ${(peak - baseline).toFixed(0)} MB for a ${MB} MB file)`,
      `stored: ${stored.map((d) => fs.statSync(path.join(d.parentPath, d.name)).size).join(', ')} bytes`,
      peak - baseline < Math.min(64, MB / 2) ? 'flat: the clip was streamed to disk, not held in memory' : 'NOT flat: the upload grew the process by a good part of the file',
    ];
    console.log(lines.join('\n'));
    if (res.status !== 303) process.exitCode = 1;
  } finally {
    await tool.stop();
    await platform.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
