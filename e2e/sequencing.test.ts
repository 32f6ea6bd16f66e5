import { readFile } from 'node:fs/promises';
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
    // What the answer is proved to be, with every phase the scenario allows (phase deepening's account).
    expect(await page.getByTestId('plan-deepening').textContent()).toMatch(
      /proved optimal with all \d+ phases/,
    );
    // Without all-after-theirs, four measures wait: an optimal plan needs at most 5 of the 6 phases, and why.
    expect(await page.getByTestId('phases-needed').textContent()).toMatch(
      /An optimal plan needs at most 5 of the 6 phases.*only 4 measures wait for another/,
    );
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

  it('adds a measure and a relation, solves the edited scenario, and shows the measure in the plan', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(session.url('/sequencing?scenario=sample-small'));
    await page.getByTestId('plan-status').waitFor({ timeout: 60_000 });
    const editor = page.getByTestId('structure-editor');

    // A wrong figure is named next to its field, as the scenario validator words it; nothing is added.
    await editor.locator('input[name="new-measure-id"]').fill('us-new-waiver');
    await editor.locator('input[name="new-measure-text"]').fill('A new oil waiver');
    await editor.locator('input[name="new-measure-durationDays"]').fill('-5');
    await editor.locator('input[name="new-measure-value"]').fill('4');
    await editor.getByRole('button', { name: 'Add the measure' }).click();
    expect(await editor.locator('.field-error').first().textContent()).toContain('durationDays');
    expect(await page.getByTestId('added-measures').count()).toBe(0);

    await editor.locator('input[name="new-measure-durationDays"]').fill('20');
    await editor.getByRole('button', { name: 'Add the measure' }).click();
    expect(await page.getByTestId('added-measures').textContent()).toContain('us-new-waiver');
    await editor.locator('select[name="new-relation-before"]').selectOption('iran-ship-out-60pct');
    await editor.locator('select[name="new-relation-after"]').selectOption('us-new-waiver');
    await editor.locator('select[name="new-relation-anchor"]').selectOption('verified');
    await editor.getByRole('button', { name: 'Add the relation' }).click();
    expect(await page.getByTestId('relations').textContent()).toContain(
      'iran-ship-out-60pct → us-new-waiver (verified)',
    );
    expect(await page.getByTestId('what-if').textContent()).toContain('us-new-waiver added');

    // Re-solved after the edit: the plan has the new measure.
    await expect
      .poll(() => page.getByTestId('plan-status').textContent(), { timeout: 60_000 })
      .toContain('relation iran-ship-out-60pct → us-new-waiver (verified) added');
    await expect
      .poll(() => page.getByTestId('gantt-chart').textContent(), { timeout: 60_000 })
      .toContain('us-new-waiver');
    await page.screenshot({ path: join(outputDir, 'sequencing-structure.png'), fullPage: true });

    // Staggered starts (each measure on a day the plan chooses within its phase) is a what-if too: solved
    // again, and said so.
    await editor.locator('input[name="staggered-starts"]').check();
    await expect
      .poll(() => page.getByTestId('what-if').textContent(), { timeout: 30_000 })
      .toContain('staggered starts within phases');
    await expect
      .poll(() => page.getByTestId('plan-status').textContent(), { timeout: 60_000 })
      .toContain('staggered');
    expect(await page.getByTestId('checker-verdict').textContent()).toContain('sound, no violations');

    // The edited scenario downloads as JSON with the measure and the relation.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      editor.getByRole('button', { name: 'Download the edited scenario (JSON)' }).click(),
    ]);
    const file = await download.path();
    const written = JSON.parse(await readFile(file, 'utf8')) as {
      measures: { id: string }[];
      relations: { after: string }[];
    };
    expect(written.measures.some((m) => m.id === 'us-new-waiver')).toBe(true);
    expect(written.relations.some((r) => r.after === 'us-new-waiver')).toBe(true);

    // Undo all edits goes back to the shipped scenario.
    await page.getByRole('button', { name: 'Undo all edits' }).click();
    expect(await page.getByTestId('added-measures').count()).toBe(0);
    expect(await page.getByTestId('what-if').count()).toBe(0);
  }, 180_000);
});
