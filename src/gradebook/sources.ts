/**
 * Where a column's scores come from. The gradebook owns the sync (rows, outbox, columns,
 * sender) and knows no feature: participation and PD hours each give a score source, and the
 * composition root (`src/features.ts`) installs them.
 */
import type { Community } from '../kernel/community';
import type { Lang } from '../i18n';
import type { ScoreKind } from './model';
import { formatNumber } from '../content/numbers';

/** The values of one score publish (AGS §3.4.6). */
export interface ScoreValues {
  scoreGiven: number;
  scoreMaximum: number;
  comment: string;
  activityProgress: 'Initialized' | 'InProgress' | 'Completed';
  gradingProgress: 'FullyGraded';
}

export type ScoredCommunity = Pick<Community, 'id' | 'title' | 'settings' | 'createdAt'>;

export interface ScoreSource {
  /** What the column is out of in this community (its target), when the tool creates the column. */
  maximum(community: Pick<Community, 'settings'>): number;
  /** The column's label in the LMS gradebook. */
  label(community: Pick<Community, 'title'>): string;
  /** One member's current values, with a comment in their language that explains the score. */
  values(community: ScoredCommunity, membershipId: number, lang: Lang, now: Date): Promise<ScoreValues>;
}

const sources = new Map<ScoreKind, ScoreSource>();

/** Install the score sources (the composition root does it once at start, in every process). */
export function installScoreSources(list: Record<ScoreKind, ScoreSource>): void {
  for (const [kind, source] of Object.entries(list)) sources.set(kind as ScoreKind, source);
}

export function scoreSource(kind: ScoreKind): ScoreSource {
  const source = sources.get(kind);
  if (!source) throw new Error(`no score source installed for ${kind}`);
  return source;
}

// Moodle records scoreGiven only with gradingProgress FullyGraded; the score is final as of now.
export function progress(given: number, maximum: number): ScoreValues['activityProgress'] {
  if (given <= 0) return 'Initialized';
  return given >= maximum ? 'Completed' : 'InProgress';
}

/** The language of a comment: the member's locale. */
export function commentLang(locale: string | null | undefined): Lang {
  return locale && /^fr/i.test(locale) ? 'fr' : 'en';
}

/** A number in a comment, in the reader's language. */
export function formatScore(n: number, lang: Lang): string {
  return formatNumber(lang, n);
}

/** The current values of one member's column, from its source. */
export function scoreValues(kind: ScoreKind, community: ScoredCommunity, membershipId: number, lang: Lang, now = new Date()): Promise<ScoreValues> {
  return scoreSource(kind).values(community, membershipId, lang, now);
}
