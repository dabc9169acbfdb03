import { User } from '../../src/users/model';
import { Community, Cohort, Membership } from '../../src/kernel/community';
import { Session } from '../../src/sessions/model';
import { Activity } from '../../src/activity/model';

/** Row counts of everything a launch may write: a refused launch must leave them unchanged. */
export async function launchFootprint() {
  const [users, communities, cohorts, memberships, sessions, activities] = await Promise.all([
    User.count(),
    Community.count(),
    Cohort.count(),
    Membership.count(),
    Session.count(),
    Activity.count(),
  ]);
  return { users, communities, cohorts, memberships, sessions, activities };
}
