/**
 * Plain data for the participation views (templates never receive model instances): a member's
 * points and how they were earned, the facilitator's table, and each cohort's gradebook sync.
 */
import { Op } from 'sequelize';
import { Cohort, Membership, effectiveRole, type Community } from '../kernel/community';
import { SCOPES } from '../lti/scopes';
import { User, displayName } from '../users/model';
import { GradeLineItem, ScoreOutbox, ScoreSync } from '../gradebook/model';
import { communityScores } from './points';
import { isGradable } from '../gradebook/outbox';
import { KINDS, type Rules } from './rules';
import type { ScoreSummary } from './scoring';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

const base = (communityId: number) => `/c/${communityId}/participation`;

/** The addresses the participation pages link or post to (views never assemble one). */
export function participationLinks(communityId: number, url: Url) {
  return { index: url(base(communityId)), settings: url(`${base(communityId)}/settings`), sync: url(`${base(communityId)}/sync`), push: url(`${base(communityId)}/sync/push`) };
}

/** A member's page: back to the list, and where the facilitator's adjustment is posted. */
export function memberLinks(communityId: number, membershipId: number, url: Url) {
  return { index: url(base(communityId)), adjust: url(`${base(communityId)}/members/${membershipId}/adjustments`) };
}

/** A score summary as the member page shows it. */
export function presentSummary(s: ScoreSummary, rules: Rules) {
  return {
    earned: s.earned,
    maximum: s.maximum,
    percent: Math.round(s.ratio * 100),
    left: s.left,
    weekly: rules.period === 'weekly',
    current: s.current ? { key: s.current.key, week: s.current.week, earned: s.current.earned, target: s.current.target, left: Math.max(0, Math.round((s.current.target - s.current.earned) * 100) / 100) } : null,
    periods: s.periods.map((p) => ({ key: p.key, week: p.week, start: iso(p.start), raw: p.raw, earned: p.earned, adjustments: p.adjustments, overCap: p.overCap, target: p.target })),
    kinds: KINDS.map((k) => ({ kind: k, count: s.byKind[k].count, points: s.byKind[k].points, each: rules.points[k] })),
    items: [...s.items].reverse().slice(0, 200).map((i) => ({ kind: i.kind, at: i.at.toISOString(), points: i.points, counted: i.counted, reason: i.reason ?? null })),
    adjustments: s.adjustments.map((a) => ({ points: a.points, reason: a.reason, at: a.createdAt.toISOString() })),
  };
}

/** Active members (facilitators aside) with their scores: the facilitator's table and the settings preview. */
export async function memberTable(community: Community, rules?: Rules) {
  const members = await Membership.findAll({
    where: { communityId: community.id, status: 'active' },
    include: [{ model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'erasedAt'] }],
    order: [['id', 'ASC']],
  });
  const listed = members.filter((m) => effectiveRole(m) !== 'facilitator');
  const scores = await communityScores(community, listed.map((m) => m.id), new Date(), rules);
  return listed
    .map((m) => {
      const s = scores.get(m.id)!;
      return { id: m.id, name: m.user!.erasedAt ? '—' : displayName(m.user!), graded: isGradable(m), earned: s.earned, maximum: s.maximum, percent: Math.round(s.ratio * 100), left: s.left };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The facilitator's table, each member linked to their page. */
export async function linkedMemberTable(community: Community, url: Url) {
  return (await memberTable(community)).map((m) => ({ ...m, href: url(`${base(community.id)}/members/${m.id}`) }));
}

/** Each cohort's gradebook column and every graded member's current score, last sent value and status. */
export async function syncOverview(community: Community, url: Url) {
  const cohorts = await Cohort.findAll({ where: { communityId: community.id }, order: [['id', 'ASC']] });
  const members = await Membership.findAll({
    where: { communityId: community.id, status: 'active', role: 'member' },
    include: [{ model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'erasedAt'] }],
  });
  const scores = await communityScores(community, members.map((m) => m.id));
  const syncs = await ScoreSync.findAll({ where: { communityId: community.id, kind: 'participation' } });
  const latest = await latestRows(community.id);
  const columns = await GradeLineItem.findAll({ where: { cohortId: cohorts.map((c) => c.id), kind: 'participation' } });
  return cohorts.map((c) => {
    const granted = c.agsScopes ?? [];
    const rows = members
      .filter((m) => m.cohortId === c.id)
      .map((m) => {
        const sync = syncs.find((s) => s.membershipId === m.id && s.cohortId === c.id);
        const row = sync ? latest.get(sync.id) : undefined;
        const s = scores.get(m.id)!;
        return {
          membershipId: m.id,
          name: m.user!.erasedAt ? '—' : displayName(m.user!),
          current: { given: s.scoreGiven, maximum: s.maximum },
          sent: sync?.sentAt ? { given: sync.sentScoreGiven, maximum: sync.sentScoreMaximum, at: iso(sync.sentAt) } : null,
          status: shownStatus(row),
          error: row && (row.status === 'failed' || row.status === 'pending') ? row.lastError : null,
          detail: row && (row.status === 'failed' || row.status === 'pending') ? row.lastErrorDetail : null,
          nextAttemptAt: row?.status === 'pending' ? iso(row.nextAttemptAt) : null,
          retry: row?.status === 'failed' ? url(`${base(community.id)}/sync/retry/${row.id}`) : null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const column = columns.find((col) => col.cohortId === c.id);
    return {
      id: c.id,
      course: c.contextTitle ?? c.contextLabel ?? `#${c.id}`,
      hasService: granted.includes(SCOPES.score) && Boolean((granted.includes(SCOPES.lineItem) && c.agsLineitemsUrl) || c.agsLineitemUrl),
      column: column ? { source: column.source } : null,
      counts: countBy(rows.map((r) => r.status)),
      rows,
    };
  });
}

/** The latest outbox row of each member's column (by timestamp), for one community. */
async function latestRows(communityId: number): Promise<Map<number, ScoreOutbox>> {
  const rows = await ScoreOutbox.findAll({ where: { communityId, kind: 'participation' }, order: [['timestamp', 'ASC']] });
  return new Map(rows.map((r) => [r.syncId, r]));
}

/**
 * What a facilitator reads: the LMS holds the score (sent; also "unchanged", and "superseded" on
 * the latest row, which means the LMS already held it), it is on its way (pending), or it failed.
 */
function shownStatus(row: ScoreOutbox | undefined): 'none' | 'sent' | 'pending' | 'failed' {
  if (!row) return 'none';
  if (row.status === 'pending' || row.status === 'failed') return row.status;
  return 'sent';
}

function countBy(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of list) out[k] = (out[k] ?? 0) + 1;
  return out;
}
