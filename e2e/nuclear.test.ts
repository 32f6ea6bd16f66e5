import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputDir, workbenchSession } from './workbench-session.ts';

const session = workbenchSession('nuclear');

describe('the Nuclear page in Chromium', () => {
  it('shows compliance with sources, the charts, and recomputes a what-if', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('/nuclear', session.server!.url).toString());

    // The stockpile limit: in breach, with the IAEA figure and the file line it comes from.
    const stockpile = page.getByTestId('limit-stockpile');
    await stockpile.waitFor();
    const stockpileText = await stockpile.textContent();
    expect(stockpileText).toContain('breach');
    expect(stockpileText).toContain('9,247.6');
    expect(stockpileText).toMatch(/iaea-enriched-uranium-stockpile\.csv line 24/);
    expect(stockpileText).toContain('IAEA report of 2025-05-31 via AP');
    // Unknown is said, never shown as zero: heavy water has not been verified since Iran ended access,
    // and the last verified figure is shown with its row.
    expect(await page.getByTestId('limit-heavy-water').textContent()).toMatch(
      /unknown.*the IAEA has not verified the heavy water stock.*iaea-heavy-water\.csv line/s,
    );
    // The report the page is read as of, with the figures it gives and their rows.
    const card = page.getByTestId('report-card');
    await card.waitFor();
    expect(await card.textContent()).toMatch(/IAEA report \(quarterly report of 2025-05-31\)/);
    expect(await card.getByTestId('report-figure').count()).toBeGreaterThan(3);

    // The charts are drawn, with the cap and the one-year goal named on them.
    const stockpileChart = page
      .getByTestId('stockpile-chart')
      .locator('svg')
      .filter({ hasText: 'JCPOA cap' });
    await stockpileChart.first().waitFor();
    expect(await stockpileChart.first().textContent()).toContain('JCPOA cap 202.8 kg U');
    const breakoutChart = page
      .getByTestId('breakout-chart')
      .locator('svg')
      .filter({ hasText: 'one-year goal' });
    await breakoutChart.first().waitFor();
    expect(await page.getByTestId('window').textContent()).toContain('goal');

    // The published estimates beside Lockstep's figure: each with its author, figure and why they can differ.
    const published = page.getByTestId('published-row');
    await published.first().waitFor();
    expect(await published.count()).toBe(28);
    const kahl = published.filter({ hasText: 'Colin Kahl' });
    expect(await kahl.textContent()).toMatch(
      /2023-02-28.*12 days.*days \(.*\).*2023-02-12.*significant quantity is not stated/s,
    );
    expect(await page.getByTestId('breakout-chart').textContent()).toContain('published: US officials');

    // A what-if: the 90 % uranium SQ and a fixed IR-6 capacity change the breakout figure once recomputed.
    const breakoutNow = page.getByTestId('breakout-now');
    const before = await breakoutNow.textContent();
    expect(before).toMatch(/days|months/);
    await page.locator('select[name="sq"]').selectOption('wgu');
    await page.locator('input[name="IR-6-low"]').fill('10');
    await page.getByRole('button', { name: 'Recompute' }).click();
    await expect.poll(() => breakoutNow.textContent(), { timeout: 20_000 }).not.toBe(before);
    expect(await page.getByTestId('what-if').textContent()).toMatch(/IR-6 10–10 SWU\/yr \(default 3–10\)/);
    expect(await page.getByTestId('status-line').textContent()).toContain('90 % uranium');

    // A value the server rejects is reported next to its field, and the figures stay.
    await page.locator('input[name="tailsPercent"]').fill('200');
    await page.getByRole('button', { name: 'Recompute' }).click();
    const fieldError = page.locator('.field.changed .field-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('tailsPercent');
    await page.locator('input[name="tailsPercent"]').fill('0.3');
    await page.getByRole('button', { name: 'Recompute' }).click();
    await page.locator('.field-error').waitFor({ state: 'detached' });

    await page.screenshot({ path: join(outputDir, 'nuclear.png'), fullPage: true });

    // Reset brings back the defaults and the breakout figure they give.
    await page.getByRole('button', { name: 'Reset to defaults' }).first().click();
    await expect.poll(() => breakoutNow.textContent(), { timeout: 20_000 }).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('recomputes every figure for an earlier date', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(new URL('/nuclear', session.server!.url).toString());
    await page.getByTestId('limit-stockpile').waitFor();
    await page.getByRole('combobox', { name: 'Jump to an IAEA report date' }).selectOption('2021-05-22');
    await expect
      .poll(() => page.getByTestId('limit-stockpile').textContent(), { timeout: 20_000 })
      .toContain('3,241');
    expect(await page.getByTestId('status-line').textContent()).toContain('2021-05-22');
    await page.close();
  });

  it('shows everything as of an IAEA report chosen by name, with the figures it gives and their rows', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(new URL('/nuclear', session.server!.url).toString());
    await page.getByTestId('report-card').waitFor();
    await page.getByTestId('report-picker').selectOption('GOV/2021/10');
    await expect
      .poll(() => page.getByTestId('status-line').textContent(), { timeout: 20_000 })
      .toContain('As of 2021-02-23');
    const card = page.getByTestId('report-card');
    expect(await card.textContent()).toMatch(/IAEA report GOV\/2021\/10.*quarterly, dated 2021-02-23/s);
    const metal = card.getByTestId('report-figure').filter({ hasText: 'uranium metal' });
    expect(await metal.textContent()).toMatch(/0\.0036 kg U.*iaea-uranium-metal\.csv line 3/s);
    const stock = card.getByTestId('report-figure').filter({ hasText: 'enriched uranium stockpile' });
    expect(await stock.textContent()).toMatch(/2,967\.8 kg U \(verified 2021-02-16\).*matched by date/s);
    // The limits follow the report: uranium metal in breach, the Additional Protocol just suspended.
    expect(await page.getByTestId('limit-uranium-metal').textContent()).toContain('breach');
    expect(await page.getByTestId('limit-additional-protocol').textContent()).toMatch(/breach.*2021-02-23/s);
    // The events on the breakout chart are numbered, with a key naming each and its row.
    const key = page.getByTestId('event-key');
    await key.locator('summary').click();
    expect(await key.textContent()).toMatch(/2016-01-16.*Implementation Day.*events\.csv line 3/s);

    // The growth of advanced machines is an assumption the page can change.
    await page.locator('#assumption-growth-IR-6').fill('200');
    await page.getByRole('button', { name: 'Recompute' }).click();
    await page.getByTestId('what-if').waitFor();
    expect(await page.getByTestId('what-if').textContent()).toContain('IR-6 +200 machines a month');
    await page.close();
  });
});
