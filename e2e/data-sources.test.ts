import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './server-process.ts';
import { outputDir, workbenchSession } from './workbench-session.ts';

const session = workbenchSession('data');
/** Every dataset the project ships (data/datasets.json): each is loaded on first start and listed. */
const shipped = (
  JSON.parse(readFileSync(new URL('../data/datasets.json', import.meta.url), 'utf8')) as {
    datasets: unknown[];
  }
).datasets.length;

describe('the workbench in Chromium', () => {
  it('navigates from the overview to Data sources and shows every shipped dataset with its source', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(session.server!.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('return to compliance');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
    await page.getByTestId('dataset-row').first().waitFor();
    expect(page.url()).toBe(new URL('/data', session.server!.url).toString());
    const rows = page.getByTestId('dataset-row');
    expect(await rows.count()).toBe(shipped);
    const sdn2021 = page.locator('#ofac-sdn-2021-08-18');
    expect(await sdn2021.textContent()).toMatch(/2021-08-18.*9,083.*US Treasury OFAC sdn\.csv/s);
    const limits = page.locator('#jcpoa-limits');
    expect(await limits.textContent()).toContain('JCPOA nuclear limits');
    await page.screenshot({ path: join(outputDir, 'data-sources.png'), fullPage: true });
    await page.close();
  });

  it('opens a work area directly by its address: the talks ask for their first admin, with no default password', async () => {
    const page = await session.browser!.newPage();
    await page.goto(new URL('/talks', session.server!.url).toString());
    const form = page.getByRole('form', { name: 'Create the first admin' });
    await form.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Talks');
    expect(await form.textContent()).toContain('none is made with a default password');
    await page.close();
  });

  it('stops cleanly on Ctrl-C and restarts on the same data without loading it again', async () => {
    const stopped = await session.server!.stop('SIGINT');
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('Stopped; the data is saved.');
    expect(stopped.stderr).toContain('first use');

    session.server = await startServer(session.dataDir);
    expect(session.server.stderr()).not.toContain('first use');
    const response = await fetch(new URL('/api/datasets', session.server.url));
    const { datasets } = (await response.json()) as { datasets: { name: string }[] };
    expect(datasets).toHaveLength(shipped);
    expect((await session.server.stop('SIGTERM')).code).toBe(0);
  }, 120_000);
});
