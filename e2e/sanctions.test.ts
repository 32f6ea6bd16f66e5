import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputDir, workbenchSession } from './workbench-session.ts';

const session = workbenchSession('sanctions');

describe('the Sanctions page in Chromium', () => {
  it('shows the totals per position, filters the register and opens a layered party', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('/sanctions', session.server!.url).toString());

    // The US 2021 position on the 2024-05-03 list: designations per category and the parties relieved.
    const us = page.getByTestId('totals-us-2021');
    await us.waitFor({ timeout: 60_000 });
    expect(await us.getByTestId('total-lift').textContent()).toContain('993');
    expect(await us.getByTestId('total-keep').textContent()).toContain('2,242');
    expect(await us.getByTestId('total-difficult').textContent()).toContain('963');
    expect(await us.getByTestId('relieved').textContent()).toBe('779');
    expect(await page.locator('#totals-heading').locator('..').textContent()).toContain('2024-05-03');
    await page.getByTestId('category-chart').locator('svg').first().waitFor();
    await page.getByTestId('totals-iran-2021').waitFor();

    // The register, filtered to layered parties: the central bank, its SDGT designation difficult by rule.
    const register = page.getByTestId('register');
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), { timeout: 60_000 })
      .toMatch(/of 2,296 parties/);
    await register.getByLabel('Layered').selectOption('yes');
    await expect.poll(() => page.getByTestId('register-count').textContent()).toMatch(/^207 of 2,296/);
    const bank = page.getByTestId('party-4632');
    await bank.waitFor();
    expect(await bank.textContent()).toContain('BANK MARKAZI JOMHOURI ISLAMI IRAN');
    const sdgt = bank.locator('.designation-line').filter({ hasText: 'SDGT' });
    expect(await sdgt.textContent()).toMatch(/SDGT.*difficult.*layered-after-withdrawal/s);
    await page.getByTestId('gap').waitFor();
    await page.getByTestId('data-note').locator('table').waitFor();
    await page.screenshot({ path: join(outputDir, 'sanctions.png'), fullPage: true });

    // Its entity view: the timeline of its programs and its classification under each position.
    await bank.getByRole('link', { name: 'BANK MARKAZI JOMHOURI ISLAMI IRAN' }).click();
    await page.getByTestId('entity-details').waitFor({ timeout: 60_000 });
    expect(page.url()).toContain('/sanctions/entity/4632');
    await page.getByTestId('entity-timeline').locator('svg').first().waitFor();
    const usView = page.getByTestId('entity-position-us-2021');
    const usSdgt = usView.getByTestId('classification-SDGT');
    expect(await usSdgt.textContent()).toMatch(
      /difficult.*layered-after-withdrawal.*SDGT has basis terrorism/s,
    );
    expect(await page.getByTestId('entity-position-iran-2021').textContent()).toContain('imposed-since-2017');
    await page.screenshot({ path: join(outputDir, 'sanctions-entity.png'), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('ranks the matches of a name search with score bars, where each name comes from, and type filters', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('/sanctions/entity?q=Central+Bank+of+Iran', session.server!.url).toString());
    const matches = page.getByTestId('matches');
    await matches.waitFor({ timeout: 60_000 });
    const first = matches.locator(':scope > li').first();
    // The central bank, found on the newest list by the alias it had on the 2023-12-28 list.
    expect(await first.textContent()).toContain('BANK MARKAZI JOMHOURI ISLAMI IRAN');
    expect(await first.getByTestId('score').textContent()).toBe('1.00');
    expect(await first.getByTestId('name-source').textContent()).toBe('alias on the 2023-12-28 list');
    expect(await first.locator('.why-lines li').first().textContent()).toBe(
      '"central" = "central" (same word)',
    );
    await page.screenshot({ path: join(outputDir, 'sanctions-search.png'), fullPage: true });

    await page.goto(new URL('/sanctions/entity?q=IRISL', session.server!.url).toString());
    await matches.waitFor({ timeout: 60_000 });
    await page.getByLabel('Type').selectOption('vessel');
    const rows = matches.locator(':scope > li');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain('· vessel ·');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
