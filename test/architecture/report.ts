import { fileCycles, mutualPairs, readGraph, summary, upwardArrows } from './graph';

/** `npx tsx test/architecture/report.ts [--list]`: the import graph's figures (ARCHITECTURE.md). */
const graph = readGraph();
for (const [name, value] of Object.entries(summary(graph))) console.log(`${name}: ${value}`);
if (process.argv.includes('--list')) {
  console.log('\narrows running back up:\n  ' + upwardArrows(graph).join('\n  '));
  console.log('\npairs importing each other:\n  ' + mutualPairs(graph).join('\n  '));
  console.log('\nfile cycles:\n  ' + fileCycles(graph).map((c) => c.join(' ')).join('\n  '));
}
