import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conflictJson, cubanMissileCrisis, prisonersDilemma, writeConflictJson } from '@lockstep/app/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

// One store for the whole file: opening it loads the shipped data once.
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-cli-conflict-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
};
const conflict = (...argv: string[]) => runMain(['--data-dir', dataDir, 'conflict', ...argv]);
const shipped = new URL('../../../../conflicts/jcpoa-2021.json', import.meta.url).pathname;

describe('lockstep conflict', () => {
  it('analyses a conflict file: the tableau, rankings and equilibria in words, or JSON with states, equilibria and stable per DM', async () => {
    const cuba = file('cuba.json', writeConflictJson({ ...cubanMissileCrisis, statusQuo: 1 }));
    const text = await conflict('analyze', cuba);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Cuban missile crisis, 1962: 12 feasible states, 2 decision makers, 4 options/,
    );
    expect(text.stdout).toMatch(/\nUS\s+Air strike\s+N\s+Y\s+N\s+Y/);
    expect(text.stdout).toMatch(/\n\s+SEQ(\s+\.){4}\s+E\s+E\s+E(\s+\.){5}\n/);
    expect(text.stdout).toContain('  US: 5 > 7 > 6 > 8 > 3 > 2 > 4 > 1 > 12 > 10 > 11 > 9\n');
    expect(text.stdout).toContain(
      'Under Nash one state is stable for every side: state 6 (Air strike, Withdraw missiles taken).',
    );
    expect(text.stdout).toContain('From the status quo, state 1, to the SEQ equilibria:');

    const json = await conflict('analyze', cuba, '--json', '--chain', 'gmcr-plus');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.chain).toBe('gmcr-plus');
    expect(result.states[5]).toEqual({ id: 6, yn: 'YNYN', decimal: 5 });
    expect(result.equilibria).toEqual({
      nash: [6],
      gmr: [1, 2, 3, 5, 6, 7, 8],
      smr: [1, 2, 3, 5, 6, 7, 8],
      seq: [5, 6, 7],
    });
    expect(Object.keys(result.stable)).toEqual(['us', 'ussr']);
  }, 120_000);

  it('explains a state, traces the paths from the status quo, says what would have to change, and converts to .gmcr and back', async () => {
    const dilemma = file('dilemma.json', writeConflictJson({ ...prisonersDilemma, statusQuo: 1 }));
    const explained = await conflict('explain', dilemma, '--state', '4', '--dm', 'one');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/^State 4 \(YY\): state 4 \(.+\)\n/);
    expect(explained.stdout).toContain('State 4 is SEQ stable for Prisoner 1');
    expect(explained.stdout).toMatch(/Deterred under SEQ: Prisoner 2 /);

    const paths = await conflict('paths', dilemma, '--from', '1', '--json');
    expect(paths.code).toBe(0);
    expect(JSON.parse(paths.stdout).toEquilibria.map((t: { equilibrium: number }) => t.equilibrium)).toEqual([
      1, 4,
    ]);

    const changes = await conflict('changes', dilemma, '--target', '4', '--definition', 'nash');
    expect(changes.code).toBe(0);
    expect(changes.stdout.length).toBeGreaterThan(0);

    const gmcr = join(dataDir, 'dilemma.gmcr');
    const converted = await conflict('convert', dilemma, gmcr);
    expect(converted.code).toBe(0);
    expect(converted.stdout).toMatch(
      /^Wrote .*dilemma\.gmcr \(GMCR\+ save file\): 2 decision makers, 2 options\.\n/,
    );
    expect(converted.stdout).toContain('the status quo (state 1)');
    expect(JSON.parse(readFileSync(gmcr, 'utf8')).options).toHaveLength(2);
    const fromGmcr = await conflict('analyze', gmcr, '--json');
    expect(JSON.parse(fromGmcr.stdout).equilibria.seq).toEqual([1, 4]);
  }, 120_000);

  it('lists and analyses the shipped model', async () => {
    const models = await conflict('models');
    expect(models.code).toBe(0);
    expect(models.stdout).toMatch(/^ID\s+DECISION MAKERS\s+OPTIONS\s+STATES\s+TITLE\n/);
    expect(models.stdout).toMatch(/\njcpoa-2021\s+us, iran, e3\s+\d+\s+\d+\s+JCPOA 2021/);
    const analysed = await conflict('analyze', shipped, '--json');
    expect(analysed.code).toBe(0);
    const result = JSON.parse(analysed.stdout);
    expect(result.statusQuo).toBeGreaterThan(0);
    expect(result.decisionMakers.map((dm: { id: string }) => dm.id)).toEqual(['us', 'iran', 'e3']);
  }, 120_000);

  it('exits 2 naming the field for bad input: an unknown owner, a statement that does not parse, a ranking that misses a state, a .gmcr that is not one', async () => {
    const owner = structuredClone(conflictJson(prisonersDilemma)) as { options: { dm: string }[] };
    owner.options[1]!.dm = 'three';
    const unknownOwner = await conflict('analyze', file('owner.json', JSON.stringify(owner)));
    expect(unknownOwner.code).toBe(2);
    expect(unknownOwner.stderr).toMatch(/^lockstep: .*owner\.json.*options\[1\]\.dm.*"three"/);

    const statement = {
      ...conflictJson(prisonersDilemma),
      preferences: { one: { statements: ['cooperate-2 &'] }, two: { statements: ['cooperate-1'] } },
    };
    const unparsed = await conflict('analyze', file('statement.json', JSON.stringify(statement)));
    expect(unparsed.code).toBe(2);
    expect(unparsed.stderr).toMatch(/preferences\.one\.statements\[0\]/);

    const ranking = {
      ...conflictJson(prisonersDilemma),
      preferences: { one: { ranking: [1, 2, 3] }, two: { ranking: [1, 2, 3, 4] } },
    };
    const short = await conflict('analyze', file('ranking.json', JSON.stringify(ranking)));
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/preferences\.one\.ranking: the ranking misses state 4/);

    const notGmcr = await conflict('analyze', file('not.gmcr', '{"decisionMakers": "nobody"}'));
    expect(notGmcr.code).toBe(2);
    expect(notGmcr.stderr).toMatch(/^lockstep: .*not\.gmcr/);

    const noState = await conflict(
      'explain',
      file('ok.json', writeConflictJson(prisonersDilemma)),
      '--state',
      '9',
    );
    expect(noState.code).toBe(2);
    expect(noState.stderr).toMatch(/state 9 does not exist/);
  }, 120_000);
});
