import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumMissing, launchChromium } from './chromium.ts';
import { type ServerProcess, startServer } from './server-process.ts';

/** Where UI tests save their screenshots. */
export const outputDir = new URL('../.test-output/', import.meta.url).pathname;

/** A `lockstep serve` on a fresh data directory and a Chromium, for one test file. */
export interface WorkbenchSession {
  readonly dataDir: string;
  server: ServerProcess | undefined;
  browser: Browser | undefined;
  /** The address of `path` on the running server. */
  url(path: string): string;
}

/**
 * Registers the file's `beforeAll` (start the server on a new data directory, launch Chromium; fail with
 * what to install when Chromium is missing) and `afterAll` (close both, remove the directory).
 */
export function workbenchSession(label: string): WorkbenchSession {
  const session: WorkbenchSession = {
    dataDir: mkdtempSync(join(tmpdir(), `lockstep-e2e-${label}-`)),
    server: undefined,
    browser: undefined,
    url: (path) => new URL(path, session.server!.url).toString(),
  };
  beforeAll(async () => {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    mkdirSync(outputDir, { recursive: true });
    session.server = await startServer(session.dataDir);
    session.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    if (session.server && session.server.child.exitCode === null) await session.server.stop('SIGKILL');
    rmSync(session.dataDir, { recursive: true, force: true });
  });
  return session;
}
