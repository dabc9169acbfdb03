/**
 * The analytics block of the facilitators' weekly digest: the community's stage read on the last
 * 4 weeks, its evidence and the suggested moves — the same reading the dashboard shows by default.
 */
import { Community } from '../communities/model';
import type { DigestExtra } from '../notifications/facilitator-digest';
import { loadHistory } from './load';
import { computeSignals } from './signals';
import { readStage } from './stage';
import { resolvePeriod, stageWindow } from './period';

/** Catalog keys and parameters (each facilitator reads them in their language). */
export async function stageDigestExtras(communityId: number, now = new Date()): Promise<DigestExtra[]> {
  const community = await Community.findByPk(communityId, { attributes: ['id', 'createdAt'] });
  if (!community) return [];
  const w = stageWindow(resolvePeriod({ period: '4w' }, community.createdAt, now));
  const reading = readStage(computeSignals(await loadHistory(community, w.since, w.until), w));
  return [
    { headingKey: 'analytics.digest.heading', lines: [{ key: 'analytics.digest.stage', params: { stage: reading.stage } }, ...reading.evidence] },
    { headingKey: 'analytics.digest.moves_heading', lines: reading.moves },
  ];
}
