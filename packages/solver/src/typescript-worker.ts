import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running a TypeScript module (`entry`, a file URL): the packages have no build step,
 * so the worker first registers tsx's loader, as `bin/lockstep.js` does for the main thread. `workerData` is
 * handed to the worker as `worker_threads.workerData`.
 */
export function startTypeScriptWorker(entry: URL, workerData?: unknown): Worker {
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** The URL of tsx's ESM registration API (`tsx/esm/api`, its `import` condition), resolved from here. */
function tsxEsmApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  // Where import.meta.resolve is missing (some test runners), the path is the one tsx's exports map gives.
  const manifest = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  return new URL('dist/esm/api/index.mjs', manifest).href;
}
