import { DomainError } from '../kernel/errors';
import { endedSession } from '../sessions/service';
import { Cohort } from '../kernel/community';
import { lmsCourseUrl } from '../lti/return-url';

/** A request without a live session: the page offers to relaunch from the LMS when it can tell where. */
export class SessionExpired extends DomainError {
  constructor(public readonly relaunchUrl: string | null) {
    super('unauthenticated', 'errors.session_expired');
  }
}

/**
 * Where to relaunch: the last launch's `launch_presentation.return_url`, else the course's
 * address in the LMS (saved on the cohort). The return URL goes through lmsCourseUrl, which drops
 * what Moodle appends (its `sesskey`): no credential in any address, the LMS's included.
 */
export async function sessionExpired(token: string | undefined): Promise<SessionExpired> {
  const ended = token ? await endedSession(token) : null;
  if (!ended) return new SessionExpired(null);
  const cohort = ended.cohortId ? await Cohort.findByPk(ended.cohortId) : null;
  return new SessionExpired(lmsCourseUrl(ended.launch.returnUrl) ?? cohort?.lmsReturnUrl ?? null);
}
