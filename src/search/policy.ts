import type { Actor } from '../kernel/actor';

/** Who may do what with search and the tag index. */
export const searchPolicy = {
  /** Linking a tag with its counterpart in the other language (or unlinking it) is the facilitators'. */
  pairTags: (actor: Actor): boolean => actor.role === 'facilitator',
};
