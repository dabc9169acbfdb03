import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { seedCommunity } from '../../src/seed';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Post, Thread } from '../../src/discussions/model';
import { Profile } from '../../src/profiles/model';
import { Mentorship, MentoringMessage } from '../../src/mentoring/model';
import { feminine } from '../../src/seed/names';
import { MENTOR_MIN_YEARS } from '../../src/seed/profiles';
import type { Domain } from '../../src/seed/vocabulary';

/**
 * Issue 18, item 9: a demo that looks real. Seeds a small community of each practice and reads
 * what it wrote as a reader would: no sentence twice in a post, none of the agreement errors the
 * templates once made, profiles whose role, institution and years go together, experienced mentors.
 */
const NOW = new Date('2026-10-15T12:00:00Z');

/** Agreement and typography errors templates over noun phrases fall into. */
const KNOWN_ERRORS: Array<[string, RegExp]> = [
  ['plural subject, singular verb (fr)', /\b(des|les|mes|nos|vos|ces|plusieurs)\s+[\p{L}’'-]+s\b(\s+[\p{L}’'-]+){0,3}\s+(ne\s+)?(prend|fonctionne|marche|donne|reste|semble|a fonctionné)\b/u],
  ['missing contraction (fr: du, au, des, aux)', /(^|[\s’'])(de|à) (le|les) /iu],
  ['plural subject, singular verb (en)', /(^|[,.:]\s+)([\w-]+\s+)?(students|parents|families|patients|colleagues|members|instructors|nurses|teachers)\s+(is|was|has)\b/i],
  ['"a" before a vowel (en)', /\ba [aeio][a-z]/],
  ['lowercase "I" (en)', /(^|[\s:])i (am|read|tried|wonder|would|will|have|need|think|transposed)\b/],
  ['a template slot left unfilled', /\{\w+\}|undefined|null\b/],
  ['doubled space or space before a comma or period', / {2,}| [,.](?!\d)/],
];
/** Words a French speaker uses of themselves that agree with their gender. */
const SELF_FEMININE = /\bje (ne )?suis (pas )?(certaine|convaincue|prête|contente|accompagnée)\b|\bêtre accompagnée\b/i;
const SELF_MASCULINE = /\bje (ne )?suis (pas )?(certain|convaincu|prêt|content|accompagné)\b|\bêtre accompagné\b/i;

/** Sentences of a Markdown text (emphasis, quotes, list markers and links removed). */
function sentences(md: string): string[] {
  const text = md.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_>]/g, '').replace(/^\s*(-|\d+\.)\s+/gm, '');
  return text.split(/(?<=[.?!])\s+|\n+/).map((s) => s.trim().toLowerCase()).filter((s) => s.length >= 15);
}

/** What a role title says about where the person works. */
const WORKPLACES: Array<[RegExp, RegExp]> = [
  [/secondaire|high school/i, /secondaire|polyvalente|high school/i],
  [/primaire|elementary/i, /primaire|école|elementary/i],
  [/cégep|college instructor/i, /cégep|collège|college/i],
  [/conseill(er|ère) pédagogique|instructional coach/i, /centre de services scolaire|school board/i],
  [/infirmi|nurse|soins|nursing/i, /cisss|ciusss|gmf|hospital|health centre|college/i],
  [/aux études|student success|emploi|career/i, /université|university/i],
];

