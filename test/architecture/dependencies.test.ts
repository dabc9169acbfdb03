import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS, SRC, components, fileCycles, layerOf, mutualPairs, partArrows, partGraph, readGraph, upwardArrows } from './graph';

/**
 * The dependency rules of ARCHITECTURE.md, read from the imports of `src/`: layers that only ever
 * import downwards, and no cycle between folders, however long.
 */

describe('architecture: the dependency rules of src/', () => {
  const graph = readGraph();
  const arrows = [...partArrows(graph).entries()];
  const from = (layer: string) => arrows.filter(([k]) => layerOf(k.split(' -> ')[0]) === layer);
  const to = (k: string) => layerOf(k.split(' -> ')[1]);

  it('places every top-level folder and file of src/ in a layer', () => {
    assert.deepEqual([...partGraph(graph).keys()].filter((p) => !layerOf(p)), [], `add it to LAYERS in test/architecture/graph.ts: ${Object.keys(LAYERS).join(', ')}`);
  });

  it('features never import the entry or the development platform', () => {
    const bad = from('features').filter(([k]) => to(k) === 'entry' || to(k) === 'devplatform');
    assert.deepEqual(bad, []);
  });

  it('the development platform imports no product code (it stands for an LMS)', () => {
    assert.deepEqual(from('devplatform'), []);
  });

  it('the foundation, the kernel and the LTI/LMS adapters import no feature, no shared layer and no entry', () => {
    const bad = [...from('foundation'), ...from('kernel')].filter(([k]) => ['features', 'entry', 'shared', 'adapters'].includes(to(k)!));
    assert.deepEqual(bad, []);
    const adapters = from('adapters').filter(([k]) => ['features', 'entry', 'devplatform', 'shared'].includes(to(k)!));
    assert.deepEqual(adapters, []);
  });

  it('only src/lti/ imports ltijs', () => {
    const importers = [...graph.files.keys()].filter((file) => /from ['"]ltijs|require\(['"]ltijs/.test(readFileSync(join(SRC, `${file}.ts`), 'utf8')));
    assert.ok(importers.length > 0, 'the adapter exists');
    assert.deepEqual(importers.filter((f) => !f.startsWith('lti/')), []);
  });

  it('no pair of folders imports each other', () => {
    assert.deepEqual(mutualPairs(graph), []);
  });

  it('no arrow runs back up the layers', () => {
    assert.deepEqual(upwardArrows(graph), []);
  });

  it('no cycle between folders, however long (each folder is its own strongly connected component)', () => {
    const cycles = components(partGraph(graph)).filter((c) => c.length > 1);
    assert.deepEqual(cycles, [], 'npx tsx test/architecture/report.ts --list shows the arrows');
  });

  it('the test folders mirror src/ (besides helpers/, and browser/, ops/ and architecture/, which test the whole)', () => {
    const whole = new Set(['helpers', 'browser', 'ops', 'architecture', 'artifacts' /* what tests write, ignored by git */]);
    const parts = new Set(readdirSync(SRC).map((f) => f.replace(/\.ts$/, '')));
    const folders = readdirSync(join(SRC, '..', 'test'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual(folders.filter((f) => !whole.has(f) && !parts.has(f)), []);
  });

  it('no file imports itself back through others, except within the development platform', () => {
    const cycles = fileCycles(graph).filter((c) => !c.every((f) => f.startsWith('devplatform/')));
    assert.deepEqual(cycles, []);
  });
});
