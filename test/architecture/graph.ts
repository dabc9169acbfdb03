import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import graph of `src/`, read from the sources (static `import … from`, `export … from`,
 * `import()` and `require()` of relative paths). Type-only imports count too: they couple
 * folders as much as value imports do for a reader.
 *
 * A "part" is a top-level folder of `src/` (or a top-level file, named without `.ts`). Layers
 * are listed from the entry down to the foundations (ARCHITECTURE.md); an arrow "runs back up"
 * when a part imports a part of a higher layer.
 */

export const SRC = resolve(__dirname, '../../src');

/** Layers, highest first. A part missing from every layer is reported by the test. */
export const LAYERS: Record<string, string[]> = {
  entry: ['app', 'routes', 'server', 'cluster', 'cli', 'demo', 'worker', 'bootstrap', 'seed', 'features', 'shutdown'],
  devplatform: ['devplatform'],
  features: [
    'communities', 'discussions', 'resources', 'journal', 'problems', 'mentoring', 'meetings',
    'governance', 'charter', 'directory', 'members', 'profiles', 'onboarding', 'participation',
    'pd', 'analytics', 'facilitation', 'notifications', 'search', 'privacy', 'stories', 'value',
    'showcase', 'drafts', 'gradebook', 'video',
  ],
  shared: ['content', 'activity', 'sessions', 'web'],
  adapters: ['lti', 'lms'],
  kernel: ['kernel', 'users'],
  foundation: ['db', 'config', 'log', 'i18n', 'metrics'],
};

export interface Graph {
  /** file (relative to src, no extension) → files it imports */
  files: Map<string, Set<string>>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]|(?:import|require)\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* try the next form */
    }
  }
  return null;
}


export function readGraph(root = SRC): Graph {
  const key = (path: string): string => relative(root, path).replace(/\.tsx?$/, '');
  const files = new Map<string, Set<string>>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveFile(file, m[1] ?? m[2]);
      if (target && target.startsWith(root)) targets.add(key(target));
    }
    files.set(key(file), targets);
  }
  return { files };
}

export const partOf = (file: string): string => file.split('/')[0];

export function layerOf(part: string): string | null {
  for (const [layer, parts] of Object.entries(LAYERS)) if (parts.includes(part)) return layer;
  return null;
}

const rank = (part: string): number => {
  const layer = layerOf(part);
  return layer ? Object.keys(LAYERS).length - Object.keys(LAYERS).indexOf(layer) : 0;
};

/** Arrows between parts, each with the file-level imports behind it. */
export function partArrows(graph: Graph): Map<string, string[]> {
  const arrows = new Map<string, string[]>();
  for (const [file, targets] of graph.files) {
    for (const target of targets) {
      const from = partOf(file);
      const to = partOf(target);
      if (from === to) continue;
      const k = `${from} -> ${to}`;
      arrows.set(k, [...(arrows.get(k) ?? []), `${file} -> ${target}`]);
    }
  }
  return arrows;
}

/** Arrows from a lower layer to a higher one (same-layer arrows are not "up"). */
export function upwardArrows(graph: Graph): string[] {
  return [...partArrows(graph).keys()].filter((arrow) => {
    const [from, to] = arrow.split(' -> ');
    return rank(to) > rank(from);
  });
}

/** Pairs of parts that import each other. */
export function mutualPairs(graph: Graph): string[] {
  const arrows = partArrows(graph);
  const pairs: string[] = [];
  for (const arrow of arrows.keys()) {
    const [from, to] = arrow.split(' -> ');
    if (from < to && arrows.has(`${to} -> ${from}`)) pairs.push(`${from} <-> ${to}`);
  }
  return pairs.sort();
}

/** Strongly connected components (Tarjan) of a directed graph given as adjacency sets. */
export function components(nodes: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of nodes.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp.sort());
    }
  };
  for (const v of nodes.keys()) if (!idx.has(v)) visit(v);
  return out;
}

export function partGraph(graph: Graph): Map<string, Set<string>> {
  const parts = new Map<string, Set<string>>();
  for (const file of graph.files.keys()) parts.set(partOf(file), parts.get(partOf(file)) ?? new Set());
  for (const arrow of partArrows(graph).keys()) {
    const [from, to] = arrow.split(' -> ');
    parts.get(from)!.add(to);
  }
  return parts;
}

/** File-level cycles: the strongly connected components of more than one file. */
export function fileCycles(graph: Graph): string[][] {
  return components(graph.files).filter((c) => c.length > 1);
}

export function summary(graph: Graph): Record<string, number | string> {
  const parts = partGraph(graph);
  const largest = components(parts).reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
  return {
    files: graph.files.size,
    parts: parts.size,
    'arrows between parts': partArrows(graph).size,
    'arrows running back up the layers': upwardArrows(graph).length,
    'file cycles': fileCycles(graph).length,
    'largest strongly connected component (parts)': `${largest.length} of ${parts.size}`,
    'part pairs importing each other': mutualPairs(graph).length,
  };
}
