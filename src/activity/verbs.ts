/**
 * The two verbs of a launch's activity row. A returning member's launch (QUIET_LAUNCH) changes
 * nothing the community's pages show, so it does not move the community's version
 * (web/community-cache.ts): a class opening CoPeR together keeps the cached home warm. A launch
 * that created the membership, or changed its role, status, course or first launch, is
 * LAUNCH_CHANGED and moves it like any other change. Analytics read neither (launches are
 * bookkeeping, not contributions; "never launched" comes from memberships.last_launch_at).
 */
export const QUIET_LAUNCH = 'launch';
export const LAUNCH_CHANGED = 'launch.changed';

/** Verbs whose rows leave the community's version alone. */
export const QUIET_VERBS: readonly string[] = [QUIET_LAUNCH];
