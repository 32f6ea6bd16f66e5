#!/usr/bin/env node
// `npm test`: type-check, lint and format check, the web build, then every vitest test (unit, property,
// store on PGlite and on a throwaway PostgreSQL cluster, and the UI in Chromium). Ends with the line
// `N passed, N failed` (`, N skipped` when some were), counting each check above as one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
const outputDir = join(root, '.test-output');
mkdirSync(outputDir, { recursive: true });

function postgresBinaries() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian) && readdirSync(debian).some((v) => existsSync(join(debian, v, 'bin/initdb'))))
    return true;
  return spawnSync('sh', ['-c', 'command -v initdb && command -v pg_ctl'], { stdio: 'ignore' }).status === 0;
}

const missing = [];
if (!existsSync(bin('vitest'))) {
  console.error('npm test: the dependencies are not installed: run npm install (or npm ci) first.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!postgresBinaries())
  missing.push('PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql');
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'))
  missing.push('Chromium at /usr/bin/chromium: apt-get install chromium');
if (missing.length > 0) {
  console.error(
    `npm test: missing system packages; the tests that need them will fail:\n  - ${missing.join('\n  - ')}\n  (.ci/run installs them on a bare Debian machine)`,
  );
}

let passed = 0;
let failed = 0;
let skipped = 0;

function check(title, command, args, options = {}) {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status === 0) {
    passed += 1;
    console.log(`ok: ${title}`);
    return true;
  }
  failed += 1;
  console.log(`FAILED: ${title}`);
  return false;
}

check('type-check (Node packages)', bin('tsc'), ['-p', 'tsconfig.json']);
check('type-check (web)', bin('tsc'), ['-p', 'packages/web/tsconfig.json']);
check('lint and format (biome ci)', bin('biome'), ['ci', '--colors=off', '.']);
check(
  'web build (vite)',
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: join(root, 'packages/web'),
  },
);

const report = join(outputDir, 'vitest.json');
console.log('\n> vitest: unit, property, store (PGlite and PostgreSQL), API, CLI and UI tests');
spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC' },
});
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // A file that fails before its tests run (an import error, a failing beforeAll) counts as one failure.
  for (const file of results.testResults) {
    if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')) {
      failed += 1;
      console.log(`FAILED before its tests ran: ${file.name}: ${String(file.message).split('\n')[0]}`);
    }
  }
} else {
  failed += 1;
  console.log('FAILED: vitest wrote no report');
}

console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
