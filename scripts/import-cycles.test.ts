import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import circles inside a package: a module and the modules it imports, followed through relative
 * imports (type-only ones too, since they tie the modules' designs together just the same), never lead
 * back to it. A circle makes load order matter and keeps the modules from being understood one at a time.
 */

const root = new URL('../', import.meta.url).pathname;

/** The source trees checked. */
const checked = ['packages/web/src', 'packages/app/src'];

/**
 * Circles known and being removed, each as its modules in the order this test reports them. A circle listed
 * here that no longer exists fails the test, so the list cannot go stale. None are left.
 */
const knownCycles: readonly string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The relative modules a file imports or re-exports, static or dynamic, as absolute paths. */
function relativeImports(file: string, text: string): string[] {
  const pattern =
    /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s+['"](\.[^'"]+)['"]/gm;
  return [...text.matchAll(pattern)]
    .map((m) => join(dirname(file), m[1] ?? m[2] ?? m[3]!))
    .filter((path) => /\.(ts|tsx)$/.test(path));
}

/**
 * Every import circle of a graph, each once, as the modules on it starting from its least name. Tarjan's
 * strongly connected components, with an explicit stack; a component of more than one module (or a module
 * importing itself) is reported as one circle through all its modules, in a walk order.
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (;;) {
        const member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
        if (member === frame.node) break;
      }
      const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfImport) cycles.push(component.sort());
    }
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, dir))) {
    graph.set(
      relative(root, file),
      relativeImports(file, readFileSync(file, 'utf8')).map((path) => relative(root, path)),
    );
  }
  return graph;
}

describe('import circles', () => {
  it.each(checked)('%s has none beyond the known ones', (dir) => {
    const found = findCycles(importGraph(dir)).map((cycle) => cycle.join(' <-> '));
    const known = knownCycles.filter((cycle) => cycle.startsWith(dir));
    expect(found, 'import circles (move what both sides need into a module of its own)').toEqual(known);
  });

  it('finds a circle of two, a longer one and a self-import, and none in a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
      ['f', ['f']],
      ['g', ['h']],
      ['h', []],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
    expect(
      relativeImports('/p/src/a.ts', "import type { X } from './b.ts';\nexport * from '../c.tsx';"),
    ).toEqual(['/p/src/b.ts', '/p/c.tsx']);
  });
});
