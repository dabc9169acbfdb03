import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { Op, type WhereOptions } from 'sequelize';
import type { Config } from '../config';
import { EmailOutbox } from './model';
import { log } from '../log';

/** After this many failed attempts a message is parked as 'failed' (about two days of retries). */
export const MAX_ATTEMPTS = 12;
/** A message claimed this long ago by a worker that never finished (crash) is claimed again. */
const STALE_CLAIM_MS = 10 * 60_000;

/** Wait before the next attempt: 1 min, 2, 4 … capped at 6 h, with ±10 % jitter so retries do not stampede. */
export function backoffMs(attempts: number): number {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

const transports = new Map<string, Transporter>();

/**
 * SMTP when SMTP_URL is set; otherwise nodemailer's stream transport, whose messages
 * deliverDueEmails writes to `${DATA_DIR}/outbox/` as .eml files (the demo's mailbox).
 */
export function mailTransport(config: Config): Transporter {
  const key = config.SMTP_URL ?? 'file';
  let tr = transports.get(key);
  if (!tr) {
    tr = config.SMTP_URL
      ? nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    transports.set(key, tr);
  }
  return tr;
}

/** Where e-mails go when no SMTP server is configured. */
export function outboxDir(config: Config): string {
  return path.resolve(config.DATA_DIR, 'outbox');
}

function due(now: Date): WhereOptions {
  return {
    [Op.or]: [
      { status: 'pending', nextAttemptAt: { [Op.lte]: now } },
      { status: 'sending', claimedAt: { [Op.lt]: new Date(now.getTime() - STALE_CLAIM_MS) } },
    ],
  };
}

/**
 * Claim due messages for this worker: pick candidates, then one UPDATE that re-checks the
 * condition (InnoDB re-evaluates it under the row lock), so two workers never claim the same row.
 */
export async function claimDueEmails(now: Date, limit = 20): Promise<EmailOutbox[]> {
  const candidates = await EmailOutbox.findAll({ attributes: ['id'], where: due(now), order: [['nextAttemptAt', 'ASC'], ['id', 'ASC']], limit });
  if (candidates.length === 0) return [];
  const claimToken = crypto.randomUUID();
  await EmailOutbox.update(
    { status: 'sending', claimToken, claimedAt: now },
    { where: { [Op.and]: [{ id: { [Op.in]: candidates.map((c) => c.id) } }, due(now)] } },
  );
  return EmailOutbox.findAll({ where: { claimToken }, order: [['id', 'ASC']] });
}

/** Send one claimed message; write it to the outbox folder when there is no SMTP server. */
async function sendOne(config: Config, row: EmailOutbox): Promise<void> {
  const host = new URL(config.PUBLIC_URL).hostname || 'localhost';
  const info = await mailTransport(config).sendMail({
    from: config.MAIL_FROM,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    headers: row.headers,
    // The same Message-ID on every attempt, so a receiver can drop a duplicate after a lost reply.
    messageId: `<coper-${row.id}@${host}>`,
  });
  if (!config.SMTP_URL) {
    const dir = outboxDir(config);
    await fs.mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await fs.writeFile(path.join(dir, `${stamp}-${row.id}.eml`), (info as unknown as { message: Buffer }).message);
  }
}

/** A permanent refusal (SMTP 5xx, e.g. unknown mailbox) is not retried. */
function permanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The server itself is unreachable (not this message's fault): nodemailer's connection-level error codes. */
function serverDown(err: unknown): boolean {
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ECONNREFUSED'].includes(String((err as { code?: string }).code));
}

/**
 * The worker's e-mail step: send what is due; on failure keep the row pending with one more
 * attempt and a later next attempt (never lost), until MAX_ATTEMPTS or a permanent refusal.
 * When the server is down, the rest of the batch is put back untried, for the same later time.
 */
export async function deliverDueEmails(config: Config, opts: { now?: Date; limit?: number } = {}): Promise<{ sent: number; retried: number; failed: number }> {
  const now = opts.now ?? new Date();
  const result = { sent: 0, retried: 0, failed: 0 };
  const rows = await claimDueEmails(now, opts.limit);
  for (const [i, row] of rows.entries()) {
    try {
      await sendOne(config, row);
      await row.update({ status: 'sent', sentAt: new Date(), claimToken: null, lastError: null, attempts: row.attempts + 1 });
      result.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS || permanent(err);
      const lastError = String((err as Error).message ?? err).slice(0, 1000);
      const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts));
      await row.update({ status: giveUp ? 'failed' : 'pending', attempts, nextAttemptAt, claimToken: null, lastError });
      log.warn('email_failed', { id: row.id, attempts, giveUp, error: lastError });
      result[giveUp ? 'failed' : 'retried']++;
      if (serverDown(err)) {
        const rest = rows.slice(i + 1).map((r) => r.id);
        if (rest.length) await EmailOutbox.update({ status: 'pending', claimToken: null, nextAttemptAt }, { where: { id: { [Op.in]: rest } } });
        result.retried += rest.length;
        break;
      }
    }
  }
  return result;
}

/** Sent messages are kept 30 days (to answer "did I get it?"), then removed. */
export async function purgeSentEmails(now = new Date()): Promise<number> {
  return EmailOutbox.destroy({ where: { status: 'sent', nextAttemptAt: { [Op.lt]: new Date(now.getTime() - 30 * 86_400_000) } } });
}
