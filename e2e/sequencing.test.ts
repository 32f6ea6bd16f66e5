import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputDir, workbenchSession } from './workbench-session.ts';

const session = workbenchSession('sequencing');

describe('the Sequencing page in Chromium', () => {
  it('solves the default scenario, explains its conflict, and re-solves when red lines are edited', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.url('/sequencing'));

    // The default scenario is the JCPOA 2021 one; it is solved on opening, through the job API.
    const scenario = page.locator('select[name="scenario"]');
    await scenario.waitFor();
    expect(await scenario.inputValue()).toBe('jcpoa-2021');
    const status = page.getByTestId('plan-status');
    await status.waitFor({ timeout: 90_000 });

    // The stated red lines conflict: the account names each set, with the parties' words, what relaxing each
    // red line would cost, and the plan that concedes least.
    expect(await page.getByTestId('plan-status-word').textContent()).toContain('Infeasible');
    expect(await status.textContent()).toMatch(/solved in \d+(\.\d+)? s/);
    const account = page.getByTestId('conflict-account');
    const accountText = await account.textContent();
    expect(accountText).toContain('iran-us-lifts-everything-first');
    expect(accountText).toContain('The US must lift all Trump-era sanctions');
    expect(accountText).toMatch(/accept 1 phase of overlap/);
    expect(accountText).toMatch(/Source: /);
    await page
      .getByTestId('least-concession-gantt')
      .locator('svg')
      .filter({ hasText: 'Phase 1' })
      .first()
      .waitFor();

    // Switching off Iran's "all of theirs first" re-solves: an optimal plan, sound by the checker.
    await page.locator('input[name="on-iran-us-lifts-everything-first"]').uncheck();
    await expect
      .poll(() => page.getByTestId('plan-status-word').textContent(), { timeout: 60_000 })
      .toContain('Optimal plan');
    expect(await page.getByTestId('what-if').textContent()).toContain(
      'iran-us-lifts-everything-first switched off',
    );
    expect(await page.getByTestId('checker-verdict').textContent()).toContain('sound, no violations');
    expect(await status.textContent()).toMatch(/plan of \d+ days/);
    expect(await status.textContent()).toMatch(/Iran peak exposure [\d.]+ points/);
    const gantt = page.getByTestId('gantt-chart').locator('svg').filter({ hasText: 'Phase 1 · day 0' });
    await gantt.first().waitFor();
    expect(await gantt.first().textContent()).toContain('ship-out-60pct');
    const exposure = page.getByTestId('exposure-chart').locator('svg').filter({ hasText: 'at most' });
    expect(await exposure.first().textContent()).toContain('us-exposure-half');
    // The measures table gives the plan's days and marks assumed figures.
    const measures = await page.getByTestId('measures-table').textContent();
    expect(measures).toContain('assumed');
    expect(measures).toMatch(/phase \d:\d+ → \d+ → \d+/);
    await page.screenshot({ path: join(outputDir, 'sequencing.png'), fullPage: true });

    // A value the server refuses is reported at the red line, naming the field in the scenario.
    await page.locator('input[name="value-us-exposure-half"]').fill('-1');
    const fieldError = page.getByTestId('red-line-us-exposure-half').locator('.field-error');
    await fieldError.waitFor({ timeout: 30_000 });
    expect(await fieldError.textContent()).toMatch(/redLines\[\d\]\.share/);
    expect(await page.getByTestId('solve-error').textContent()).toMatch(
      /body\.scenario\.redLines\[\d\]\.share/,
    );

    // A tighter value re-solves again, and the what-if says what changed.
    await page.locator('input[name="value-us-exposure-half"]').fill('0.4');
    await fieldError.waitFor({ state: 'detached', timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('what-if').textContent(), { timeout: 30_000 })
      .toContain('us-exposure-half share 0.4 (was 0.5)');
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toContain('us-exposure-half share 0.4 (was 0.5)');

    // An assumed figure changed in the measures table is solved again too: a longer congressional review.
    await page.locator('input[name="measure-durationDays-us-congressional-review"]').fill('90');
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toContain('us-congressional-review duration 90 (was 30)');
    expect(await page.getByTestId('what-if').textContent()).toContain(
      'us-congressional-review duration 90 (was 30)',
    );
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows a solve in progress and cancels it', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(session.url('/sequencing?scenario=jcpoa-2021'));
    // The stated red lines conflict, so the diagnosis takes many solver calls: time to cancel.
    const progress = page.getByTestId('job-progress');
    await progress.waitFor({ timeout: 30_000 });
    expect(await progress.textContent()).toMatch(/of the 30\.0 s limit/);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.getByTestId('plan-status-word').textContent(), { timeout: 30_000 })
      .toBe('Cancelled');
    await progress.waitFor({ state: 'detached' });
  }, 120_000);

  it('finds a running solve again after a reload, and says so when it is gone', async () => {
    const context = await session.browser!.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(session.url('/sequencing?scenario=jcpoa-2021'));
    // The conflict diagnosis of jcpoa-2021 takes seconds: reload while it runs.
    await page.getByTestId('job-progress').waitFor({ timeout: 30_000 });
    await page.reload();
    await page.getByTestId('reattached').waitFor({ timeout: 30_000 });
    await page.getByTestId('job-progress').waitFor();
    await expect
      .poll(() => page.getByTestId('plan-status-word').textContent(), { timeout: 90_000 })
      .toContain('Infeasible');
    expect(await page.getByTestId('conflict-account').textContent()).toContain(
      'iran-us-lifts-everything-first',
    );

    // A second tab of the same browser finds nothing left running, and solves anew.
    const again = await context.newPage();
    await again.goto(session.url('/sequencing?scenario=jcpoa-2021'));
    await again.getByTestId('job-progress').waitFor({ timeout: 30_000 });
    expect(await again.getByTestId('reattached').count()).toBe(0);

    // A job the server no longer knows is reported gone, with a way to solve again.
    await again.close();
    // Evaluated in the page (the tests' types know no DOM).
    await page.evaluate(
      `localStorage.setItem('lockstep.sequencing.running-job.jcpoa-2021', '{"id":"no-such-job","scenario":{},"edits":[]}')`,
    );
    await page.reload();
    const gone = page.getByTestId('job-gone');
    await gone.waitFor({ timeout: 30_000 });
    await gone.getByRole('button', { name: 'Solve again' }).click();
    await page.getByTestId('job-progress').waitFor({ timeout: 30_000 });
    await gone.waitFor({ state: 'detached' });
    await context.close();
  }, 240_000);
});
