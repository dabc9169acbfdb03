/**
 * The demo's living community: on first start, the development platform's sample course
 * (course-1) is already a community with a few months of history — the sample users (Marie
 * Tremblay, Jean Gagnon, Alex Smith, Sophie Roy, Nadia Côté, Chris Lee, keyed by their platform
 * ids as LTI `sub`) and some thirty colleagues from the course roster, a handful of whom never
 * launched the tool. The same people are on the platform's roster, so roster sync agrees.
 */
import type { Sequelize } from 'sequelize';
import { Cohort } from '../kernel/community';
import { Deployment } from '../kernel/platform';
import { mapRoles } from '../lti/roles';
import { sampleCourse, type DevCourse, type DevUser } from '../devplatform';
import { Rng } from './random';
import { personName, emailFor } from './names';
import { LTI_ROLES } from './people';
import { seedCommunity, type KnownPerson, type SeedResult } from './index';
import type { Lang } from './vocabulary';

export const DEMO_SEED = 2026;
export const DEMO_COURSE_ID = 'course-1';
const EXTRA_MEMBERS = 30;

/** The sample users as seed people: they launched, and write more than most (the demo is seen through them). */
export function samplePeople(): KnownPerson[] {
  return sampleCourse().members.map((m) => ({
    sub: m.id, givenName: m.givenName!, familyName: m.familyName!, name: m.name!, email: m.email!, locale: m.locale ?? 'fr-CA',
    role: mapRoles(m.roles).role, status: 'active', weight: 4,
  }));
}

/** Thirty colleagues: most launched at some point, five are still only on the roster, two left the course. */
function colleagues(): KnownPerson[] {
  const rng = new Rng(DEMO_SEED).derive('colleagues');
  return Array.from({ length: EXTRA_MEMBERS }, (_, i) => {
    const lang: Lang = rng.chance(0.7) ? 'fr' : 'en';
    const who = personName(rng, lang);
    const status = i < 5 ? 'invited' : i < 7 ? 'inactive' : 'active';
    return { sub: `demo-${String(i + 1).padStart(2, '0')}`, ...who, email: emailFor(who, i + 1), locale: lang === 'fr' ? 'fr-CA' : 'en', role: i === 7 ? 'mentor' : 'member', status };
  });
}

/** Everyone in the demo community (sample users first). */
export function demoPeople(): KnownPerson[] {
  return [...samplePeople(), ...colleagues()];
}

/** The sample course as the demo platform serves it: the sample users plus the colleagues still enrolled. */
export function demoCourse(): DevCourse {
  const course = sampleCourse();
  const enrolled: DevUser[] = colleagues()
    .filter((p) => p.status !== 'inactive')
    .map((p) => ({ id: p.sub, givenName: p.givenName, familyName: p.familyName, name: p.name, email: p.email, locale: p.locale, roles: LTI_ROLES[p.role] }));
  return { ...course, members: [...course.members, ...enrolled] };
}

export interface DemoTarget {
  platformId: number;
  /** The platform's deployment id (as the LMS names it). */
  deploymentId: string;
  nrpsUrl: string;
  now: Date;
}

/**
 * Seed the demo community once: skipped (null) when the sample course already has a cohort, so a
 * restart, or a community the visitor set up themself, is never touched.
 */
export async function seedDemo(sequelize: Sequelize, target: DemoTarget, log?: (line: string) => void): Promise<SeedResult | null> {
  const deployment = await Deployment.findOne({ where: { platformId: target.platformId, deploymentId: target.deploymentId } });
  if (!deployment) throw new Error(`seedDemo: deployment ${target.deploymentId} is not registered`);
  if (await Cohort.count({ where: { platformId: target.platformId, deploymentId: deployment.id, contextId: DEMO_COURSE_ID } })) return null;
  const course = sampleCourse();
  const people = demoPeople();
  return seedCommunity(sequelize, {
    members: people.length,
    posts: 150,
    resources: 40,
    seed: DEMO_SEED,
    now: target.now,
    months: 3,
    domain: 'teaching',
    title: 'Enseigner en réseau',
    course: { platformId: target.platformId, deploymentRowId: deployment.id, contextId: DEMO_COURSE_ID, contextTitle: course.title, contextLabel: course.label, nrpsUrl: target.nrpsUrl },
    people,
    log,
  });
}
