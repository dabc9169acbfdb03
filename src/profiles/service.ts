import { UniqueConstraintError, type Transaction } from 'sequelize';
import { Profile, MemberFollow, PROFILE_FIELDS, filledFields, type FieldVisibility, type ProfileField } from './model';
import { setProfileTags } from './tags';
import { renderMarkdown } from '../content/markdown';
import { recordActivity } from '../activity/model';
import type { TagView } from '../content/tags';
import type { Actor } from '../kernel/actor';
import type { ProfileForm } from './schemas';

/** The who/where of an activity row. */
export function whoOf(actor: Actor) {
  return { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId };
}

/** A member's profile row, created empty on first need (inside the caller's transaction). */
export async function profileFor(communityId: number, membershipId: number, transaction: Transaction): Promise<Profile> {
  const found = await Profile.findOne({ where: { membershipId }, transaction });
  if (found) return found;
  try {
    return await Profile.create({ communityId, membershipId, visibility: {} }, { transaction });
  } catch (err) {
    // Two first saves at once: the unique index keeps one row; use it.
    if (err instanceof UniqueConstraintError) return (await Profile.findOne({ where: { membershipId }, transaction }))!;
    throw err;
  }
}

/**
 * Save the actor's profile: fields, per-field visibility, expertise and learning tags, and one
 * profile.update activity naming the fields filled (not their values: the log is not a profile copy).
 */
export async function updateProfile(actor: Actor, form: ProfileForm, tags: { expertise: TagView[]; learning: TagView[] }, transaction: Transaction): Promise<Profile> {
  const profile = await profileFor(actor.communityId, actor.membershipId, transaction);
  const visibility = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, form[`vis_${f}`]])) as Record<ProfileField, FieldVisibility>;
  const intro = form.intro ? renderMarkdown(form.intro) : null;
  await profile.update(
    {
      roleTitle: form.roleTitle ?? null,
      institution: form.institution ?? null,
      yearsPractice: form.yearsPractice ?? null,
      experience: form.experience,
      helpWith: form.helpWith ?? null,
      wantToLearn: form.wantToLearn ?? null,
      languages: form.languages ?? null,
      introMd: form.intro ?? null,
      introHtml: intro?.html ?? null,
      visibility,
    },
    { transaction },
  );
  await setProfileTags(actor.communityId, actor.membershipId, 'expertise', tags.expertise, transaction);
  await setProfileTags(actor.communityId, actor.membershipId, 'learning', tags.learning, transaction);
  const filled = filledFields(form, tags);
  await recordActivity(
    { ...whoOf(actor), verb: 'profile.update', subject: { type: 'profile', id: profile.id }, data: { filled, expertise: tags.expertise.map((t) => t.slug), experience: form.experience } },
    transaction,
  );
  return profile;
}

/**
 * Follow or unfollow a member of the same community (idempotent). The route loaded the target in
 * the actor's community and authorized the follow (never oneself: profilePolicy.follow).
 */
export async function setMemberFollow(actor: Actor, followedId: number, on: boolean, transaction: Transaction): Promise<boolean> {
  const where = { followerId: actor.membershipId, followedId };
  let changed: boolean;
  if (on) {
    try {
      changed = (await MemberFollow.findOrCreate({ where, defaults: { ...where, communityId: actor.communityId }, transaction }))[1];
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      changed = false;
    }
  } else changed = (await MemberFollow.destroy({ where, transaction })) > 0;
  if (changed) await recordActivity({ ...whoOf(actor), verb: on ? 'member.follow' : 'member.unfollow', subject: { type: 'membership', id: followedId } }, transaction);
  return changed;
}
