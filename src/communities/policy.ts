import type { CommunityRole } from '../kernel/roles';
import type { RoleHolder } from '../kernel/actor';

/** Who may do what at the community level. Pure: (role) → boolean. */
export const communityPolicy = {
  view: ({ role }: RoleHolder) => role !== null,
  seeInviteCode: ({ role }: RoleHolder) => role === 'facilitator',
  setUpCourse: ({ role }: RoleHolder) => role === 'facilitator',
  editSettings: ({ role }: RoleHolder) => role === 'facilitator',
  contribute: ({ role }: RoleHolder) => role !== null && role !== 'observer',
};

interface LaunchSession {
  session: { cohortId: number | null; launch: { role: CommunityRole; messageType: string; deepLinking?: unknown } };
}

/** Setting up the launching course's community (pure: the signed launch and the session). */
export const setupPolicy = {
  /** A facilitator's launch whose course is not linked to a community yet. */
  setUp: ({ session }: LaunchSession) => communityPolicy.setUpCourse({ role: session.launch.role }) && !session.cohortId,
  /** The setup page: a launch already linked moves on to its community, so it passes too. */
  page: ({ session }: LaunchSession) => Boolean(session.cohortId) || communityPolicy.setUpCourse({ role: session.launch.role }),
  /** Choosing the community a Deep Linking request adds to the course: its instructor. */
  deepLink: ({ session }: LaunchSession) => session.launch.messageType === 'LtiDeepLinkingRequest' && session.launch.role === 'facilitator',
  /** Answering that request: it must carry the platform's Deep Linking settings. */
  deepLinkAnswer: (a: LaunchSession) => setupPolicy.deepLink(a) && Boolean(a.session.launch.deepLinking),
};

export type CommunityCan = { [K in keyof typeof communityPolicy]: boolean };

export function communityCan(holder: RoleHolder): CommunityCan {
  return Object.fromEntries(Object.entries(communityPolicy).map(([k, f]) => [k, f(holder)])) as CommunityCan;
}
