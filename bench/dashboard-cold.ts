/**
 * The facilitator dashboard's figures, cold, on a database the bench seeded (issue 20): for each
 * period, the time of `dashboardFor` (every cache empty), of its points and PD hours alone
 * (`memberExtras`, participation's scores), the SQL statements and the process's resident memory.
 * The API it calls is the same before and after the daily roll-ups, so one copy of the script
 * measures both versions on the same data:
 *
 *   npx tsx bench/dashboard-cold.ts sqlite:/tmp/coper-bench-large.sqlite
 */
import { createSequelize } from '../src/db';
import { initModels } from '../src/features';
import { Community } from '../src/kernel/community';
import { resolvePeriod } from '../src/analytics/period';
import { dashboardFor } from '../src/analytics/service';
import { memberExtras } from '../src/analytics/extras';

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: dashboard-cold.ts <database url>');
  const sequelize = createSequelize(url);
  initModels(sequelize);
  const community = (await Community.findOne({ order: [['id', 'DESC']] }))!;
  let statements = 0;
  sequelize.addHook('afterQuery', () => void statements++);
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const mb = (n: number) => (n / 1e6).toFixed(0);
  for (const key of ['4w', '12w', 'all'] as const) {
    const period = resolvePeriod({ period: key }, community.createdAt, new Date());
    const base = process.memoryUsage().rss;
    peak = base;
    statements = 0;
    let t = performance.now();
    const { figures } = await dashboardFor(community, period, null);
    const total = performance.now() - t;
    const all = statements;
    t = performance.now();
    await memberExtras(community, figures.members.map((m) => m.entry.membershipId), period);
    const extras = performance.now() - t;
    const contributions = figures.series.reduce((s, b) => s + b.total, 0);
    process.stdout.write(`${key}: ${total.toFixed(0)} ms (of which points and PD hours about ${extras.toFixed(0)} ms), ${all} statements, ${figures.members.length} members, ${contributions} contributions, RSS ${mb(base)} → peak ${mb(peak)} MB\n`);
  }
  clearInterval(sample);
  await sequelize.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
