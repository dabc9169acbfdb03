import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { dailyPeriod, weeklyPeriod } from '../../src/notifications/periods';
import { lmsCourseUrl } from '../../src/lti/return-url';
import { isCommunityPath } from '../../src/notifications/links';
import { recipientHint, readRecipientHint, unsubscribeSignature, checkUnsubscribeSignature } from '../../src/notifications/tokens';
import { defaultDelivery, NOTIFICATION_KINDS } from '../../src/notifications/kinds';
import { unsubscribeKeys } from '../../src/notifications/preferences';
import { backoffMs } from '../../src/notifications/mailer';
import { notificationPolicy } from '../../src/notifications/policy';
import { notificationText } from '../../src/notifications/messages';
import { translator } from '../../src/i18n';

const toronto = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Toronto' }).toJSDate();

describe('notifications: pure rules', () => {
  it('has a daily period only from DIGEST_HOUR local time, keyed by the local date, across DST', () => {
    assert.equal(dailyPeriod(toronto('2026-11-23T06:59'), 7), null);
    const p = dailyPeriod(toronto('2026-11-23T07:00'), 7)!;
    assert.equal(p.period, '2026-11-23');
    assert.equal(p.cutoff.toISOString(), '2026-11-23T12:00:00.000Z', 'EST is UTC−5');
    assert.equal(dailyPeriod(toronto('2026-07-01T09:00'), 7)!.cutoff.toISOString(), '2026-07-01T11:00:00.000Z', 'EDT is UTC−4');
    assert.equal(dailyPeriod(toronto('2026-11-23T23:59'), 7)!.period, '2026-11-23', 'a worker down at 7:00 catches up later that day');
  });

  it('has a weekly period from Monday at DIGEST_HOUR through Sunday, keyed by ISO week', () => {
    assert.equal(weeklyPeriod(toronto('2026-11-23T06:00'), 7), null, 'Monday before the hour');
    assert.equal(weeklyPeriod(toronto('2026-11-23T07:05'), 7)!.period, '2026-W48');
    assert.equal(weeklyPeriod(toronto('2026-11-29T22:00'), 7)!.period, '2026-W48', 'Sunday still belongs to that week');
    assert.equal(weeklyPeriod(toronto('2027-01-01T12:00'), 7)!.period, '2026-W53');
  });

  it('keeps an LMS course address from a return URL without per-session secrets', () => {
    assert.equal(lmsCourseUrl('https://moodle.example.edu/mod/lti/return.php?course=42&launch_container=3&instanceid=7&sesskey=abc'), 'https://moodle.example.edu/course/view.php?id=42');
    assert.equal(lmsCourseUrl('https://school.example.edu/moodle/mod/lti/return.php?course=5&sesskey=x'), 'https://school.example.edu/moodle/course/view.php?id=5');
    assert.equal(lmsCourseUrl('https://school.instructure.com/courses/123/external_content/success/external_tool_redirect'), 'https://school.instructure.com/courses/123');
    assert.equal(lmsCourseUrl('https://lms.example.org/path/back?token=secret#x'), 'https://lms.example.org/path/back');
    assert.equal(lmsCourseUrl('javascript:alert(1)'), null);
    assert.equal(lmsCourseUrl(undefined), null);
  });

  it('accepts only links inside the community', () => {
    assert.ok(isCommunityPath(3, '/c/3'));
    assert.ok(isCommunityPath(3, '/c/3/threads/12#post-40'));
    assert.ok(isCommunityPath(3, '/c/3?x=1'));
    for (const bad of ['/c/30', '/c/3x', '/c/4/threads', 'https://evil/c/3', '//evil/c/3/', '/c/3/..\\evil', '/c/3/a b']) assert.equal(isCommunityPath(3, bad), false, bad);
  });

  it('signs recipient hints and unsubscribe links so that any change is refused', () => {
    const hint = recipientHint('k'.repeat(32), 17, '/c/3/threads/9');
    assert.equal(readRecipientHint('k'.repeat(32), hint, '/c/3/threads/9'), 17);
    assert.equal(readRecipientHint('k'.repeat(32), hint.replace(/^17/, '18'), '/c/3/threads/9'), null);
    assert.equal(readRecipientHint('k'.repeat(32), hint, '/c/3/threads/10'), null, 'a hint moved to another address is refused');
    assert.equal(readRecipientHint('other-key-0123456789', hint, '/c/3/threads/9'), null);
    assert.equal(readRecipientHint('k'.repeat(32), undefined, '/c/3/threads/9'), null);
    const sig = unsubscribeSignature('k'.repeat(32), 17, 'mention');
    assert.ok(checkUnsubscribeSignature('k'.repeat(32), 17, 'mention', sig));
    assert.ok(!checkUnsubscribeSignature('k'.repeat(32), 17, 'reply', sig));
    assert.ok(!checkUnsubscribeSignature('k'.repeat(32), 18, 'mention', sig));
    assert.ok(!checkUnsubscribeSignature('k'.repeat(32), 17, 'mention', [sig]));
  });

  it('defaults to immediate for mentions, help requests addressed to me, mentoring requests, erasure requests to confirm, data exports ready and time-bound reminders; daily for the rest', () => {
    const immediate = NOTIFICATION_KINDS.filter((k) => defaultDelivery(k) === 'immediate');
    assert.deepEqual(immediate.sort(), ['meeting.starting', 'mention', 'mentoring.answered', 'mentoring.request', 'post.flagged', 'privacy.erasure', 'privacy.export_ready', 'problem.addressed', 'proposal.closing']);
    assert.equal(NOTIFICATION_KINDS.length, 24);
    assert.ok(NOTIFICATION_KINDS.filter((k) => !immediate.includes(k)).every((k) => defaultDelivery(k) === 'daily'));
    assert.equal(defaultDelivery('digest.facilitator'), 'weekly');
  });

  it('turns off every kind of that digest when a digest is unsubscribed', () => {
    const prefs = Object.fromEntries([...NOTIFICATION_KINDS, 'digest.facilitator'].map((k) => [k, defaultDelivery(k as never)])) as never;
    assert.equal(unsubscribeKeys('digest.daily', prefs).length, 15);
    assert.deepEqual(unsubscribeKeys('mention', prefs), ['mention']);
    assert.deepEqual(unsubscribeKeys('digest.weekly', prefs), []);
  });

  it('backs off exponentially, capped at six hours', () => {
    assert.ok(backoffMs(1) >= 54_000 && backoffMs(1) <= 66_000);
    assert.ok(backoffMs(3) >= 216_000 && backoffMs(3) <= 264_000);
    assert.ok(backoffMs(30) <= 6.6 * 3600_000);
  });

  it('lets every member read their own notifications, and offers the summary to facilitators only', () => {
    for (const role of ['facilitator', 'mentor', 'member', 'observer'] as const) {
      assert.ok(notificationPolicy.viewOwn({ role }));
      assert.ok(notificationPolicy.open({ role }, true));
      assert.ok(!notificationPolicy.open({ role }, false));
      assert.equal(notificationPolicy.facilitatorDigest({ role }), role === 'facilitator');
    }
    assert.ok(!notificationPolicy.viewOwn({ role: null }));
  });

  it('has an FR and EN message for every kind', () => {
    for (const lang of ['fr', 'en'] as const) {
      const t = translator(lang);
      for (const kind of NOTIFICATION_KINDS) {
        const text = notificationText(t, lang, kind, { actor: 'Ana', title: 'T', when: '2026-11-24T14:00:00Z', minutes: 90, reason: 'R' });
        assert.ok(!text.startsWith('notifications.') && !text.includes('{{'), `${lang} ${kind}: ${text}`);
      }
    }
    assert.equal(notificationText(translator('fr'), 'fr', 'meeting.scheduled', { title: 'Rencontre', when: '2026-11-24T14:00:00Z' }).includes('9 h'), true);
  });
});
