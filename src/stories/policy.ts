import { contributes, facilitates, owns, type PolicyActor } from '../discussions/policy';

/** What a story may be written on: a contribution the whole community sees, still in place. */
export interface StorySubjectState {
  /** The thread is the community's (not a private journal entry). */
  shared: boolean;
  /** Deleted or hidden by facilitators. */
  removed: boolean;
}

/**
 * Who may do what with value stories. Every member reads them (they are the community's
 * return on its work); members, mentors and facilitators write them on a shared contribution;
 * the author or a facilitator removes one. Observers only read.
 */
export const storyPolicy = {
  read: (a: PolicyActor) => a.role !== null,
  write: (a: PolicyActor, s: StorySubjectState) => contributes(a) && s.shared && !s.removed,
  remove: (a: PolicyActor, story: { authorId: number | null }) => contributes(a) && (owns(a, story) || facilitates(a)),
  /** Invite a member who tried a contribution weeks ago to tell what happened. */
  prompt: (a: PolicyActor) => facilitates(a),
};
