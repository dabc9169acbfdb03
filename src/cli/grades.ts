import { parseArgs } from 'node:util';
import { Op } from 'sequelize';
import cliProgress from 'cli-progress';
import type { Runtime } from '../bootstrap';
import { Cohort, Community } from '../kernel/community';
import { runScoreOutbox, scorePolicy, type SendStats } from '../gradebook/sender';
import { workerId } from '../lms/lease';
import { ScoreOutbox } from '../gradebook/model';
import { rulesOf } from '../participation/rules';
import { pushScores } from '../participation/service';
import { UsageError } from './usage';
import { retryTransaction } from '../db/retry';

const USAGE = 'usage: grades push [--community ID] [--wait SECONDS]';

/**
 * `grades push [--community ID]` (DESIGN.md "Fixed contracts"): queue every graded member's
 * scores (participation, and PD hours where the column is on) and send them now with the same
 * sender as the worker, showing progress. Retries the LMS asks for are waited out for up to
 * `--wait` seconds (default 60). Exit 0 when every score is in the LMS; 1 when some failed or
 * are still waiting (the worker will keep retrying those).
 */
export async function gradesCommand(rt: Runtime, args: string[], out: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'push') throw new UsageError(USAGE);
  const { values } = parseArgs({ args: rest, options: { community: { type: 'string' }, wait: { type: 'string' } }, strict: true });
  const communityId = values.community === undefined ? undefined : Number(values.community);
  if (communityId !== undefined && (!Number.isSafeInteger(communityId) || communityId <= 0)) throw new UsageError('grades push: --community takes a community id (a number)');
  const waitS = values.wait === undefined ? 60 : Number(values.wait);
  if (!Number.isFinite(waitS) || waitS < 0) throw new UsageError('grades push: --wait takes a number of seconds');
  const ids = communityId ? [communityId] : (await Cohort.findAll({ attributes: ['communityId'], group: ['communityId'], raw: true })).map((c) => c.communityId);
  const communities = await Community.findAll({ where: { id: ids }, order: [['id', 'ASC']] });
  if (communityId && !communities.length) throw new UsageError(`grades push: no community ${communityId}`);
  // A person is waiting at the terminal: retry sooner than the background worker (which waits 15 s, 30 s…).
  scorePolicy.baseDelayMs = Math.min(scorePolicy.baseDelayMs, 1000);
  let problems = 0;
  for (const community of communities) problems += await pushOne(rt, community, waitS, out);
  if (!communities.length) out('No community is linked to a course; nothing to send.');
  return problems ? 1 : 0;
}

async function pushOne(rt: Runtime, community: Community, waitS: number, out: (s: string) => void): Promise<number> {
  const queued = await retryTransaction(rt.sequelize, (t) => pushScores(null, community, rulesOf(community.settings), undefined, t));
  const bar = new cliProgress.SingleBar({ format: `${community.title.slice(0, 30)} |{bar}| {value}/{total} member score(s)`, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  const total: SendStats = { sent: 0, superseded: 0, unchanged: 0, failed: 0, retrying: 0, errors: 0 };
  bar.start(Math.max(queued, 1), 0);
  const owner = workerId('cli');
  const until = Date.now() + waitS * 1000;
  for (;;) {
    const s = await runScoreOutbox({ owner, communityId: community.id, maxMs: 30_000, onProgress: (p) => bar.update(Math.min(queued, total.sent + total.unchanged + total.superseded + total.failed + p.sent + p.unchanged + p.superseded + p.failed)) });
    for (const k of Object.keys(total) as Array<keyof SendStats>) total[k] += s[k];
    const next = await ScoreOutbox.min('nextAttemptAt', { where: { communityId: community.id, status: 'pending', nextAttemptAt: { [Op.ne]: null } } });
    const pending = await ScoreOutbox.count({ where: { communityId: community.id, status: 'pending' } });
    if (!pending || s.errors) break;
    const wait = next ? new Date(next as Date).getTime() - Date.now() : 0;
    if (Date.now() + wait > until) break;
    await new Promise((r) => setTimeout(r, Math.max(wait, 50)));
  }
  bar.stop();
  const failed = await stillFailed(community.id);
  const pending = await ScoreOutbox.count({ where: { communityId: community.id, status: 'pending' } });
  out(`${failed.length || pending ? 'INCOMPLETE' : 'pushed  '} ${community.title} (community ${community.id}): ${queued} queued — ${total.sent} sent, ${total.unchanged} unchanged, ${total.superseded} already in the LMS, ${failed.length} failed, ${pending} still pending`);
  for (const f of failed) out(`  failed  membership ${f.membershipId}: ${f.lastError}${f.lastErrorDetail && f.lastErrorDetail !== f.lastError ? ` — ${f.lastErrorDetail}` : ''}`);
  if (pending) out('  the worker keeps retrying the pending ones (npm start, or npm run worker)');
  return failed.length + pending;
}

/** Failed rows not followed by a later change of the same member's column (those are what a person must fix). */
async function stillFailed(communityId: number): Promise<ScoreOutbox[]> {
  const failed = await ScoreOutbox.findAll({ where: { communityId, status: 'failed' }, order: [['id', 'ASC']] });
  const out: ScoreOutbox[] = [];
  for (const f of failed) {
    if (!(await ScoreOutbox.count({ where: { syncId: f.syncId, timestamp: { [Op.gt]: f.timestamp } } }))) out.push(f);
  }
  return out;
}
