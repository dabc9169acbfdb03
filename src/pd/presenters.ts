/**
 * Plain data for the PD pages: the member's own lines in this community, and for facilitators
 * the declarations to review, the whole ledger and each member's approved hours; the transcript's
 * and the institution report's addresses; what the public page confirms of an attestation.
 */
import { Membership, effectiveRole } from '../kernel/community';
import { User, displayName } from '../users/model';
import { translator, type Lang } from '../i18n';
import { formatNumber } from '../content/numbers';
import { cycleOf, hours, parseCycle, today } from './cycles';
import { longDate } from './export';
import { PdEntry } from './model';
import type { PdActor } from './ledger';
import type { verifyAttestation } from './attestation';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** The addresses of a community's PD page and of the forms it shows (the institution's pages for its administrators). */
export function pdLinks(communityId: number, url: Url) {
  const base = `/c/${communityId}/pd`;
  return {
    home: url(base), transcript: url(`${base}/transcript`), declare: url(`${base}/declarations`), manual: url(`${base}/manual`),
    report: url('/institution/report'), value: url('/institution/value'),
  };
}

/** The addresses of one ledger line's forms. */
function lineLinks(e: PdEntry, url: Url) {
  const base = `/c/${e.communityId}/pd/entries/${e.id}`;
  return { resubmit: url(`${base}/resubmit`), review: url(`${base}/review`), withdraw: url(`${base}/withdraw`) };
}

const LEDGER_LIMIT = 300;

function line(e: PdEntry, names: Map<number, string>, url: Url) {
  return {
    id: e.id, membershipId: e.membershipId, member: names.get(e.membershipId) ?? '', source: e.source, category: e.category, date: String(e.date),
    hours: hours(e.minutes), title: e.title, description: e.description, evidenceUrl: e.evidenceUrl, evidence: e.evidenceType && e.evidenceId ? `${e.evidenceType} #${e.evidenceId}` : null,
    status: e.status, reviewNote: e.reviewNote, withdrawnReason: e.withdrawnReason, links: lineLinks(e, url),
  };
}

/** Names of a community's members by membership id (erased members show as a dash). */
async function memberNames(communityId: number) {
  const members = await Membership.findAll({ where: { communityId }, include: [{ model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'erasedAt'] }] });
  return { members, names: new Map(members.map((m) => [m.id, m.user!.erasedAt ? '—' : displayName(m.user!)])) };
}

/** Everything the PD page of one community shows to this member (and, for facilitators, the rest). */
export async function pdPage(actor: PdActor, facilitator: boolean, url: Url) {
  const { communityId, membershipId } = actor;
  const { members, names } = await memberNames(communityId);
  const mine = await PdEntry.findAll({ where: { communityId, membershipId }, order: [['date', 'DESC'], ['id', 'DESC']] });
  const approvedMine = mine.filter((e) => e.status === 'approved').reduce((s, e) => s + e.minutes, 0);
  const base = { mine: mine.map((e) => line(e, names, url)), myHours: hours(approvedMine), links: pdLinks(communityId, url) };
  if (!facilitator) return { ...base, pending: [], ledger: [], totals: [], members: [] };
  const all = await PdEntry.findAll({ where: { communityId }, order: [['date', 'DESC'], ['id', 'DESC']], limit: LEDGER_LIMIT });
  const approved = (await PdEntry.findAll({ where: { communityId, status: 'approved' }, attributes: ['membershipId', 'minutes'] })) as PdEntry[];
  const perMember = new Map<number, number>();
  for (const e of approved) perMember.set(e.membershipId, (perMember.get(e.membershipId) ?? 0) + e.minutes);
  return {
    ...base,
    pending: all.filter((e) => e.status === 'pending').map((e) => line(e, names, url)),
    ledger: all.map((e) => line(e, names, url)),
    totals: [...perMember.entries()].map(([id, minutes]) => ({ member: names.get(id) ?? '', hours: hours(minutes) })).sort((a, b) => a.member.localeCompare(b.member)),
    members: members
      .filter((m) => m.status === 'active' && m.id !== membershipId && effectiveRole(m) !== 'observer')
      .map((m) => ({ id: m.id, name: names.get(m.id)! }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The transcript page's addresses: back to the ledger, the cycle picker, the downloads of the cycle shown. */
export function transcriptLinks(communityId: number, cycleKey: string, url: Url) {
  const base = `/c/${communityId}/pd`;
  return {
    home: url(base), transcript: url(`${base}/transcript`),
    pdfFr: url(`${base}/transcript.pdf`, { cycle: cycleKey, lang: 'fr' }), pdfEn: url(`${base}/transcript.pdf`, { cycle: cycleKey, lang: 'en' }), csv: url(`${base}/transcript.csv`, { cycle: cycleKey }),
  };
}

/** The institution report's addresses: its filter form, the value reports, the CSV of what is shown. */
export function reportLinks(cycleKey: string, category: string | null, url: Url) {
  return { report: url('/institution/report'), value: url('/institution/value'), csv: url('/institution/report.csv', { cycle: cycleKey, category: category || undefined }) };
}

/** The cycles the report offers: the current one, the next, and the two before it, newest first. */
export function reportCycles(now = today()): string[] {
  const start = cycleOf(now).startYear;
  return [-4, -2, 0, 2].map((d) => `${start + d}-${start + d + 2}`).reverse();
}

/** What the public page confirms of an attestation, in the reader's language (null: unknown code). */
export function presentVerification(lang: Lang, found: Awaited<ReturnType<typeof verifyAttestation>>) {
  return found && { ...found, issuedOn: longDate(lang, found.issuedOn), hours: formatNumber(lang, found.totalMinutes / 60), period: cycleRange(lang, found.cycleKey) };
}

/** "Du 1er juillet 2025 au 30 juin 2027" for a cycle key (2025-2027). */
function cycleRange(lang: Lang, key: string): string {
  const c = parseCycle(key);
  return c ? translator(lang)('pd.cycle_range', { start: longDate(lang, c.start), end: longDate(lang, c.end) }) : key;
}
