import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The package dependency directions of docs/ARCHITECTURE.md. Each entry lists the workspace packages a
 * package may import, and why the others are off limits.
 */
const allowed: Record<string, readonly string[]> = {
  core: [],
  formats: ['core'],
  store: ['core'],
  solver: ['core'],
  contract: [],
  app: ['core', 'formats', 'store', 'solver', 'contract'],
  server: ['app', 'contract'],
  cli: ['app', 'server', 'contract'],
  web: ['contract'],
};

const reasons: Record<string, string> = {
  core: 'core is the pure domain: it imports nothing of ours, so every rule can be tested without I/O',
  formats: 'formats turns outside files into core types and knows nothing of storage or transport',
  store: 'store persists core types; parsing and use cases live elsewhere',
  solver: 'solver runs core models on HiGHS and knows nothing else',
  contract: 'contract is the shared API vocabulary and must stay importable by the browser',
  app: 'app wires the lower packages together; nothing it imports may import it back',
  server: 'server routes dispatch through app; they do no domain work themselves',
  cli: 'cli commands dispatch through app (and start the server); they do no domain work themselves',
  web: 'web talks to the server only over HTTP, through the contract types',
};

/** Node's built-in modules: core must not do I/O, so it imports none of them. */
const nodeBuiltin =
  /^node:|^(fs|path|os|child_process|net|http|https|crypto|worker_threads|stream|url)(\/|$)/;

const root = new URL('../', import.meta.url).pathname;
const packagesDir = join(root, 'packages');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const pattern =
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The rule breaks in one file of package `pkg`, each with the reason the rule exists. */
function violationsIn(pkg: string, file: string, text: string): string[] {
  const violations: string[] = [];
  const where = relative(root, file);
  for (const specifier of importsOf(text)) {
    const ours = /^@lockstep\/([a-z]+)/.exec(specifier)?.[1];
    if (ours && ours !== pkg && !allowed[pkg]!.includes(ours)) {
      violations.push(`${where} imports @lockstep/${ours}: ${reasons[pkg]}`);
    }
    if (
      specifier.startsWith('.') &&
      relative(join(packagesDir, pkg), join(file, '..', specifier)).startsWith('..')
    ) {
      violations.push(`${where} reaches into another package by path (${specifier}): import it by name`);
    }
    if (pkg === 'core' && nodeBuiltin.test(specifier)) {
      violations.push(`${where} imports ${specifier}: ${reasons.core}`);
    }
  }
  return violations;
}

const packages = readdirSync(packagesDir).filter((name) => statSync(join(packagesDir, name)).isDirectory());

describe('package dependency directions', () => {
  it('knows every package in packages/', () => {
    expect(packages.sort()).toEqual(Object.keys(allowed).sort());
  });

  it.each(packages)('%s imports only the packages it may', (pkg) => {
    const violations = sourceFiles(join(packagesDir, pkg)).flatMap((file) =>
      violationsIn(pkg, file, readFileSync(file, 'utf8')),
    );
    expect(violations).toEqual([]);
  });

  it('reports a forbidden import with the reason for the rule', () => {
    const file = join(packagesDir, 'core/src/x.ts');
    const text =
      "import { readFileSync } from 'node:fs';\nimport type { Database } from '@lockstep/store';\n";
    expect(violationsIn('core', file, text)).toEqual([
      `packages/core/src/x.ts imports node:fs: ${reasons.core}`,
      `packages/core/src/x.ts imports @lockstep/store: ${reasons.core}`,
    ]);
    expect(
      violationsIn('web', join(packagesDir, 'web/src/a.ts'), "import '../../server/src/x.ts';"),
    ).toHaveLength(1);
  });
});
