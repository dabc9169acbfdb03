/**
 * The analytics block of the facilitators' weekly digest: the community's stage read on the last
 * 4 weeks, its evidence and the suggested moves — the same reading the dashboard shows by default.
 */
import { Community } from '../kernel/community';
import { loadHistory } from './load';
import { computeSignals } from './signals';
import { readStage, type StageReading } from './stage';
import { resolvePeriod, stageWindow } from './period';

/** A block the analytics module adds to the facilitators' digest, as catalog keys so each reader gets their language. */
export interface DigestExtra {
  headingKey: string;
  lines: Array<{ key: string; params?: Record<string, string | number> }>;
}

/** The community's stage read on the last 4 weeks (what the dashboard shows by default); null for an unknown community. */
export async function currentStage(communityId: number, now = new Date()): Promise<StageReading | null> {
  const community = await Community.findByPk(communityId, { attributes: ['id', 'createdAt', 'timeZone'] });
  if (!community) return null;
  const w = stageWindow(resolvePeriod({ period: '4w' }, community.createdAt, now));
  return readStage(computeSignals(await loadHistory(community, w.since, w.until, { windows: [w] }), w));
}

/** Catalog keys and parameters (each facilitator reads them in their language). */
export async function stageDigestExtras(communityId: number, now = new Date()): Promise<DigestExtra[]> {
  const reading = await currentStage(communityId, now);
  if (!reading) return [];
  return [
    { headingKey: 'analytics.digest.heading', lines: [{ key: 'analytics.digest.stage', params: { stage: reading.stage } }, ...reading.evidence] },
    { headingKey: 'analytics.digest.moves_heading', lines: reading.moves },
  ];
}