describe('the demo’s texts and profiles read as real practitioners wrote them', function () {
  this.timeout(300_000);
  let h: Harness;
  const communities: Array<{ domain: Domain; id: number }> = [];
  before(async () => {
    h = await harness();
    for (const [i, domain] of (['teaching', 'nursing', 'advising'] as const).entries()) {
      const r = await seedCommunity(h.runtime.sequelize, { members: 60, posts: 300, resources: 10, months: 6, now: NOW, seed: 180 + i, domain, title: `Qualité ${domain}`, subPrefix: `quality-${i}-` });
      communities.push({ domain, id: r.communityId });
    }
  });

  const ids = () => communities.map((c) => c.id);
  async function namesByUser(): Promise<Map<number, string>> {
    const members = await Membership.findAll({ where: { communityId: ids() }, include: [{ model: User, as: 'user', attributes: ['id', 'name'] }] });
    return new Map(members.map((m) => [m.userId, m.user!.name ?? '']));
  }

  it('never repeats a sentence within a post', async () => {
    const posts = await Post.findAll({ where: { communityId: ids() }, attributes: ['id', 'bodyMd'] });
    assert.ok(posts.length >= 800, `${posts.length} posts`);
    const repeated = posts.flatMap((p) => {
      const seen = new Set<string>();
      return sentences(p.bodyMd).filter((s) => (seen.has(s) ? true : (seen.add(s), false))).map((s) => `post ${p.id}: ${s}`);
    });
    assert.deepEqual(repeated, []);
  });

  it('makes none of the known agreement errors, in posts, titles, profiles and mentoring', async () => {
    const where = { communityId: ids() };
    const texts: Array<[string, string]> = [
      ...(await Post.findAll({ where, attributes: ['id', 'bodyMd'] })).map((p): [string, string] => [`post ${p.id}`, p.bodyMd]),
      ...(await Thread.findAll({ where, attributes: ['id', 'title'] })).map((t): [string, string] => [`thread ${t.id}`, t.title]),
      ...(await Profile.findAll({ where })).flatMap((p) => [p.roleTitle, p.institution, p.helpWith, p.wantToLearn, p.introMd].filter((x): x is string => !!x).map((x): [string, string] => [`profile ${p.id}`, x])),
      ...(await Mentorship.findAll({ where })).map((m): [string, string] => [`mentorship ${m.id}`, m.message ?? '']),
      ...(await MentoringMessage.findAll({ where: { mentorshipId: (await Mentorship.findAll({ where, attributes: ['id'] })).map((m) => m.id) } })).map((m): [string, string] => [`message ${m.id}`, m.bodyMd]),
    ];
    const found = texts.flatMap(([where, text]) => KNOWN_ERRORS.filter(([, re]) => re.test(text)).map(([name]) => `${where} (${name}): ${text.slice(0, 160)}`));
    assert.deepEqual(found, []);
  });

  it('has French speakers agree with themselves: no "certaine" from a man, no "certain" from a woman', async () => {
    const names = await namesByUser();
    const posts = await Post.findAll({ where: { communityId: ids() }, attributes: ['id', 'bodyMd', 'authorId'] });
    const wrong = posts.filter((p) => {
      const name = names.get(p.authorId ?? 0);
      return name !== undefined && (feminine(name) ? SELF_MASCULINE : SELF_FEMININE).test(p.bodyMd);
    });
    assert.deepEqual(wrong.map((p) => `post ${p.id} by ${names.get(p.authorId!)}`), []);
  });

  it('gives consistent profiles: role and workplace go together, French titles agree, years match the experience, never 0 years', async () => {
    const profiles = await Profile.findAll({ where: { communityId: ids() } });
    const members = new Map((await Membership.findAll({ where: { id: profiles.map((r) => r.membershipId) }, include: [{ model: User, as: 'user', attributes: ['name'] }] })).map((m) => [m.id, m]));
    assert.ok(profiles.length >= 60, `${profiles.length} profiles`);
    const problems: string[] = [];
    for (const p of profiles) {
      const membership = members.get(p.membershipId);
      const name = membership?.user?.name ?? '';
      if (p.yearsPractice === 0) problems.push(`${name}: 0 years of practice`);
      if (p.yearsPractice !== null && p.experience === 'newcomer' && p.yearsPractice > 2) problems.push(`${name}: newcomer with ${p.yearsPractice} years`);
      if (p.yearsPractice !== null && p.experience === 'experienced' && p.yearsPractice < 3) problems.push(`${name}: experienced with ${p.yearsPractice} years`);
      if (p.roleTitle && p.institution) {
        for (const [role, place] of WORKPLACES) if (role.test(p.roleTitle) && !place.test(p.institution)) problems.push(`${name}: ${p.roleTitle} at ${p.institution}`);
      }
      if (p.roleTitle && /^(Enseignant|Conseiller|Infirmier|Assistant infirmier|Aide pédagogique individuel)\b(?!e)/.test(p.roleTitle) && feminine(name)) problems.push(`${name}: ${p.roleTitle}`);
      if (p.roleTitle && /^(Enseignante|Conseillère|Infirmière|Assistante)\b/.test(p.roleTitle) && !feminine(name)) problems.push(`${name}: ${p.roleTitle}`);
      if (membership?.role === 'mentor' && (p.experience === 'newcomer' || (p.yearsPractice ?? 99) < 8)) problems.push(`${name}: mentor with ${p.yearsPractice} years (${p.experience})`);
    }
    assert.deepEqual(problems, []);
  });

  it('pairs newcomers with experienced mentors only', async () => {
    const pairs = await Mentorship.findAll({ where: { communityId: ids() } });
    assert.ok(pairs.length >= 3, `${pairs.length} pairs`);
    const profiles = new Map((await Profile.findAll({ where: { communityId: ids() } })).map((p) => [p.membershipId, p]));
    const mentors = new Map((await Membership.findAll({ where: { id: pairs.map((p) => p.mentorId) } })).map((m) => [m.id, m]));
    const wrong = pairs.filter((pair) => {
      const profile = profiles.get(pair.mentorId);
      if (profile?.experience === 'newcomer') return true;
      return mentors.get(pair.mentorId)?.role !== 'mentor' && (profile?.yearsPractice ?? 0) < MENTOR_MIN_YEARS;
    });
    assert.deepEqual(wrong.map((p) => `pair ${p.id}: mentor ${p.mentorId} (${profiles.get(p.mentorId)?.yearsPractice} years)`), []);
  });
});
