import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputDir, workbenchSession } from './workbench-session.ts';

const session = workbenchSession('conflict');

interface Analysis {
  statusQuo?: number;
  states: { id: number }[];
  equilibria: { nash: number[]; gmr: number[]; smr: number[]; seq: number[] };
  decisionMakers: { id: string; statements: { text: string }[] }[];
}

describe('the Conflict page in Chromium', () => {
  it('shows the shipped model’s tableau, graph and explanations, and re-analyses at once when a preference is edited', async () => {
    const page = await session.browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const answer = await page.request.get(session.url('/api/conflicts/jcpoa-2021/analysis'));
    expect(answer.status()).toBe(200);
    const analysis = (await answer.json()) as Analysis;

    await page.goto(session.url('/conflict'));
    const tableau = page.getByTestId('tableau');
    await tableau.waitFor({ timeout: 60_000 });
    expect(await page.locator('select[name="model"]').inputValue()).toBe('jcpoa-2021');
    await expect
      .poll(() => page.getByTestId('analysis-status').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${analysis.states.length} states analysed in \\d+ ms`));

    // The tableau marks the same equilibria as the API, per definition.
    for (const definition of ['nash', 'gmr', 'smr', 'seq'] as const) {
      const marks = await page.getByTestId(`equilibria-${definition}`).locator('.eq-mark').count();
      expect(marks).toBe(analysis.equilibria[definition].length);
    }
    // Options refer to the sequencing red lines (a link to the Sequencing page) and show their source.
    const lift = page.getByTestId('option-us-lift');
    await lift.locator('.option-refs summary').click();
    const redLine = lift.locator('a.ref-link', { hasText: 'red line' }).first();
    expect(await redLine.getAttribute('href')).toContain('/sequencing');
    await lift.locator('.option-source summary').click();
    expect(await lift.locator('blockquote').textContent()).toMatch(/“.+”/);

    // The graph, laid out by dagre, traces the status quo's paths and marks the status quo.
    const graph = page.getByTestId('state-graph');
    await graph.locator('svg').waitFor();
    const statusQuo = analysis.statusQuo!;
    expect(await page.getByTestId(`graph-state-${statusQuo}`).textContent()).toContain(`${statusQuo} SQ`);
    expect(await graph.getByTestId('path-edge').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('status-quo-paths').textContent()).toContain('To equilibrium');

    // The status quo is explained on opening; a click on an equilibrium in the graph explains that state.
    const explanation = page.getByTestId('state-explanation');
    await expect.poll(() => explanation.locator('h2').textContent()).toContain(`State ${statusQuo}`);
    const other = analysis.equilibria.seq.find((id) => id !== statusQuo) ?? analysis.equilibria.seq[0]!;
    await page.getByTestId(`graph-state-${other}`).click();
    await expect.poll(() => explanation.locator('h2').textContent()).toContain(`State ${other}`);
    const firstDm = analysis.decisionMakers[0]!;
    expect(await page.getByTestId(`explanation-${firstDm.id}`).textContent()).toMatch(
      new RegExp(`State ${other} is SEQ stable for`),
    );

    // Every statement shows its source, quote and report.
    const statements = page.getByTestId(`preference-${firstDm.id}`).locator('ol.statements > li');
    expect(await statements.count()).toBe(firstDm.statements.length);
    for (let i = 0; i < firstDm.statements.length; i++) {
      expect(await statements.nth(i).locator('blockquote').count()).toBe(1);
      expect(await statements.nth(i).locator('figcaption').textContent()).not.toBe('');
    }
    await page.screenshot({ path: join(outputDir, 'conflict.png'), fullPage: true });

    // Moving a statement re-runs the analysis at once and says what changed against the model as shipped.
    const first = firstDm.statements[0]!.text;
    await page.getByRole('button', { name: `Move “${first}” down` }).click();
    await page.getByTestId('conflict-what-if').waitFor();
    expect(await page.getByTestId('conflict-what-if').textContent()).toContain(`“${first}” moved below`);
    await expect
      .poll(() => page.getByTestId(`statement-${firstDm.id}-1`).locator('code').textContent())
      .toBe(first);
    const status = await page.getByTestId('analysis-status').textContent();
    // The page says how long the re-analysis took (measured in bench/conflict.ts, not asserted here).
    expect(status).toMatch(/analysed in \d+ ms/);
    expect(await page.getByTestId('equilibria-changes').textContent()).toMatch(
      /equilibria are the same|became an equilibrium|no longer one/,
    );

    // Moving a state in a ranking: select it, then move it up.
    const ranking = page.getByTestId(`ranking-${firstDm.id}`);
    await ranking.getByRole('button', { name: String(statusQuo), exact: true }).click();
    await ranking.getByRole('button', { name: `Prefer state ${statusQuo} more` }).click();
    await expect
      .poll(() => page.getByTestId('conflict-what-if').textContent())
      .toContain(`state ${statusQuo} moved up its ranking`);
    await page.getByRole('button', { name: 'undo all edits' }).click();
    await page.getByTestId('conflict-what-if').waitFor({ state: 'detached' });

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('refuses a bad conflict with 400 naming the field', async () => {
    const page = await session.browser!.newPage();
    const shipped = (await (await page.request.get(session.url('/api/conflicts/jcpoa-2021'))).json()) as {
      model: { options: { dm: string }[] };
    };
    const model = structuredClone(shipped.model);
    model.options[0]!.dm = 'russia';
    const unknownOwner = await page.request.post(session.url('/api/conflicts/analysis'), { data: { model } });
    expect(unknownOwner.status()).toBe(400);
    const body = (await unknownOwner.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('body.model.options[0].dm');
    expect(body.error.message).toContain('russia');
    const notGmcr = await page.request.post(session.url('/api/conflicts/analysis'), {
      data: { gmcr: 'not a GMCR+ file' },
    });
    expect(notGmcr.status()).toBe(400);
    expect(((await notGmcr.json()) as { error: { field: string } }).error.field).toBe('body.gmcr');
    const missing = await page.request.get(session.url('/api/conflicts/nowhere'));
    expect(missing.status()).toBe(404);
    await page.close();
  });
});
