/**
 * The profile and mentoring seeders. Profiles: most members who launched filled part of theirs
 * (role, institution, years of practice, newcomer or experienced, what they can help with, what
 * they want to learn, an introduction), with expertise and learning tags from the community's tag
 * set, some fields kept for facilitators or themselves; members follow a few others. Mentoring:
 * newcomers paired with experienced members — most pairs active or closed with their private
 * messages, goals and check-ins, a few requests waiting or declined.
 */
import { Profile, ProfileTag, MemberFollow, PROFILE_FIELDS, filledFields, type FieldVisibility } from '../profiles/model';
import { Mentorship, MentoringMessage, MentoringGoal, MentoringCheckin } from '../mentoring/model';
import { renderMarkdown } from '../content/markdown';
import type { Rng } from './random';
import { Authors } from './people';
import { feminine } from './names';
import { body, fill, lexicon, sentence } from './text';
import { activity, actor, insertRows, type SeedContext, type SeedPerson } from './context';
import type { Domain, Lang } from './vocabulary';
import { singleTransaction } from '../db/retry';

const DAY = 24 * 3600_000;

/**
 * Roles of each practice with the places where people in that role work: a profile's role and
 * institution go together. A French title written "feminine|masculine" agrees with the person.
 */
const ROLES: Record<Domain, Record<Lang, Array<[string, string[]]>>> = {
  teaching: {
    fr: [
      ['Enseignante au secondaire|Enseignant au secondaire', ['École secondaire Saint-Laurent', 'Polyvalente de Sainte-Thérèse']],
      ['Enseignante au primaire|Enseignant au primaire', ['École primaire des Trois-Soleils', 'École Notre-Dame-de-la-Paix']],
      ['Conseillère pédagogique|Conseiller pédagogique', ['Centre de services scolaire des Laurentides', 'Centre de services scolaire de Montréal']],
      ['Orthopédagogue', ['École primaire des Trois-Soleils', 'École secondaire Saint-Laurent']],
      ['Enseignante au cégep|Enseignant au cégep', ['Cégep de Sherbrooke', 'Collège Montmorency']],
    ],
    en: [
      ['High school teacher', ['Westmount High School', 'Lasalle Community Comprehensive High School']],
      ['Elementary teacher', ['Willingdon Elementary School', 'Riverview Elementary School']],
      ['Instructional coach', ['English Montreal School Board', 'Riverside School Board']],
      ['Resource teacher', ['Willingdon Elementary School', 'Westmount High School']],
      ['College instructor', ['Dawson College', 'Champlain College']],
    ],
  },
  nursing: {
    fr: [
      ['Infirmière clinicienne|Infirmier clinicien', ['CIUSSS de la Capitale-Nationale', 'CISSS de l’Outaouais']],
      ['Infirmière auxiliaire|Infirmier auxiliaire', ['CISSS de l’Outaouais', 'CIUSSS de l’Estrie – CHUS']],
      ['Conseillère en soins infirmiers|Conseiller en soins infirmiers', ['CIUSSS de la Capitale-Nationale', 'CIUSSS de l’Estrie – CHUS']],
      ['Infirmière praticienne spécialisée|Infirmier praticien spécialisé', ['GMF des Laurentides', 'CISSS de l’Outaouais']],
      ['Assistante infirmière-chef|Assistant infirmier-chef', ['CIUSSS de l’Estrie – CHUS', 'CIUSSS de la Capitale-Nationale']],
    ],
    en: [
      ['Clinical nurse', ['McGill University Health Centre', 'Jewish General Hospital']],
      ['Licensed practical nurse', ['Jewish General Hospital', 'Lakeshore General Hospital']],
      ['Nursing educator', ['McGill University Health Centre', 'Dawson College']],
      ['Nurse practitioner', ['Lakeshore General Hospital', 'McGill University Health Centre']],
      ['Assistant head nurse', ['Jewish General Hospital', 'Lakeshore General Hospital']],
    ],
  },
  advising: {
    fr: [
      ['Conseillère d’orientation|Conseiller d’orientation', ['Cégep de Sherbrooke', 'École secondaire Saint-Laurent']],
      ['Aide pédagogique individuelle|Aide pédagogique individuel', ['Collège Montmorency', 'Cégep de Sherbrooke']],
      ['Conseillère aux études|Conseiller aux études', ['Université du Québec à Rimouski', 'Université de Sherbrooke']],
      ['Conseillère en emploi|Conseiller en emploi', ['Université de Sherbrooke', 'Université du Québec à Rimouski']],
      ['Responsable de l’accueil', ['Collège Montmorency', 'Université du Québec à Rimouski']],
    ],
    en: [
      ['Guidance counsellor', ['Westmount High School', 'Dawson College']],
      ['Academic advisor', ['Dawson College', 'Champlain College']],
      ['Student success advisor', ['Bishop’s University', 'Concordia University']],
      ['Career advisor', ['Concordia University', 'Bishop’s University']],
      ['Welcome centre lead', ['Champlain College', 'Concordia University']],
    ],
  },
};
const LANGUAGES: Record<Lang, string[]> = { fr: ['Français', 'Français, anglais', 'Français, espagnol', 'Français, anglais, arabe'], en: ['English', 'English, French', 'English, Italian', 'English, French, Mandarin'] };
const HELP: Record<Lang, string> = { fr: 'Je peux aider avec {practice} et {topic}.', en: 'I can help with {practice} and {topic}.' };
const LEARN: Record<Lang, string> = { fr: 'J’aimerais mieux comprendre {topic} {context}.', en: 'I would like to understand {topic} better {context}.' };
const GOALS: Record<Lang, string[]> = {
  fr: ['Essayer {practice} avec {people}', 'Préparer une première observation sur {topic}', 'Lire deux ressources sur {topic}', 'Présenter {practice} à l’équipe'],
  en: ['Try {practice} with {people}', 'Prepare a first observation on {topic}', 'Read two resources on {topic}', 'Present {practice} to the team'],
};
const REQUEST: Record<Lang, string> = { fr: 'Bonjour! J’aimerais avoir l’appui d’une personne d’expérience pour {topic}.', en: 'Hello! I would like some guidance on {topic}.' };

