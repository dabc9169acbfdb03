/**
 * Plain data for the PD pages: the member's own lines in this community, and for facilitators
 * the declarations to review, the whole ledger and each member's approved hours.
 */
import { Membership, effectiveRole } from '../kernel/community';
import { User, displayName } from '../users/model';
import { hours } from './cycles';
import { PdEntry } from './model';

const LEDGER_LIMIT = 300;

function line(e: PdEntry, names: Map<number, string>) {
  return {
    id: e.id, membershipId: e.membershipId, member: names.get(e.membershipId) ?? '', source: e.source, category: e.category, date: String(e.date),
    hours: hours(e.minutes), title: e.title, description: e.description, evidenceUrl: e.evidenceUrl, evidence: e.evidenceType && e.evidenceId ? `${e.evidenceType} #${e.evidenceId}` : null,
    status: e.status, reviewNote: e.reviewNote, withdrawnReason: e.withdrawnReason,
  };
}

/** Names of a community's members by membership id (erased members show as a dash). */
async function memberNames(communityId: number) {
  const members = await Membership.findAll({ where: { communityId }, include: [{ model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'erasedAt'] }] });
  return { members, names: new Map(members.map((m) => [m.id, m.user!.erasedAt ? '—' : displayName(m.user!)])) };
}

/** Everything the PD page of one community shows to this member (and, for facilitators, the rest). */
export async function pdPage(communityId: number, membershipId: number, facilitator: boolean) {
  const { members, names } = await memberNames(communityId);
  const mine = await PdEntry.findAll({ where: { communityId, membershipId }, order: [['date', 'DESC'], ['id', 'DESC']] });
  const approvedMine = mine.filter((e) => e.status === 'approved').reduce((s, e) => s + e.minutes, 0);
  const base = { mine: mine.map((e) => line(e, names)), myHours: hours(approvedMine) };
  if (!facilitator) return { ...base, pending: [], ledger: [], totals: [], members: [] };
  const all = await PdEntry.findAll({ where: { communityId }, order: [['date', 'DESC'], ['id', 'DESC']], limit: LEDGER_LIMIT });
  const approved = (await PdEntry.findAll({ where: { communityId, status: 'approved' }, attributes: ['membershipId', 'minutes'] })) as PdEntry[];
  const perMember = new Map<number, number>();
  for (const e of approved) perMember.set(e.membershipId, (perMember.get(e.membershipId) ?? 0) + e.minutes);
  return {
    ...base,
    pending: all.filter((e) => e.status === 'pending').map((e) => line(e, names)),
    ledger: all.map((e) => line(e, names)),
    totals: [...perMember.entries()].map(([id, minutes]) => ({ member: names.get(id) ?? '', hours: hours(minutes) })).sort((a, b) => a.member.localeCompare(b.member)),
    members: members
      .filter((m) => m.status === 'active' && m.id !== membershipId && effectiveRole(m) !== 'observer')
      .map((m) => ({ id: m.id, name: names.get(m.id)! }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
