import type { Transaction } from 'sequelize';
import { setUserTimeZone } from '../content/time';
import { isTimeZone } from '../kernel/time-zones';
import { COMMUNITY_ZONE } from '../content/zone';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

/** The member's own time zone, or back to the community's (README, "Time zones"). */
export async function chooseTimeZone(actor: Actor, timeZone: string, transaction: Transaction): Promise<void> {
  if (timeZone !== COMMUNITY_ZONE && !isTimeZone(timeZone)) throw new DomainError('invalid', 'meetings.errors.time_zone');
  await setUserTimeZone(actor.userId, timeZone === COMMUNITY_ZONE ? null : timeZone, transaction);
}
