import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
/** The web app's source package and the folder Vite builds it into. */
export const webPackageDir = join(root, 'packages/web');
export const webDistDir = join(webPackageDir, 'dist');

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Whether the built web app is missing or older than its sources (the web package or the contract). */
export function webBuildIsStale(): boolean {
  const built = join(webDistDir, 'index.html');
  if (!existsSync(built)) return true;
  const sources = [
    join(webPackageDir, 'src'),
    join(webPackageDir, 'index.html'),
    join(webPackageDir, 'vite.config.ts'),
    join(root, 'packages/contract/src'),
  ];
  return Math.max(...sources.map(newestChange)) > statSync(built).mtimeMs;
}

/** Builds the web app with Vite when it is not built or out of date; says so on stderr. */
export function ensureWebBuilt(): void {
  if (!webBuildIsStale()) return;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    throw new Error('the web app is not built and Vite is not installed: run npm install first');
  }
  process.stderr.write('Building the web app (first start, or its sources changed)...\n');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webPackageDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the web app failed to build; Vite printed why above');
}
