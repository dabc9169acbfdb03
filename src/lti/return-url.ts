/**
 * The LMS course address to offer on the "open CoPeR from your course" page, from a launch's
 * `launch_presentation.return_url` (LTI Core §5.4.2). The raw return URL is never kept: Moodle's
 * carries the launching user's `sesskey` (mod/lti/return.php?course=…&sesskey=…), which must not
 * be shown to other members. So: Moodle → /course/view.php?id=<course>; Canvas →
 * /courses/<id>; anything else → its origin and path, without query or fragment.
 */
export function lmsCourseUrl(returnUrl: string | undefined | null): string | null {
  if (!returnUrl || !URL.canParse(returnUrl)) return null;
  const u = new URL(returnUrl);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const moodleCourse = u.searchParams.get('course');
  if (/\/mod\/lti\/return\.php$/.test(u.pathname) && moodleCourse && /^\d+$/.test(moodleCourse)) {
    return `${u.origin}${u.pathname.replace(/\/mod\/lti\/return\.php$/, '')}/course/view.php?id=${moodleCourse}`;
  }
  const canvas = /^(.*?\/courses\/\d+)(?:\/|$)/.exec(u.pathname);
  if (canvas) return `${u.origin}${canvas[1]}`;
  return `${u.origin}${u.pathname}`.slice(0, 1024);
}
