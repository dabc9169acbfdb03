/**
 * The institution report: approved PD hours by member, by community and by category for one
 * cycle, limited to the cohorts of the administrator's own platform AND deployment (a deployment
 * stands for an institution: DESIGN.md). Nothing from another platform or deployment is read.
 */
import { Op } from 'sequelize';
import { stringify } from 'csv-stringify/sync';
import { Cohort, Community } from '../kernel/community';
import { User, displayName } from '../users/model';
import { translator, type Lang } from '../i18n';
import { PD_CATEGORIES, type PdCategory } from './categories';
import { hours, type Cycle } from './cycles';
import { PdEntry } from './model';

/** Whose report: the session's platform and the deployment row of its launch. */
export interface Institution {
  platformId: number;
  deploymentRowId: number;
}

type Totals = Record<PdCategory, number> & { total: number };
const empty = (): Totals => Object.assign(Object.fromEntries(PD_CATEGORIES.map((c) => [c, 0])) as Record<PdCategory, number>, { total: 0 });

/** The report's data for a cycle (and optionally one category). */
export async function institutionReport(inst: Institution, cycle: Cycle, category?: PdCategory) {
  const cohorts = await Cohort.findAll({ where: { platformId: inst.platformId, deploymentId: inst.deploymentRowId }, attributes: ['id', 'communityId'] });
  const entries = cohorts.length
    ? await PdEntry.findAll({
        where: { cohortId: cohorts.map((c) => c.id), status: 'approved', date: { [Op.between]: [cycle.start, cycle.end] }, ...(category ? { category } : {}) },
        order: [['date', 'ASC']],
      })
    : [];
  const [users, communities] = await Promise.all([
    User.findAll({ where: { id: [...new Set(entries.map((e) => e.userId))], platformId: inst.platformId } }),
    Community.findAll({ where: { id: [...new Set(entries.map((e) => e.communityId))] }, attributes: ['id', 'title'] }),
  ]);
  const userOf = new Map(users.map((u) => [u.id, u]));
  const titleOf = new Map(communities.map((c) => [c.id, c.title]));
  const byMember = new Map<number, Totals & { name: string; email: string | null }>();
  const byCommunity = new Map<number, Totals & { title: string; members: Set<number> }>();
  const byCategory = empty();
  for (const e of entries) {
    const u = userOf.get(e.userId);
    if (!u) continue;
    const m = byMember.get(u.id) ?? Object.assign(empty(), { name: u.erasedAt ? '—' : displayName(u), email: u.erasedAt ? null : u.email });
    const c = byCommunity.get(e.communityId) ?? Object.assign(empty(), { title: titleOf.get(e.communityId) ?? `#${e.communityId}`, members: new Set<number>() });
    for (const t of [m, c, byCategory]) {
      t[e.category as PdCategory] = (t[e.category as PdCategory] ?? 0) + e.minutes;
      t.total += e.minutes;
    }
    c.members.add(u.id);
    byMember.set(u.id, m);
    byCommunity.set(e.communityId, c);
  }
  const h = (t: Totals) => ({ ...Object.fromEntries(PD_CATEGORIES.map((k) => [k, hours(t[k])])), total: hours(t.total) }) as Record<PdCategory | 'total', number>;
  return {
    cycle,
    category: category ?? null,
    members: [...byMember.values()].map((m) => ({ name: m.name, email: m.email, hours: h(m) })).sort((a, b) => a.name.localeCompare(b.name)),
    communities: [...byCommunity.values()].map((c) => ({ title: c.title, members: c.members.size, hours: h(c) })).sort((a, b) => a.title.localeCompare(b.title)),
    categories: h(byCategory),
    lines: entries.filter((e) => userOf.has(e.userId)).map((e) => ({ member: byMember.get(e.userId)!.name, email: byMember.get(e.userId)!.email, community: titleOf.get(e.communityId) ?? '', category: e.category, date: String(e.date), title: e.title, hours: hours(e.minutes), source: e.source })),
  };
}

/** The report as CSV: one row per approved line, ready for a spreadsheet's pivot table. */
export function reportCsv(report: Awaited<ReturnType<typeof institutionReport>>, lang: Lang): string {
  const t = translator(lang);
  const rows = report.lines.map((l) => [report.cycle.key, l.member, l.email ?? '', l.community, l.category, t(`pd.category.${l.category}`), l.date, l.title, l.hours.toFixed(2), l.source]);
  return stringify([t('pd.csv.report_header', { returnObjects: true }) as string[], ...rows]);
}
