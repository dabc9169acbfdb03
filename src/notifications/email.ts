import type { Transaction } from 'sequelize';
import type { Config } from '../config';
import { translator, type Lang } from '../i18n';
import { pickLanguage } from '../lti/claims';
import { displayName, type User } from '../users/model';
import { EmailOutbox, type EmailCategory } from './model';
import { renderHtml, renderText, type EmailContent } from './email-content';
import { emailLink, unsubscribeLink } from './links';
import { notificationText } from './messages';
import { inZone } from '../content/zone';
import { readerZone } from '../content/time';
import type { NotificationKind, UnsubscribeTarget } from './kinds';

/**
 * The words of what a notification is about (a post's opening lines), so its e-mail stands on its
 * own, or null. Notifications name no feature: the one whose links these are registers it from
 * src/features.ts, and it answers only what the recipient may read.
 */
export type LinkExcerpt = (link: string, communityId: number, recipientUserId: number, transaction: Transaction) => Promise<string | null>;
let linkExcerpt: LinkExcerpt = async () => null;

export function installLinkExcerpt(fn: LinkExcerpt): void {
  linkExcerpt = fn;
}

/** Who an e-mail goes to: an active membership whose user has an address and was not erased. */
export interface MailRecipient {
  membershipId: number;
  communityId: number;
  user: Pick<User, 'id' | 'email' | 'locale' | 'erasedAt' | 'name' | 'givenName' | 'familyName' | 'sub'>;
}

export function canEmail(r: MailRecipient): boolean {
  return Boolean(r.user.email) && !r.user.erasedAt;
}

/** The member's language for e-mail: users.locale from the latest launch or roster sync. */
export function recipientLang(r: MailRecipient): Lang {
  return pickLanguage(r.user.locale);
}

/** The footer every e-mail carries: why you get it, how to open the tool, preferences and one-click unsubscribe. */
export function emailFooter(config: Config, r: MailRecipient, community: string, target: UnsubscribeTarget): EmailContent['footer'] {
  const t = translator(recipientLang(r));
  return {
    reason: t('notifications.email.reason', { community }),
    openNote: t('notifications.email.open_note'),
    preferences: { label: t('notifications.email.preferences'), href: emailLink(config, `/c/${r.communityId}/notifications/preferences`, r.membershipId) },
    unsubscribe: { label: t(`notifications.email.unsubscribe`), href: unsubscribeLink(config, r.membershipId, target) },
  };
}

/** Write one e-mail to the outbox, inside the caller's transaction; the worker sends it. */
export async function queueEmail(
  config: Config,
  r: MailRecipient,
  category: EmailCategory,
  content: EmailContent,
  unsubscribe: string,
  transaction: Transaction,
): Promise<EmailOutbox> {
  const html = await renderHtml(content);
  return EmailOutbox.create(
    {
      communityId: r.communityId,
      membershipId: r.membershipId,
      category,
      toAddress: r.user.email!,
      subject: content.subject.replace(/[\r\n]+/g, ' ').slice(0, 255),
      textBody: renderText(content),
      htmlBody: html,
      // RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs to the link.
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
    },
    { transaction },
  );
}

/** Queue the immediate e-mail for one notification, in the recipient's language. */
export async function queueNotificationEmail(
  config: Config,
  r: MailRecipient,
  n: { kind: NotificationKind; params: Record<string, string | number>; link: string; community: string },
  transaction: Transaction,
): Promise<EmailOutbox> {
  const lang = recipientLang(r);
  const t = translator(lang);
  // A meeting's hour in the recipient's zone (their own, else their community's).
  const zone = await readerZone(r.user.id, r.communityId, transaction);
  const text = inZone(zone, () => notificationText(t, lang, n.kind, n.params));
  const href = emailLink(config, n.link, r.membershipId);
  const quoted = await linkExcerpt(n.link, r.communityId, r.user.id, transaction);
  const content: EmailContent = {
    lang,
    subject: `[${n.community}] ${text}`,
    greeting: t('notifications.email.greeting', { name: displayName(r.user, lang) }),
    heading: text,
    ...(quoted ? { intro: lang === 'fr' ? `«\u00a0${quoted}\u00a0»` : `“${quoted}”` } : {}),
    items: [],
    sections: [],
    action: { label: t('notifications.email.open'), href },
    footer: emailFooter(config, r, n.community, n.kind),
  };
  return queueEmail(config, r, 'notification', content, content.footer.unsubscribe.href, transaction);
}
