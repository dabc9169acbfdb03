import type { CommunityRole } from '../kernel/roles';

/** Who may do what at the community level. Pure: (role) → boolean. */
export const communityPolicy = {
  view: (role: CommunityRole | null) => role !== null,
  seeInviteCode: (role: CommunityRole | null) => role === 'facilitator',
  setUpCourse: (role: CommunityRole | null) => role === 'facilitator',
  editSettings: (role: CommunityRole | null) => role === 'facilitator',
  contribute: (role: CommunityRole | null) => role !== null && role !== 'observer',
};

interface LaunchSession {
  session: { cohortId: number | null; launch: { role: CommunityRole; messageType: string; deepLinking?: unknown } };
}

/** Setting up the launching course's community (pure: the signed launch and the session). */
export const setupPolicy = {
  /** A facilitator's launch whose course is not linked to a community yet. */
  setUp: ({ session }: LaunchSession) => communityPolicy.setUpCourse(session.launch.role) && !session.cohortId,
  /** The setup page: a launch already linked moves on to its community, so it passes too. */
  page: ({ session }: LaunchSession) => Boolean(session.cohortId) || communityPolicy.setUpCourse(session.launch.role),
  /** Choosing the community a Deep Linking request adds to the course: its instructor. */
  deepLink: ({ session }: LaunchSession) => session.launch.messageType === 'LtiDeepLinkingRequest' && session.launch.role === 'facilitator',
  /** Answering that request: it must carry the platform's Deep Linking settings. */
  deepLinkAnswer: (a: LaunchSession) => setupPolicy.deepLink(a) && Boolean(a.session.launch.deepLinking),
};

export type CommunityCan = { [K in keyof typeof communityPolicy]: boolean };

export function communityCan(role: CommunityRole | null): CommunityCan {
  return Object.fromEntries(Object.entries(communityPolicy).map(([k, f]) => [k, f(role)])) as CommunityCan;
}
