import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { QueryTypes, type Sequelize } from 'sequelize';
import { unzipSync, strFromU8 } from 'fflate';
import { harness, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { withSession } from '../helpers/session';
import { launchAs, type Member } from '../helpers/sharing';
import { sampleCourse, ROLES, type DevUser } from '../../src/devplatform';
import { tableNames } from '../../src/privacy/graph';

/** A person of their own (unique LMS id, name and e-mail), so erasing them never touches another suite's people. */
export function uniquePerson(locale = 'en'): DevUser {
  const tag = crypto.randomBytes(4).toString('hex');
  return { id: `privacy-${tag}`, givenName: 'Zoé', familyName: `Privée${tag}`, name: `Zoé Privée${tag}`, email: `zoe.${tag}@example.org`, locale, roles: [ROLES.learner] };
}

let seq = 0;
/**
 * A fresh Moodle course with the instructor (facilitator), Chris (mentor), Alex (learner1) and a
 * unique person, its community set up; `as` launches any of them once.
 */
export async function privacyCommunity(person = uniquePerson()) {
  const h = await harness();
  const sample = sampleCourse().members.filter((m) => ['instructor', 'mentor', 'learner1'].includes(m.id));
  const courseId = `privacy-${Date.now().toString(36)}-${++seq}`;
  h.moodle.addCourse({ id: courseId, title: `Confidentialité ${seq}`, label: `PRV${seq}`, members: [...sample, person] });
  const { communityId } = await setUpCommunity(h, h.moodle, courseId);
  const people = new Map<string, Member>();
  const as = async (userId: string) => {
    if (!people.has(userId)) people.set(userId, await launchAs(h, courseId, userId));
    return people.get(userId)!;
  };
  return { h, courseId, communityId, person, as, base: `/c/${communityId}` };
}

/** Fetch a URL of the member's session as raw bytes (the ZIP download). */
export async function download(h: Harness, member: Member, pathname: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const r = await fetch(new URL(pathname, h.toolUrl), withSession(h, member.agent));
  return { status: r.status, type: r.headers.get('content-type'), bytes: new Uint8Array(await r.arrayBuffer()) };
}

/** The files of a ZIP, text files decoded. */
export function unzip(bytes: Uint8Array): Map<string, { bytes: Uint8Array; text: string }> {
  return new Map(Object.entries(unzipSync(bytes)).map(([name, b]) => [name, { bytes: b, text: strFromU8(b) }]));
}

/** Every (table, column) of the database holding one of the needles, case-insensitively. */
export async function findEverywhere(sequelize: Sequelize, needles: string[]): Promise<string[]> {
  const qi = sequelize.getQueryInterface();
  const hits: string[] = [];
  for (const table of await tableNames(sequelize)) {
    if (table === 'lti_records') continue; // encrypted: checked apart (its plain index)
    const cols = Object.keys(await qi.describeTable(table));
    for (const col of cols) {
      for (const n of needles) {
        const rows = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${qi.quoteIdentifier(table)} WHERE LOWER(CAST(${qi.quoteIdentifier(col)} AS CHAR)) LIKE ?`, {
          replacements: [`%${n.toLowerCase()}%`],
          type: QueryTypes.SELECT,
        });
        if (Number(rows[0].n) > 0) hits.push(`${table}.${col} ∋ ${n}`);
      }
    }
  }
  const idx = await sequelize.query<{ idx: string }>(`SELECT idx FROM lti_records`, { type: QueryTypes.SELECT });
  for (const n of needles) if (idx.some((r) => r.idx.toLowerCase().includes(n.toLowerCase()))) hits.push(`lti_records.idx ∋ ${n}`);
  return hits;
}

/** Every file under a folder whose bytes hold one of the needles. */
export function filesHolding(dir: string, needles: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .filter((f) => {
      const text = fs.readFileSync(f).toString('utf8').toLowerCase();
      return needles.some((n) => text.includes(n.toLowerCase()));
    });
}

const ROOT = path.resolve(__dirname, '../..');

/** Run `npm run cli -- …` in a separate process on this test process's database and data folder. */
export function cli(h: Harness, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: h.config.DATABASE_URL, DATA_DIR: h.config.DATA_DIR, NODE_ENV: 'test', LOG_LEVEL: 'error', EMBEDDED_WORKER: 'false' };
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function ok(res: { status: number; text: string; url: string }, what: string): void {
  assert.equal(res.status, 200, `${what}: ${res.status} ${res.text.slice(0, 400)}`);
}
