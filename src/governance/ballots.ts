import crypto from 'node:crypto';

/**
 * Anonymous ballots. The database must not tell who chose what, yet a member may change an
 * anonymous vote until the deadline, and may vote only once. Design:
 *  - `proposal_voters` (proposal, membership): who took part; its primary key enforces one vote each;
 *  - `proposal_ballots` (id, proposal, choice, reason): what was chosen, with no membership column
 *    and no timestamp (timestamps would let a reader line ballots up with voters or activities);
 *  - ballot id = HMAC-SHA256(LTI_KEY, "ballot:<proposal>:<membership>"). The running server can
 *    recompute it to find and replace the member's ballot; the database alone (a facilitator with
 *    a SQL console, a leaked backup) cannot invert it without the server secret. Rows are stored
 *    in id order (InnoDB clustered key; SQLite WITHOUT ROWID), so insertion order leaks nothing.
 * Limits, said plainly: whoever holds both the database and LTI_KEY can recompute every link,
 * and a free-text reason may identify its author (the form warns).
 */
export function ballotId(secret: string, proposalId: number, membershipId: number): string {
  return crypto.createHmac('sha256', secret).update(`ballot:${proposalId}:${membershipId}`).digest('hex');
}
