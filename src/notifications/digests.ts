import { Op, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { translator } from '../i18n';
import { Community, Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { DigestRun, Notification } from './model';
import { NOTIFICATION_KINDS } from './kinds';
import { preferencesOf } from './preferences';
import { canEmail, emailFooter, queueEmail, recipientLang, type MailRecipient } from './email';
import { emailLink } from './links';
import { formatWhen, notificationText } from './messages';
import { inZone } from '../content/zone';
import { readerZone } from '../content/time';
import { dailyPeriod, weeklyPeriod, type DigestPeriod } from './periods';
import type { EmailContent } from './email-content';
import { log } from '../log';
import { retryTransaction } from '../db/retry';

/** At most this many items are listed in one digest; the rest wait in the tool. */
const MAX_ITEMS = 50;
/** Unread notifications older than this are not mailed in digests any more (they stay in the tool). */
const MAX_AGE_MS = 14 * 86_400_000;

/** Notifications a digest of period `p` may carry: unread, not mailed, recent, created before the cutoff. */
function digestable(p: DigestPeriod) {
  return { emailedAt: null, readAt: null, createdAt: { [Op.lt]: p.cutoff, [Op.gte]: new Date(p.cutoff.getTime() - MAX_AGE_MS) } };
}

type Frequency = 'daily' | 'weekly';

/**
 * The members' digests (worker job): once per period and member, an e-mail in the member's
 * language listing the unread notifications of the kinds they chose to get daily (or weekly),
 * created before the period's cutoff and not mailed yet. Idempotent: a digest_runs row per
 * (member, digest, period) is written in the digest's transaction, so a restart or a second
 * worker never sends twice.
 */
export async function runMemberDigests(sequelize: Sequelize, config: Config, now = new Date()): Promise<{ daily: number; weekly: number }> {
  const result = { daily: 0, weekly: 0 };
  const periods: Array<[Frequency, DigestPeriod | null]> = [['daily', dailyPeriod(now, config.DIGEST_HOUR)], ['weekly', weeklyPeriod(now, config.DIGEST_HOUR)]];
  for (const [frequency, period] of periods) {
    if (!period) continue;
    for (const membershipId of await digestCandidates(frequency, period)) {
      try {
        if (await sendMemberDigest(sequelize, config, membershipId, frequency, period)) result[frequency]++;
      } catch (err) {
        // One member's failure must not hold back everyone else's digest; the next tick retries it.
        log.error('digest_failed', { membershipId, frequency, error: (err as Error).message });
      }
    }
  }
  return result;
}

/** Members with unread, unmailed notifications from before the cutoff and no digest yet this period. */
async function digestCandidates(frequency: Frequency, p: DigestPeriod): Promise<number[]> {
  const pending = await Notification.findAll({
    attributes: ['membershipId'],
    where: digestable(p),
    group: ['membershipId'],
    raw: true,
  });
  const done = await DigestRun.findAll({ attributes: ['membershipId'], where: { digest: frequency, period: p.period }, raw: true });
  const skip = new Set(done.map((d) => Number(d.membershipId)));
  return pending.map((r) => Number(r.membershipId)).filter((id) => !skip.has(id));
}

/** One member's digest, in one transaction; false when another worker got there first or nothing was due. */
async function sendMemberDigest(sequelize: Sequelize, config: Config, membershipId: number, frequency: Frequency, p: DigestPeriod): Promise<boolean> {
  try {
    return await retryTransaction(sequelize, async (t) => {
      // The run row first: the unique key is the lock that makes this digest once-only.
      const run = await DigestRun.create({ membershipId, digest: frequency, period: p.period }, { transaction: t });
      const member = await Membership.findOne({
        where: { id: membershipId, status: 'active' },
        include: [{ model: User, as: 'user' }, { model: Community, as: 'community' }],
        transaction: t,
      });
      if (!member?.user || !member.community) return false;
      const prefs = await preferencesOf(membershipId, t);
      const kinds = NOTIFICATION_KINDS.filter((k) => prefs[k] === frequency);
      if (kinds.length === 0) return false;
      const items = await Notification.findAll({
        where: { ...digestable(p), membershipId, kind: { [Op.in]: kinds } },
        order: [['createdAt', 'ASC'], ['id', 'ASC']],
        transaction: t,
      });
      const recipient: MailRecipient = { membershipId, communityId: member.communityId, user: member.user };
      if (items.length === 0 || !canEmail(recipient)) return false;
      const zone = await readerZone(member.userId, member.communityId, t);
      const content = inZone(zone, () => digestContent(config, recipient, member.community!.title, frequency, items));
      const email = await queueEmail(config, recipient, `digest.${frequency}`, content, content.footer.unsubscribe.href, t);
      await run.update({ emailId: email.id }, { transaction: t });
      await Notification.update({ emailedAt: new Date() }, { where: { id: { [Op.in]: items.map((i) => i.id) } }, transaction: t });
      return true;
      // A duplicate run row means another worker sent this digest: done, not a race to retry.
    }, { uniqueRaces: false });
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

function digestContent(config: Config, r: MailRecipient, community: string, frequency: Frequency, items: Notification[]): EmailContent {
  const lang = recipientLang(r);
  const t = translator(lang);
  const shown = items.slice(0, MAX_ITEMS);
  const footer = emailFooter(config, r, community, `digest.${frequency}`);
  footer.unsubscribe.label = t('notifications.email.unsubscribe_digest');
  return {
    lang,
    subject: t(`notifications.digest.subject_${frequency}`, { community, count: items.length }),
    greeting: t('notifications.email.greeting', { name: displayName(r.user, lang) }),
    heading: t(`notifications.digest.heading_${frequency}`, { community }),
    intro: items.length > shown.length ? t('notifications.digest.more', { count: items.length - shown.length }) : undefined,
    items: shown.map((n) => ({ text: notificationText(t, lang, n.kind, n.params), href: emailLink(config, n.link, r.membershipId), when: formatWhen(n.createdAt, lang) })),
    sections: [],
    action: { label: t('notifications.email.open_all'), href: emailLink(config, `/c/${r.communityId}/notifications`, r.membershipId) },
    footer,
  };
}

/** digest_runs rows older than 60 days are no longer needed for idempotence. */
export async function purgeDigestRuns(now = new Date()): Promise<number> {
  return DigestRun.destroy({ where: { createdAt: { [Op.lt]: new Date(now.getTime() - 60 * 86_400_000) } } });
}
