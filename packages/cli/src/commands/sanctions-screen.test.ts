import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

const run = (...argv: string[]) => runMain(argv);

// One store for the whole file: opening it loads the shipped data once.
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-cli-screen-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
};
const screen = (...argv: string[]) => run('--data-dir', dataDir, 'sanctions', 'screen', ...argv);

describe('lockstep sanctions screen', () => {
  it('screens a small CSV of real names: each row with its candidates, as text, CSV and JSON', async () => {
    const names = file(
      'names.csv',
      'name,type,country,birth_date\nCentral Bank of Iran,entity,IR,\nMohammad Javad Zarif,individual,Iran,1960\nJohn Smith Trading Ltd,entity,GB,\n',
    );
    const text = await screen(names);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Screened 3 names against ofac-sdn-2024-05-03 \(2024-05-03\), threshold 0\.8: 2 with candidates\.\n/,
    );
    expect(text.stdout).toMatch(
      /line 2: Central Bank of Iran \(entity, IR\)\n {2}1\.000 {2}BANK MARKAZI JOMHOURI ISLAMI IRAN .*entry 4632, entity\n {9}matched alias on the 2023-12-28 list: CENTRAL BANK OF IRAN\n/,
    );
    expect(text.stdout).toContain(
      'line 4: John Smith Trading Ltd (entity, GB)\n  no candidate at or above 0.8\n',
    );
    const csv = await screen(names, '--csv', '--limit', '1');
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^2,Central Bank of Iran,1,4632,BANK MARKAZI JOMHOURI ISLAMI IRAN,entity,/);
    expect(lines[3]).toBe('4,John Smith Trading Ltd,,,,,,,,,,');
    const json = JSON.parse((await screen(names, '--json', '--threshold', '0.95')).stdout);
    expect(json.rows[1].candidates[0]).toMatchObject({ entryNumber: 26950, name: 'ZARIF, Mohammad Javad' });
  }, 180_000);

  it('refuses bad input with exit 2 naming the line, or with --skip-bad-rows reports it on stderr', async () => {
    const bad = file('bad.csv', 'name\nBank Sepah\n,\n');
    const refused = await screen(bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^lockstep: .*bad\.csv, line 3: an empty row: each row needs a name \(give --skip-bad-rows/,
    );
    const skipped = await screen(bad, '--skip-bad-rows', '--csv');
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('lockstep: skipped line 3: an empty row: each row needs a name\n');
    expect(skipped.stdout).toMatch(/\r\n2,Bank Sepah,1,/);
    const noName = await screen(file('party.csv', 'party\nBank Sepah\n'));
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/party\.csv, line 1: no "name" column in the header/);
    expect((await screen(join(dataDir, 'missing.csv'))).stderr).toMatch(/missing\.csv: no such file/);
  }, 60_000);
});

describe('POST /api/match/{dataset} and /api/sanctions/screen', () => {
  it('answers a yente query with limit and threshold in the query string, and names a bad field', async () => {
    const workbench = await Workbench.open({ dataDir });
    const server = await buildServer({ workbench });
    try {
      const post = (url: string, payload: unknown) =>
        server.inject({ method: 'POST', url: `/api${url}`, payload: payload as object });
      const answer = await post('/match/default?limit=1&threshold=0.9', {
        queries: { cbi: { schema: 'Company', properties: { name: ['Central Bank of Iran'] } } },
      });
      expect(answer.statusCode).toBe(200);
      const body = answer.json();
      expect(body.limit).toBe(1);
      expect(body.responses.cbi.results).toHaveLength(1);
      expect(body.responses.cbi.results[0]).toMatchObject({
        id: 'ofac-4632',
        match: true,
        schema: 'Organization',
      });
      const bad = await post('/match/default', {
        queries: { q1: { schema: 'Person', properties: { name: ['Zarif\u0000'] } } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('body.queries.q1.properties.name');
      const tooMany = await post('/sanctions/screen', {
        rows: Array.from({ length: 101 }, () => ({ name: 'x' })),
      });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.message).toMatch(/^body\.rows: at most 100 rows per request/);
    } finally {
      await server.close();
      await workbench.close();
    }
  }, 120_000);
});