/** Years of practice below which nobody is asked to mentor (facilitators and mentors have at least 8). */
export const MENTOR_MIN_YEARS = 5;

/** A role title in the person's form ("Enseignante au secondaire|Enseignant au secondaire"). */
export function titleFor(title: string, name: string): string {
  const [f, m] = title.split('|');
  return m && !feminine(name) ? m : f;
}

interface ProfilePlan {
  person: SeedPerson;
  at: Date;
  experienced: boolean;
  years: number;
  row: Record<string, unknown>;
  expertise: Array<{ id: number; slug: string }>;
  learning: Array<{ id: number; slug: string }>;
  filled: string[];
}

function planProfile(ctx: SeedContext, rng: Rng, p: SeedPerson, id: number): ProfilePlan {
  const lex = lexicon(rng, ctx.domain, p.lang);
  // Mentors and facilitators are experienced; a newcomer has one or two years of practice, never zero.
  const seasoned = p.role === 'mentor' || p.role === 'facilitator';
  const years = seasoned ? rng.int(8, 30) : rng.chance(0.35) ? rng.int(1, 2) : rng.int(3, 30);
  const experienced = years >= 3;
  const [titles, places] = rng.pick(ROLES[ctx.domain][p.lang]);
  const roleTitle = titleFor(titles, p.name);
  const at = new Date(Math.min(p.joinedAt.getTime() + rng.exponential(3) * DAY, (p.leftAt ?? ctx.timeline.now).getTime()));
  const maybe = <T>(chance: number, value: () => T): T | null => (rng.chance(chance) ? value() : null);
  const intro = maybe(0.5, () => body(rng, p.lang, ctx.domain, 'short'));
  // Most keep the defaults; some keep their institution or years of practice for facilitators, or for themselves.
  const visibility: Record<string, FieldVisibility> = {};
  for (const f of PROFILE_FIELDS) visibility[f] = rng.chance(0.9) ? 'community' : rng.chance(0.6) ? 'facilitators' : 'me';
  const tags = ((ctx.shared.tags as Array<{ id: number; slug: string; lang: Lang }> | undefined) ?? []).filter((t) => t.lang === p.lang);
  const expertise = experienced ? rng.sample(tags, rng.int(1, 3)) : [];
  const learning = rng.sample(tags.filter((t) => !expertise.includes(t)), experienced ? rng.int(0, 1) : rng.int(1, 3));
  const row = {
    id, communityId: ctx.community.id, membershipId: p.membershipId,
    roleTitle: maybe(0.85, () => roleTitle), institution: maybe(0.7, () => rng.pick(places)), yearsPractice: maybe(0.75, () => years),
    experience: experienced ? 'experienced' : 'newcomer', helpWith: experienced ? maybe(0.6, () => fill(rng, HELP[p.lang], lex)) : null,
    wantToLearn: maybe(0.5, () => fill(rng, LEARN[p.lang], lex)), languages: maybe(0.5, () => rng.pick(LANGUAGES[p.lang])),
    introMd: intro, introHtml: intro ? renderMarkdown(intro).html : null, visibility, onboardedAt: at, createdAt: at, updatedAt: at,
  };
  const filled = filledFields({ ...row, intro }, { expertise, learning });
  return { person: p, at, experienced, years, row, expertise, learning, filled };
}

