/**
 * The last seeder: every activity row the others queued, written oldest first so ids follow time
 * as they do in a live community (the append-only log that analytics and PD hours read).
 */
import { Activity } from '../activity/model';
import { insertRows, type SeedContext } from './context';
import { singleTransaction } from '../db/retry';
import { rebuildDaily } from '../analytics/daily';

const PER_TRANSACTION = 20_000;

export async function seedActivities(ctx: SeedContext): Promise<void> {
  const rows = ctx.activities
    .map((a, order) => ({ a, order }))
    // Ties keep the order they were queued in (a thread's creation before its first reply).
    .sort((x, y) => x.a.createdAt.getTime() - y.a.createdAt.getTime() || x.order - y.order)
    .map(({ a }) => ({
      communityId: ctx.community.id,
      userId: a.userId,
      membershipId: a.membershipId,
      verb: a.verb,
      subjectType: a.subject?.type ?? null,
      subjectId: a.subject?.id ?? null,
      data: a.data ? JSON.stringify(a.data) : null,
      createdAt: a.createdAt,
    }));
  for (let i = 0; i < rows.length; i += PER_TRANSACTION) {
    await singleTransaction(ctx.sequelize, (t) => insertRows(ctx, Activity, rows.slice(i, i + PER_TRANSACTION), t));
    ctx.log(`  activity: ${Math.min(i + PER_TRANSACTION, rows.length)}/${rows.length} rows`);
  }
  ctx.activities = [];
  // Bulk rows skip the activity listeners: the dashboard's daily roll-ups are built from the log.
  await singleTransaction(ctx.sequelize, (t) => rebuildDaily(ctx.sequelize, ctx.community.id, t));
}
