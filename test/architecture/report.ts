import path from 'node:path';
import { fileCycles, mutualPairs, readGraph, summary, upwardArrows } from './graph';

/** `npx tsx test/architecture/report.ts [--list] [path/to/src]`: the import graph's figures (ARCHITECTURE.md). */
const root = process.argv.slice(2).find((a) => !a.startsWith('--'));
const graph = root ? readGraph(path.resolve(root)) : readGraph();
for (const [name, value] of Object.entries(summary(graph))) console.log(`${name}: ${value}`);
if (process.argv.includes('--list')) {
  console.log('\narrows running back up:\n  ' + upwardArrows(graph).join('\n  '));
  console.log('\npairs importing each other:\n  ' + mutualPairs(graph).join('\n  '));
  console.log('\nfile cycles:\n  ' + fileCycles(graph).map((c) => c.join(' ')).join('\n  '));
}
