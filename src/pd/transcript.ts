/**
 * A member's transcript: approved hours per category and per two-year cycle, across every
 * community they belong to on that platform (a user row is one person on one platform, so the
 * user id is the scope). Plain data, shared by the page, the PDF attestation and the CSV.
 */
import { Op } from 'sequelize';
import { Community } from '../kernel/community';
import { Platform } from '../kernel/platform';
import { User, displayName } from '../users/model';
import { PD_CATEGORIES, type PdCategory } from './categories';
import { CYCLE_HOURS, cycleOf, hours, today, type Cycle } from './cycles';
import { PdEntry } from './model';

/** One approved line of the transcript. */
export interface TranscriptLine {
  date: string;
  title: string;
  category: string;
  minutes: number;
  hours: number;
  community: string;
  source: string;
  evidence: string | null;
}

/** A transcript for one cycle. */
export interface Transcript {
  name: string;
  platform: string;
  cycle: Cycle;
  /** Every cycle with approved hours, newest first, plus the current one. */
  cycles: string[];
  lines: TranscriptLine[];
  byCategory: Array<{ category: PdCategory; minutes: number; hours: number }>;
  totalMinutes: number;
  totalHours: number;
  requiredHours: number;
  generatedOn: string;
}

/** The transcript of a user for a cycle (default: the current one). */
export async function transcriptOf(userId: number, cycle?: Cycle, now = new Date()): Promise<Transcript> {
  const user = (await User.findByPk(userId))!;
  const platform = await Platform.findByPk(user.platformId, { attributes: ['name'] });
  const current = cycleOf(today(now));
  const chosen = cycle ?? current;
  const all = await PdEntry.findAll({ where: { userId, status: 'approved' }, attributes: ['date'], raw: true }) as unknown as Array<{ date: string }>;
  const cycles = [...new Set([current.key, ...all.map((e) => cycleOf(String(e.date)).key)])].sort().reverse();
  const entries = await PdEntry.findAll({
    where: { userId, status: 'approved', date: { [Op.between]: [chosen.start, chosen.end] } },
    order: [['date', 'ASC'], ['id', 'ASC']],
  });
  const communities = await Community.findAll({ where: { id: [...new Set(entries.map((e) => e.communityId))] }, attributes: ['id', 'title'] });
  const titleOf = new Map(communities.map((c) => [c.id, c.title]));
  const lines = entries.map((e) => ({
    date: String(e.date), title: e.title, category: e.category, minutes: e.minutes, hours: hours(e.minutes),
    community: titleOf.get(e.communityId) ?? `#${e.communityId}`, source: e.source, evidence: e.evidenceUrl ?? (e.evidenceType && e.evidenceId ? `${e.evidenceType} #${e.evidenceId}` : null),
  }));
  const byCategory = PD_CATEGORIES.map((category) => {
    const minutes = lines.filter((l) => l.category === category).reduce((s, l) => s + l.minutes, 0);
    return { category, minutes, hours: hours(minutes) };
  });
  const totalMinutes = lines.reduce((s, l) => s + l.minutes, 0);
  return {
    name: user.erasedAt ? '—' : displayName(user), platform: platform?.name ?? '', cycle: chosen, cycles, lines, byCategory,
    totalMinutes, totalHours: hours(totalMinutes), requiredHours: CYCLE_HOURS, generatedOn: today(now),
  };
}
