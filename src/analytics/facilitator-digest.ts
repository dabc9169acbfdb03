import { Op, UniqueConstraintError, fn, col, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { translator } from '../i18n';
import { Community, Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { Activity } from '../activity/model';
import { DigestRun } from '../notifications/model';
import { FACILITATOR_DIGEST } from '../notifications/kinds';
import { deliveriesFor } from '../notifications/preferences';
import { canEmail, emailFooter, queueEmail, recipientLang, type MailRecipient } from '../notifications/email';
import { emailLink } from '../notifications/links';
import { weeklyPeriod, type DigestPeriod } from '../notifications/periods';
import type { EmailContent } from '../notifications/email-content';
import { log } from '../log';
import { stageDigestExtras, type DigestExtra } from './digest';
import { inZone, pickZone } from '../content/zone';
import { retryTransaction } from '../db/retry';
import { CONTRIBUTION_VERBS, KINDS, VERB_KIND, type Kind } from './kinds';

/**
 * The analytics half of issue #8: the community's stage, its evidence and the suggested moves
 * (src/analytics/digest.ts); the digest renders them after the key numbers.
 */
export async function facilitatorDigestExtras(communityId: number): Promise<DigestExtra[]> {
  return stageDigestExtras(communityId);
}

export interface WeekNumbers {
  contributions: number;
  contributors: number;
  activeMembers: number;
  newMembers: number;
  /** Contributions by kind (sharing, learning, solving, governance), in the dashboard's order; kinds with none left out. */
  byKind: Array<{ kind: Kind; count: number }>;
}

/**
 * The key numbers of a community for [since, until). Contributions are what the dashboard counts
 * (analytics/kinds.ts: no reactions, reads, edits or bookkeeping); active members are those who
 * did anything, opening CoPeR included.
 */
export async function weekNumbers(communityId: number, since: Date, until: Date): Promise<WeekNumbers> {
  const window = { communityId, createdAt: { [Op.gte]: since, [Op.lt]: until } };
  const contributionWhere = { ...window, verb: { [Op.in]: CONTRIBUTION_VERBS as string[] } };
  const verbs = (await Activity.findAll({ attributes: ['verb', [fn('COUNT', col('id')), 'n']], where: contributionWhere, group: ['verb'], raw: true })) as unknown as Array<{ verb: string; n: number | string }>;
  const perKind = new Map<Kind, number>();
  for (const v of verbs) perKind.set(VERB_KIND[v.verb], (perKind.get(VERB_KIND[v.verb]) ?? 0) + Number(v.n));
  const [contributors, activeMembers, newMembers] = await Promise.all([
    Activity.count({ where: contributionWhere, distinct: true, col: 'membershipId' }),
    Activity.count({ where: window, distinct: true, col: 'membershipId' }),
    Membership.count({ where: window }),
  ]);
  const byKind = KINDS.filter((k) => perKind.has(k)).map((kind) => ({ kind, count: perKind.get(kind)! }));
  return { contributions: byKind.reduce((sum, k) => sum + k.count, 0), contributors, activeMembers, newMembers, byKind };
}

/** A community's first week is not a week to report on (nothing to relaunch yet). */
export const QUIET_START_DAYS = 7;

/**
 * The facilitators' weekly digest (worker job): from Monday at DIGEST_HOUR, once per ISO week,
 * each active facilitator who has not turned it off gets the week's key numbers (and the
 * analytics extras). Idempotent through digest_runs, like the members' digests.
 */
export async function runFacilitatorDigests(sequelize: Sequelize, config: Config, now = new Date()): Promise<number> {
  const period = weeklyPeriod(now, config.DIGEST_HOUR);
  if (!period) return 0;
  const done = new Set((await DigestRun.findAll({ attributes: ['membershipId'], where: { digest: 'facilitator', period: period.period }, raw: true })).map((d) => Number(d.membershipId)));
  const tooYoung = (c: Community) => period.cutoff.getTime() - c.createdAt.getTime() < QUIET_START_DAYS * 24 * 3600_000;
  const facilitators = (
    await Membership.findAll({
      where: { status: 'active', [Op.or]: [{ roleOverride: 'facilitator' }, { roleOverride: null, role: 'facilitator' }] },
      include: [{ model: User, as: 'user' }, { model: Community, as: 'community' }],
    })
  ).filter((m) => !done.has(m.id) && !tooYoung(m.community!));
  const prefs = await deliveriesFor(facilitators.map((m) => m.id), FACILITATOR_DIGEST);
  const numbers = new Map<number, Promise<WeekNumbers>>();
  let sent = 0;
  for (const m of facilitators) {
    if (!numbers.has(m.communityId)) numbers.set(m.communityId, weekNumbers(m.communityId, period.since, period.cutoff));
    const wanted = prefs.get(m.id) !== 'off';
    try {
      if (await sendFacilitatorDigest(sequelize, config, m, period, wanted ? await numbers.get(m.communityId)! : null)) sent++;
    } catch (err) {
      log.error('facilitator_digest_failed', { membershipId: m.id, error: (err as Error).message });
    }
  }
  return sent;
}

async function sendFacilitatorDigest(sequelize: Sequelize, config: Config, m: Membership, p: DigestPeriod, numbers: WeekNumbers | null): Promise<boolean> {
  const recipient: MailRecipient = { membershipId: m.id, communityId: m.communityId, user: m.user! };
  // The stage is read on the community's days and weeks, as its dashboard does.
  const extras = numbers ? await inZone(pickZone(null, m.community!.timeZone), () => facilitatorDigestExtras(m.communityId)) : [];
  try {
    return await retryTransaction(sequelize, async (t) => {
      const run = await DigestRun.create({ membershipId: m.id, digest: 'facilitator', period: p.period }, { transaction: t });
      if (!numbers || !canEmail(recipient)) return false;
      const content = facilitatorContent(config, recipient, m.community!.title, p, numbers, extras);
      const email = await queueEmail(config, recipient, 'digest.facilitator', content, content.footer.unsubscribe.href, t);
      await run.update({ emailId: email.id }, { transaction: t });
      return true;
      // A duplicate run row means another worker sent this digest: done, not a race to retry.
    }, { uniqueRaces: false });
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

function facilitatorContent(config: Config, r: MailRecipient, community: string, p: DigestPeriod, w: WeekNumbers, extras: DigestExtra[]): EmailContent {
  const lang = recipientLang(r);
  const t = translator(lang);
  const sections: EmailContent['sections'] = [
    {
      heading: t('notifications.facilitator.numbers'),
      lines: [
        t('notifications.facilitator.contributions', { count: w.contributions }),
        t('notifications.facilitator.contributors', { count: w.contributors }),
        t('notifications.facilitator.active_members', { count: w.activeMembers }),
        t('notifications.facilitator.new_members', { count: w.newMembers }),
      ],
    },
  ];
  if (w.byKind.length) sections.push({ heading: t('notifications.facilitator.by_type'), lines: w.byKind.map((b) => t('notifications.facilitator.line', { label: t(`analytics.kinds.${b.kind}`), count: b.count })) });
  for (const x of extras) sections.push({ heading: t(x.headingKey), lines: x.lines.map((l) => t(l.key, l.params ?? {})) });
  const footer = emailFooter(config, r, community, FACILITATOR_DIGEST);
  footer.unsubscribe.label = t('notifications.email.unsubscribe_facilitator');
  return {
    lang,
    subject: t('notifications.facilitator.subject', { community }),
    greeting: t('notifications.email.greeting', { name: displayName(r.user, lang) }),
    heading: t('notifications.facilitator.heading', { community }),
    intro: w.contributions === 0 ? t('notifications.facilitator.quiet') : undefined,
    items: [],
    sections,
    action: { label: t('notifications.facilitator.open'), href: emailLink(config, `/c/${r.communityId}`, r.membershipId) },
    footer,
  };
}
