import { Op } from 'sequelize';
import { Cohort, Membership, effectiveRole } from '../kernel/community';
import { Deployment, Platform } from '../kernel/platform';
import { User, displayName } from '../users/model';
import { Profile } from './model';
import { profileTagsOf, type MemberTags } from './tags';
import { visibleFields, type Viewer } from './visibility';
import type { CommunityRole } from '../kernel/roles';

/** Everything known of one active member, before visibility is applied (never sent to a view as is). */
export interface MemberRecord {
  membershipId: number;
  userId: number;
  name: string;
  picture: string | null;
  role: CommunityRole;
  cohortId: number;
  cohort: string;
  /** From the LMS: the deployment's name (an institution) or the platform's. */
  lmsInstitution: string | null;
  profile: Profile | null;
  tags: MemberTags;
}

/**
 * The active members of one community with their profiles and tags: four queries whatever the
 * size. Erased people are left out (nothing of them is shown any more).
 */
export async function loadMembers(communityId: number, only?: number[]): Promise<MemberRecord[]> {
  const where: Record<string, unknown> = { communityId, status: 'active' };
  if (only) where.id = { [Op.in]: only.length ? only : [0] };
  const memberships = await Membership.findAll({
    where,
    include: [
      { model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'picture', 'erasedAt'] },
      {
        model: Cohort,
        as: 'cohort',
        attributes: ['id', 'contextTitle', 'contextLabel'],
        include: [
          { model: Deployment, as: 'deployment', attributes: ['name'] },
          { model: Platform, as: 'platform', attributes: ['name'] },
        ],
      },
    ],
    order: [['id', 'ASC']],
  });
  const live = memberships.filter((m) => m.user && !m.user.erasedAt);
  const ids = live.map((m) => m.id);
  const [profiles, tags] = await Promise.all([ids.length ? Profile.findAll({ where: { membershipId: { [Op.in]: ids } } }) : [], profileTagsOf(ids)]);
  const profileOf = new Map(profiles.map((p) => [p.membershipId, p]));
  return live.map((m) => {
    const cohort = m.cohort as (Cohort & { deployment?: Deployment }) | undefined;
    return {
      membershipId: m.id,
      userId: m.userId,
      name: displayName(m.user!),
      picture: m.user!.picture,
      role: effectiveRole(m),
      cohortId: m.cohortId,
      cohort: cohort?.contextTitle ?? cohort?.contextLabel ?? `#${m.cohortId}`,
      lmsInstitution: cohort?.deployment?.name ?? cohort?.platform?.name ?? null,
      profile: profileOf.get(m.id) ?? null,
      tags: tags.get(m.id) ?? { expertise: [], learning: [] },
    };
  });
}

/** One member as a viewer may see them: hidden fields are null, never present. */
export interface MemberCard {
  membershipId: number;
  name: string;
  picture: string | null;
  role: CommunityRole;
  cohortId: number;
  cohort: string;
  institution: string | null;
  roleTitle: string | null;
  yearsPractice: number | null;
  experience: 'newcomer' | 'experienced' | null;
  expertise: Array<{ slug: string; label: string }>;
  learning: Array<{ slug: string; label: string }>;
  helpWith: string | null;
  wantToLearn: string | null;
  languages: string | null;
  introHtml: string | null;
  isMe: boolean;
}

/** Apply the owner's visibility choices for this viewer. The LMS institution fills in when the member wrote none. */
export function cardFor(rec: MemberRecord, viewer: Viewer): MemberCard {
  const p = rec.profile;
  const see = visibleFields(p?.visibility, viewer, rec.membershipId);
  const show = <T>(field: Parameters<typeof see.has>[0], value: T): T | null => (see.has(field) ? value : null);
  return {
    membershipId: rec.membershipId,
    name: rec.name,
    picture: rec.picture,
    role: rec.role,
    cohortId: rec.cohortId,
    cohort: rec.cohort,
    institution: show('institution', p?.institution || rec.lmsInstitution || null),
    roleTitle: show('roleTitle', p?.roleTitle ?? null),
    yearsPractice: show('yearsPractice', p?.yearsPractice ?? null),
    experience: show('experience', p?.experience ?? null),
    expertise: see.has('expertise') ? rec.tags.expertise : [],
    learning: see.has('learning') ? rec.tags.learning : [],
    helpWith: show('helpWith', p?.helpWith ?? null),
    wantToLearn: show('learning', p?.wantToLearn ?? null),
    languages: show('languages', p?.languages ?? null),
    introHtml: show('intro', p?.introHtml ?? null),
    isMe: rec.membershipId === viewer.membershipId,
  };
}
