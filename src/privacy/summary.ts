import type { Source } from './graph';

/** The order "My data" lists sources in. */
export const SOURCES: Source[] = ['lms', 'profile', 'writing', 'activity', 'scores', 'pd', 'notifications', 'mentoring', 'votes', 'meetings', 'sessions', 'privacy'];

export interface SourceSummary {
  source: Source;
  rows: number;
  tables: Array<{ table: string; rows: number }>;
}

/** What CoPeR holds about the person, grouped by where it came from (sources with nothing left out). */
export function summarize(counts: Array<{ table: string; source: Source; rows: number }>): SourceSummary[] {
  return SOURCES.map((source) => {
    const tables = counts.filter((t) => t.source === source).map((t) => ({ table: t.table, rows: t.rows }));
    return { source, rows: tables.reduce((n, t) => n + t.rows, 0), tables };
  }).filter((s) => s.rows > 0);
}