export async function seedProfiles(ctx: SeedContext): Promise<void> {
  const rng = ctx.rng.derive('profiles');
  const authors = new Authors(ctx.people);
  // People who launched and can write have profiles (observers and roster-only members do not).
  const people = authors.all().filter((p) => rng.derive(p.sub).chance(0.7));
  await singleTransaction(ctx.sequelize, async (t) => {
    let id = await ctx.ids.reserve(Profile, people.length, t);
    const plans = people.map((p) => planProfile(ctx, rng.derive('profile', p.sub), p, id++));
    await insertRows(ctx, Profile, plans.map((p) => p.row), t);
    const tagRows = plans.flatMap((p) => [
      ...p.expertise.map((tag) => ({ communityId: ctx.community.id, membershipId: p.person.membershipId, tagId: tag.id, kind: 'expertise', createdAt: p.at })),
      ...p.learning.map((tag) => ({ communityId: ctx.community.id, membershipId: p.person.membershipId, tagId: tag.id, kind: 'learning', createdAt: p.at })),
    ]);
    await insertRows(ctx, ProfileTag, tagRows, t);
    const follows = new Map<string, Record<string, unknown>>();
    for (const p of plans) {
      const r = rng.derive('follows', p.person.sub);
      for (let k = r.chance(0.5) ? r.geometric(2) : 0; k > 0; k--) {
        const at = ctx.timeline.moment(r, p.at, p.person.leftAt ?? ctx.timeline.now);
        const other = authors.pick(r, at);
        const key = `${p.person.membershipId}:${other.membershipId}`;
        if (other === p.person || follows.has(key)) continue;
        follows.set(key, { communityId: ctx.community.id, followerId: p.person.membershipId, followedId: other.membershipId, createdAt: at });
        activity(ctx, { createdAt: at, ...actor(p.person), verb: 'member.follow', subject: { type: 'membership', id: other.membershipId } });
      }
    }
    await insertRows(ctx, MemberFollow, [...follows.values()], t);
    for (const p of plans) {
      activity(ctx, { createdAt: p.at, ...actor(p.person), verb: 'profile.update', subject: { type: 'profile', id: p.row.id as number }, data: { filled: p.filled, expertise: p.expertise.map((x) => x.slug), experience: p.row.experience } });
    }
    ctx.shared.experience = new Map(plans.map((p) => [p.person.membershipId, p.experienced]));
    // Years as the profile shows them: a mentor's experience is visible to the mentee.
    ctx.shared.years = new Map(plans.map((p) => [p.person.membershipId, (p.row.yearsPractice as number | null) ?? 0]));
  });
}

type PairStatus = 'requested' | 'active' | 'declined' | 'closed';

