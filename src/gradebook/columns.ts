/**
 * A cohort's gradebook column for each kind of score. When the platform granted the `lineitem`
 * scope, the tool owns its column: it looks for one with its resourceId
 * (`coper-participation-<communityId>`, GET ?resource_id=…) and creates it only when none exists.
 * Without that scope (Moodle's "grade sync only" mode) it uses the line item the launch gave
 * (`ags_lineitem_url`); the PD-hours column then cannot exist. Resolved once, remembered in
 * grade_line_items; two workers creating at once keep one (unique key) and delete the other.
 */
import { UniqueConstraintError } from 'sequelize';
import { SCOPES } from '../lti/scopes';
import type { Cohort, Community } from '../kernel/community';
import type { Platform } from '../kernel/platform';
import { LmsError } from '../lms/errors';
import { createLineItem, deleteLineItem, findLineItem } from '../lms/ags';
import { GradeLineItem, type ScoreKind } from './model';
import { scoreSource } from './sources';

/** The resourceId and tag the tool gives its columns (AGS §3.2.1: resourceId is the tool's own id). */
export function columnIdentity(kind: ScoreKind, communityId: number): { resourceId: string; tag: string } {
  return kind === 'participation'
    ? { resourceId: `coper-participation-${communityId}`, tag: 'participation' }
    : { resourceId: `coper-pd-hours-${communityId}`, tag: 'pd_hours' };
}

type LoadedCohort = Cohort & { platform: Platform };

const inflight = new Map<string, Promise<GradeLineItem>>();

/** The URL of the cohort's column for this kind, finding or creating it when needed (one lookup at a time per column in a process). */
export function resolveColumn(cohort: LoadedCohort, community: Pick<Community, 'id' | 'title' | 'settings'>, kind: ScoreKind): Promise<GradeLineItem> {
  const key = `${cohort.id}:${kind}`;
  let p = inflight.get(key);
  if (!p) {
    p = resolve(cohort, community, kind).finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p;
}

async function resolve(cohort: LoadedCohort, community: Pick<Community, 'id' | 'title' | 'settings'>, kind: ScoreKind): Promise<GradeLineItem> {
  const known = await GradeLineItem.findOne({ where: { cohortId: cohort.id, kind } });
  if (known) return known;
  const granted = cohort.agsScopes ?? [];
  if (granted.includes(SCOPES.lineItem) && cohort.agsLineitemsUrl) return ownColumn(cohort, community, kind);
  if (kind === 'participation' && cohort.agsLineitemUrl && granted.includes(SCOPES.score)) {
    return remember({ cohortId: cohort.id, kind, url: cohort.agsLineitemUrl, source: 'launch', scoreMaximum: null });
  }
  throw new LmsError('bad_request', kind === 'participation' ? 'no_line_item' : 'no_pd_line_item');
}

async function ownColumn(cohort: LoadedCohort, community: Pick<Community, 'id' | 'title' | 'settings'>, kind: ScoreKind): Promise<GradeLineItem> {
  const { resourceId, tag } = columnIdentity(kind, community.id);
  const found = await findLineItem(cohort.platform, cohort.agsLineitemsUrl!, resourceId);
  if (found) return remember({ cohortId: cohort.id, kind, url: found.id, source: 'found', scoreMaximum: found.scoreMaximum ?? null });
  // The column's maximum is what the scores are sent out of: the target (the gradebook then reads "25 / 30").
  const scoreMaximum = scoreSource(kind).maximum(community);
  const label = scoreSource(kind).label(community);
  const created = await createLineItem(cohort.platform, cohort.agsLineitemsUrl!, { label: label.slice(0, 250), scoreMaximum, resourceId, tag });
  const kept = await remember({ cohortId: cohort.id, kind, url: created.id, source: 'created', scoreMaximum });
  // Another worker created the column at the same moment: keep theirs, remove ours.
  if (kept.url !== created.id) await deleteLineItem(cohort.platform, created.id).catch(() => undefined);
  return kept;
}

/** Save the column; when another process saved one first (unique key), return theirs. */
async function remember(row: Pick<GradeLineItem, 'cohortId' | 'kind' | 'url' | 'source' | 'scoreMaximum'>): Promise<GradeLineItem> {
  try {
    return await GradeLineItem.create(row);
  } catch (e) {
    if (!(e instanceof UniqueConstraintError)) throw e;
    return (await GradeLineItem.findOne({ where: { cohortId: row.cohortId, kind: row.kind } }))!;
  }
}

/** Forget a column the LMS says is gone (404), so the next send finds or creates it again. */
export async function forgetColumn(cohortId: number, kind: ScoreKind): Promise<void> {
  await GradeLineItem.destroy({ where: { cohortId, kind } });
}
