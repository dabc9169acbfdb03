import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS, SRC, fileCycles, layerOf, mutualPairs, partArrows, partGraph, readGraph, upwardArrows } from './graph';

/**
 * The dependency rules of ARCHITECTURE.md, read from the imports of `src/`. The last two lists are
 * a ratchet: the folder pairs that still import each other and the arrows that still run back up
 * the layers, written out so that a new one fails here and a removed one must be crossed off.
 */

/** Folder pairs that still import each other (ARCHITECTURE.md, "What is left"). Only ever shorter. */
const KNOWN_MUTUAL = [
  'charter <-> governance',
  'charter <-> meetings',
  'communities <-> lti',
  'content <-> discussions',
  'content <-> resources',
  'content <-> web',
  'directory <-> profiles',
  'discussions <-> notifications',
  'governance <-> meetings',
  'lms <-> lti',
  'lti <-> participation',
  'lti <-> platforms',
  'lti <-> web',
  'meetings <-> notifications',
  'mentoring <-> notifications',
  'mentoring <-> profiles',
  'onboarding <-> profiles',
  'problems <-> profiles',
  'sessions <-> web',
];

/** Arrows that still run from a lower layer to a higher one. Only ever shorter. */
const KNOWN_UPWARD = [
  'content -> discussions', 'content -> resources',
  'lms -> activity', 'lti -> sessions', 'lti -> web',
  'lti -> communities', 'lti -> participation', 'lti -> content', 'lti -> activity',
  'sessions -> discussions', 'sessions -> resources',
  ];

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

  it('the foundation, the kernel and the LTI/LMS adapters import no feature and no entry', () => {
    const bad = [...from('foundation'), ...from('kernel')].filter(([k]) => ['features', 'entry', 'shared', 'adapters'].includes(to(k)!));
    assert.deepEqual(bad, []);
    const adapters = from('adapters').filter(([k]) => to(k) === 'entry');
    assert.deepEqual(adapters, []);
  });

  it('only src/lti/ imports ltijs', () => {
    const importers = [...graph.files.keys()].filter((file) => /from ['"]ltijs|require\(['"]ltijs/.test(readFileSync(join(SRC, `${file}.ts`), 'utf8')));
    assert.ok(importers.length > 0, 'the adapter exists');
    assert.deepEqual(importers.filter((f) => !f.startsWith('lti/')), []);
  });

  it('no new pair of folders imports each other, and each pair untangled is crossed off the list', () => {
    assert.deepEqual(mutualPairs(graph), [...KNOWN_MUTUAL].sort());
  });

  it('no new arrow runs back up the layers, and each one removed is crossed off the list', () => {
    assert.deepEqual(upwardArrows(graph).sort(), [...KNOWN_UPWARD].sort());
  });

  it('no file imports itself back through others, except within the development platform', () => {
    const cycles = fileCycles(graph).filter((c) => !c.every((f) => f.startsWith('devplatform/')));
    assert.deepEqual(cycles, []);
  });
});