/** Newcomers paired with experienced members, and the pairs' private space. */
export async function seedMentoring(ctx: SeedContext): Promise<void> {
  const rng = ctx.rng.derive('mentoring');
  const experience = (ctx.shared.experience as Map<number, boolean> | undefined) ?? new Map<number, boolean>();
  const authors = new Authors(ctx.people);
  const people = authors.all().filter((p) => p.status === 'active');
  const newcomers = people.filter((p) => experience.get(p.membershipId) === false && p.role === 'member');
  const years = (ctx.shared.years as Map<number, number> | undefined) ?? new Map<number, number>();
  // Mentors are people of experience: the community's mentors, or members with enough years of practice.
  const seasoned = people.filter((p) => p.role === 'mentor' || (p.role !== 'observer' && (years.get(p.membershipId) ?? 0) >= MENTOR_MIN_YEARS));
  if (newcomers.length === 0 || seasoned.length === 0) return;
  const pairs = rng.sample(newcomers, Math.max(1, Math.round(newcomers.length * 0.3)));
  await singleTransaction(ctx.sequelize, async (t) => {
    let id = await ctx.ids.reserve(Mentorship, pairs.length, t);
    const rows: Array<Record<string, unknown>> = [];
    const messages: Array<Record<string, unknown>> = [];
    const goals: Array<Record<string, unknown>> = [];
    const checkins: Array<Record<string, unknown>> = [];
    let goalId = await ctx.ids.reserve(MentoringGoal, pairs.length * 3, t);
    const facilitator = authors.facilitators()[0];
    for (const mentee of pairs) {
      const r = rng.derive('pair', mentee.sub);
      const mentor = r.pick(seasoned.filter((s) => s !== mentee));
      if (!mentor) continue;
      const pairId = id++;
      const start = ctx.timeline.moment(r, new Date(Math.max(mentee.joinedAt.getTime(), mentor.joinedAt.getTime())), ctx.timeline.now);
      const status: PairStatus = (['active', 'closed', 'requested', 'declined'] as const)[r.weighted([0.55, 0.2, 0.15, 0.1])];
      const byFacilitator = r.chance(0.2);
      const requester = byFacilitator && facilitator ? facilitator : mentee;
      const respondedAt = status === 'requested' ? null : ctx.timeline.after(r, start, 30);
      const closedAt = status === 'closed' ? ctx.timeline.after(r, respondedAt!, 24 * 40) : null;
      const lex = lexicon(r, ctx.domain, mentee.lang);
      rows.push({
        id: pairId, communityId: ctx.community.id, menteeId: mentee.membershipId, mentorId: mentor.membershipId, requestedBy: requester.membershipId, status,
        message: fill(r, REQUEST[mentee.lang], lex), facilitatorsInvited: r.chance(0.15), respondedAt, closedAt, closedBy: closedAt ? mentee.membershipId : null,
        createdAt: start, updatedAt: closedAt ?? respondedAt ?? start,
      });
      const subject = { type: 'mentorship', id: pairId };
      const ids = { menteeMembershipId: mentee.membershipId, mentorMembershipId: mentor.membershipId };
      activity(ctx, { createdAt: start, ...actor(requester), verb: 'mentoring.request', subject, data: { ...ids, pairedBy: requester === mentee ? 'mentee' : 'facilitator' } });
      if (!respondedAt) continue;
      activity(ctx, { createdAt: respondedAt, ...actor(mentor), verb: status === 'declined' ? 'mentoring.decline' : 'mentoring.accept', subject, data: ids });
      if (status === 'declined') continue;
      const end = closedAt ?? ctx.timeline.now;
      const pairGoals: Array<{ at: Date; done: Date | null }> = [];
      for (const [k, g] of r.sample(GOALS[mentee.lang], r.int(1, 3)).entries()) {
        const at = ctx.timeline.moment(r, respondedAt, end);
        const done = r.chance(0.5) ? ctx.timeline.moment(r, at, end) : null;
        const gid = goalId + k;
        pairGoals.push({ at, done });
        goals.push({ id: gid, mentorshipId: pairId, title: fill(r, g, lex).slice(0, 200), createdBy: mentee.membershipId, doneAt: done, createdAt: at, updatedAt: done ?? at });
        activity(ctx, { createdAt: at, ...actor(mentee), verb: 'mentoring.goal', subject, data: { goalId: gid, action: 'add' } });
        if (done) activity(ctx, { createdAt: done, ...actor(mentee), verb: 'mentoring.goal', subject, data: { goalId: gid, action: 'done' } });
      }
      goalId += 3;
      for (let k = r.geometric(6); k > 0; k--) {
        const who = r.chance(0.5) ? mentee : mentor;
        const at = ctx.timeline.moment(r, respondedAt, end);
        const md = sentence(r, who.lang, lexicon(r, ctx.domain, who.lang));
        const rendered = renderMarkdown(md);
        messages.push({ mentorshipId: pairId, authorId: who.membershipId, bodyMd: md, bodyHtml: rendered.html, createdAt: at });
        activity(ctx, { createdAt: at, ...actor(who), verb: 'mentoring.message', subject, data: { length: rendered.length } });
      }
      for (let k = r.int(0, 2); k > 0; k--) {
        const at = ctx.timeline.moment(r, respondedAt, end);
        const md = body(r, mentee.lang, ctx.domain, 'short');
        const rendered = renderMarkdown(md);
        checkins.push({ mentorshipId: pairId, authorId: mentee.membershipId, noteMd: md, noteHtml: rendered.html, createdAt: at });
        const known = pairGoals.filter((g) => g.at <= at);
        activity(ctx, { createdAt: at, ...actor(mentee), verb: 'mentoring.checkin', subject, data: { length: rendered.length, goals: known.length, goalsDone: known.filter((g) => g.done && g.done <= at).length } });
      }
      if (closedAt) activity(ctx, { createdAt: closedAt, ...actor(mentee), verb: 'mentoring.close', subject, data: { from: 'active', ...ids } });
    }
    await insertRows(ctx, Mentorship, rows, t);
    await insertRows(ctx, MentoringGoal, goals, t);
    await insertRows(ctx, MentoringMessage, messages.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime()), t);
    await insertRows(ctx, MentoringCheckin, checkins.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime()), t);
  });
}
