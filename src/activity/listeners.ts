/**
 * Listeners called by `recordActivity` right after an activity row is inserted, inside the same
 * transaction: work that follows from an activity (a participation score to resend, a PD-hours
 * ledger line) is then written atomically with its cause (STYLE.md: "work queued for later is
 * written in the same transaction as the data that caused it"). A listener that throws rolls the
 * cause back, so listeners stay small and only write rows.
 */
import type { Transaction } from 'sequelize';

/** The inserted activity row as listeners see it (the model, `./model.ts`, has these fields). */
export interface ActivityRow {
  id: number;
  communityId: number;
  userId: number | null;
  membershipId: number | null;
  verb: string;
  subjectType: string | null;
  subjectId: number | null;
  data: string | null;
  createdAt: Date;
}

/** Called with the inserted row and the caller's transaction. */
export type ActivityListener = (activity: ActivityRow, transaction: Transaction) => Promise<void>;

const listeners = new Map<string, ActivityListener>();

/** Register a listener under a name (registering the same name again replaces it: idempotent init). */
export function onActivity(name: string, listener: ActivityListener): void {
  listeners.set(name, listener);
}

/** Remove a listener (tests). */
export function offActivity(name: string): void {
  listeners.delete(name);
}

/** Call every listener, in registration order, inside the transaction. */
export async function notifyActivity(activity: ActivityRow, transaction: Transaction): Promise<void> {
  for (const listener of listeners.values()) await listener(activity, transaction);
}

/** True when at least one listener is registered (recordActivity then needs a transaction). */
export function hasActivityListeners(): boolean {
  return listeners.size > 0;
}

/**
 * Rows inserted in bulk (`Activity.bulkCreate`: seeds and imports, never a member's action) skip
 * the listeners above, which notify people and queue scores. What must still follow every row
 * (the analytics roll-ups) registers here too; called with the caller's transaction, if any.
 */
export type ActivityRowsListener = (rows: ActivityRow[], transaction?: Transaction) => Promise<void>;

const rowsListeners = new Map<string, ActivityRowsListener>();

/** Register a listener of bulk inserts under a name (idempotent). */
export function onActivityRows(name: string, listener: ActivityRowsListener): void {
  rowsListeners.set(name, listener);
}

/** Call every bulk listener, in registration order. */
export async function notifyActivityRows(rows: ActivityRow[], transaction?: Transaction): Promise<void> {
  if (!rows.length) return;
  for (const listener of rowsListeners.values()) await listener(rows, transaction);
}
