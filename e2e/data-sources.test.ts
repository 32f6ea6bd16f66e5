import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from './chromium.ts';
import { type ServerProcess, startServer } from './server-process.ts';

const outputDir = new URL('../.test-output/', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-e2e-'));
let server: ServerProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  mkdirSync(outputDir, { recursive: true });
  server = await startServer(dataDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the workbench in Chromium', () => {
  it('navigates from the overview to Data sources and shows every shipped dataset with its source', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server!.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('return to compliance');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
    await page.getByTestId('dataset-row').first().waitFor();
    expect(page.url()).toBe(new URL('/data', server!.url).toString());
    const rows = page.getByTestId('dataset-row');
    expect(await rows.count()).toBe(9);
    const sdn2021 = page.locator('#ofac-sdn-2021-08-18');
    expect(await sdn2021.textContent()).toMatch(/2021-08-18.*9,083.*US Treasury OFAC sdn\.csv/s);
    const limits = page.locator('#jcpoa-limits');
    expect(await limits.textContent()).toContain('JCPOA nuclear limits');
    await page.screenshot({ path: join(outputDir, 'data-sources.png'), fullPage: true });
    await page.close();
  });

  it('opens a work area directly by its address and shows no figures it has not computed', async () => {
    const page = await browser!.newPage();
    await page.goto(new URL('/sequencing', server!.url).toString());
    await page.getByRole('note').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sequencing');
    expect(await page.getByRole('note').textContent()).toContain('shows no figures yet');
    await page.close();
  });

  it('stops cleanly on Ctrl-C and restarts on the same data without loading it again', async () => {
    const stopped = await server!.stop('SIGINT');
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('Stopped; the data is saved.');
    expect(stopped.stderr).toContain('first use');

    server = await startServer(dataDir);
    expect(server.stderr()).not.toContain('first use');
    const response = await fetch(new URL('/api/datasets', server.url));
    const { datasets } = (await response.json()) as { datasets: { name: string }[] };
    expect(datasets).toHaveLength(9);
    expect((await server.stop('SIGTERM')).code).toBe(0);
  }, 120_000);
});
