import type { RequestHandler } from 'express';

/**
 * A confirmation after every action (a form posted, then redirected with 303): the redirect carries
 * `flash=<key>` and the next page shows the message in a live region. The key only names a
 * message of the catalog (`flash.<key>`), so nothing a member typed travels in the address.
 * Which message: the first rule whose pattern matches the route's own path; every other action of
 * a community page says "Saved".
 */
const RULES: Array<[RegExp, string]> = [
  [/\/threads$/, 'thread_created'],
  [/\/threads\/:threadId\/posts$/, 'reply_posted'],
  [/\/rise-above$/, 'rise_above_posted'],
  [/\/journal$/, 'journal_posted'],
  [/\/resources$/, 'resource_shared'],
  [/\/problems$/, 'problem_posted'],
  [/\/leads$/, 'lead_posted'],
  [/\/leads\/:postId\/accept$/, 'solution_accepted'],
  [/\/resolve$/, 'outcome_saved'],
  [/\/comments$/, 'comment_posted'],
  [/\/profile$/, 'profile_saved'],
  [/\/delete$/, 'deleted'],
  [/\/vote$/, 'vote_recorded'],
  [/\/rsvp$/, 'rsvp_recorded'],
  [/\/mentoring$/, 'mentoring_requested'],
  [/\/messages$/, 'message_sent'],
  [/\/welcome\/introduce$/, 'introduced'],
  [/\/follow$/, 'follow_updated'],
  [/\/stories$/, 'story_told'],
  [/\/stories\/prompts$/, 'story_prompted'],
  [/\/showcase\/items$/, 'showcase_proposed'],
  [/\/consent$/, 'consent_recorded'],
  [/\/publish$/, 'published'],
  [/\/unpublish$/, 'unpublished'],
];

/** Pages that already say what happened in their own words. */
const OWN_STATUS = [/\/members\/sync$/, /\/notifications\/preferences$/, /\/meetings\/timezone$/, /\/my-data\//];

export const FLASH_KEYS = [...new Set([...RULES.map(([, k]) => k), 'saved'])];

export function flashKeyFor(routePath: string): string | null {
  if (!routePath.startsWith('/c/:communityId/')) return null;
  if (OWN_STATUS.some((re) => re.test(routePath))) return null;
  return RULES.find(([re]) => re.test(routePath))?.[1] ?? 'saved';
}

/** Add `flash=<key>` to the 303 redirects that end an action; offer the key to the next page's layout. */
export const flashes: RequestHandler = (req, res, next) => {
  const shown = typeof req.query.flash === 'string' && FLASH_KEYS.includes(req.query.flash) ? req.query.flash : null;
  if (shown) res.locals.flash = shown;
  if (req.method === 'POST') {
    const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
    res.redirect = ((a: number | string, b?: number | string) => {
      const [status, url] = typeof a === 'number' ? [a, String(b)] : [typeof b === 'number' ? b : 302, a];
      const key = status === 303 && req.route ? flashKeyFor(String(req.route.path)) : null;
      redirect(status, key && url.startsWith('/') ? withFlash(url, key) : url);
    }) as typeof res.redirect;
  }
  next();
};

function withFlash(url: string, key: string): string {
  const hash = url.indexOf('#');
  const [path, anchor] = hash >= 0 ? [url.slice(0, hash), url.slice(hash)] : [url, ''];
  return `${path}${path.includes('?') ? '&' : '?'}flash=${key}${anchor}`;
}
