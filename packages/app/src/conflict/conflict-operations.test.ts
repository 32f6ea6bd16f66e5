import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cubanMissileCrisis, prisonersDilemma, syriaIraq } from '@lockstep/core/testing';
import { conflictJson, writeConflictJson, writeGmcrFile } from '@lockstep/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { Workbench } from '../workbench.ts';

let workbench: Workbench;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-conflict-'));

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
});
afterAll(async () => {
  await workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The error a call is refused with. */
async function refusal(work: Promise<unknown>): Promise<InputError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('conflict.analyze', () => {
  it('gives the Cuban missile crisis its published equilibria, with states, stability per DM and rankings', async () => {
    const result = await workbench.call('conflict.analyze', { model: conflictJson(cubanMissileCrisis) });
    expect(result.equilibria).toEqual({
      nash: [6],
      gmr: [1, 2, 3, 5, 6, 7, 8],
      smr: [1, 2, 3, 5, 6, 7, 8],
      seq: [5, 6, 7],
    });
    expect(result.states).toHaveLength(12);
    expect(result.states[0]).toEqual({ id: 1, yn: 'NNNN', decimal: 0 });
    expect(Object.keys(result.stable)).toEqual(['us', 'ussr']);
    expect(result.stable.us!.nash).toContain(6);
    expect(result.options.map((o) => o.id)).toEqual(['air-strike', 'blockade', 'withdraw', 'escalate']);
    expect(result.decisionMakers[0]!.statements[0]!.text).toBe('withdraw');
    expect(result.rankings.us!.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.sentences[0]).toMatch(/^Under Nash one state is stable for every side: state 6 \(/);
    expect(result.moves).toBeUndefined();
  });

  it('lists every unilateral move with whether it improves things for its mover, when asked', async () => {
    const result = await workbench.call('conflict.analyze', {
      model: conflictJson(prisonersDilemma),
      moves: true,
    });
    expect(result.moves).toEqual([
      { dm: 'one', from: 1, to: 2, improving: false },
      { dm: 'one', from: 2, to: 1, improving: true },
      { dm: 'one', from: 3, to: 4, improving: false },
      { dm: 'one', from: 4, to: 3, improving: true },
      { dm: 'two', from: 1, to: 3, improving: false },
      { dm: 'two', from: 2, to: 4, improving: false },
      { dm: 'two', from: 3, to: 1, improving: true },
      { dm: 'two', from: 4, to: 2, improving: true },
    ]);
  });

  it('traces the status quo to the equilibria when the model names one', async () => {
    const result = await workbench.call('conflict.analyze', {
      model: { ...conflictJson(syriaIraq), statusQuo: 1 },
    });
    expect(result.statusQuo).toBe(1);
    expect(result.statusQuoPaths?.equilibria).toEqual([6]);
    expect(result.sentences.at(-1)).toMatch(/^The status quo, state 1 /);
  });

  it('reads a GMCR+ save file posted as text or as JSON to the same equilibria', async () => {
    const text = writeGmcrFile(syriaIraq);
    for (const gmcr of [text, JSON.parse(text) as Record<string, unknown>]) {
      const result = await workbench.call('conflict.analyze', { gmcr });
      expect(result.equilibria).toEqual({ nash: [6], gmr: [1, 6], smr: [6], seq: [6] });
    }
  });

  it('refuses bad input naming the field', async () => {
    const cuba = conflictJson(cubanMissileCrisis) as { options: { dm: string }[] };
    const unknownOwner = structuredClone(cuba);
    unknownOwner.options[1]!.dm = 'cuba';
    const owner = await refusal(workbench.call('conflict.analyze', { model: unknownOwner }));
    expect(owner.field).toBe('model.options[1].dm');
    expect(owner.message).toMatch(/^model\.options\[1\]\.dm: unknown decision maker "cuba"/);

    const badStatement = {
      ...conflictJson(prisonersDilemma),
      preferences: {
        one: { statements: ['cooperate-2 & (-cooperate-1'] },
        two: { statements: ['cooperate-1'] },
      },
    };
    const statement = await refusal(workbench.call('conflict.analyze', { model: badStatement }));
    expect(statement.field).toBe('model.preferences.one.statements[0]');
    expect(statement.message).toMatch(/model\.preferences\.one\.statements\[0\]/);

    const shortRanking = {
      ...conflictJson(prisonersDilemma),
      preferences: { one: { ranking: [2, 4, 1] }, two: { ranking: [3, 4, 1, 2] } },
    };
    const ranking = await refusal(workbench.call('conflict.analyze', { model: shortRanking }));
    expect(ranking.field).toBe('model.preferences.one.ranking');
    expect(ranking.message).toMatch(/misses state 3/);

    const notGmcr = await refusal(workbench.call('conflict.analyze', { gmcr: '{"hello": "world"}' }));
    expect(notGmcr.field).toBe('gmcr');

    const both = await refusal(
      workbench.call('conflict.analyze', { model: conflictJson(prisonersDilemma), gmcr: '{}' }),
    );
    expect(both.message).toMatch(/exactly one/);
  });
});

describe('conflict.explain', () => {
  it("says why mutual cooperation holds in the prisoners' dilemma: each defection is deterred by the other's", async () => {
    const result = await workbench.call('conflict.explain', {
      model: conflictJson(prisonersDilemma),
      state: 4,
    });
    expect(result.stable).toEqual({ nash: false, gmr: true, smr: true, seq: true });
    const one = result.decisionMakers[0]!;
    expect(one.improvements).toHaveLength(1);
    expect(one.improvements[0]!.seq.deterred).toBe(true);
    expect(one.improvements[0]!.seq.sanction[0]!.dm).toBe('two');
    expect(one.sentences.join(' ')).toMatch(/State 4 is SEQ stable for Prisoner 1/);
  });

  it('refuses an unknown state or DM naming the field', async () => {
    const state = await refusal(
      workbench.call('conflict.explain', { model: conflictJson(prisonersDilemma), state: 9 }),
    );
    expect(state.field).toBe('state');
    const dm = await refusal(
      workbench.call('conflict.explain', { model: conflictJson(prisonersDilemma), state: 1, dm: 'three' }),
    );
    expect(dm.field).toBe('dm');
  });
});

describe('conflict files', () => {
  it('analyses, explains and traces a .json and a .gmcr file alike, and converts between them', async () => {
    const json = join(dir, 'cuba.json');
    writeFileSync(json, writeConflictJson({ ...cubanMissileCrisis, statusQuo: 1 }));
    const fromJson = await workbench.call('conflict.analyze-file', { path: json });
    expect(fromJson.equilibria.seq).toEqual([5, 6, 7]);

    const gmcr = join(dir, 'cuba.gmcr');
    const written = await workbench.call('conflict.convert-file', { path: json, outPath: gmcr });
    expect(written.format).toBe('gmcr');
    expect(written.notCarried.join(' ')).toMatch(/status quo \(state 1\)/);
    expect(JSON.parse(readFileSync(gmcr, 'utf8')).decisionMakers).toHaveLength(2);
    const fromGmcr = await workbench.call('conflict.analyze-file', { path: gmcr });
    expect(fromGmcr.equilibria).toEqual(fromJson.equilibria);

    const back = join(dir, 'cuba-back.json');
    await workbench.call('conflict.convert-file', { path: gmcr, outPath: back });
    expect((await workbench.call('conflict.analyze-file', { path: back })).equilibria).toEqual(
      fromJson.equilibria,
    );

    const explained = await workbench.call('conflict.explain-file', { path: json, state: 6, dm: 'us' });
    expect(explained.decisionMakers.map((d) => d.dm)).toEqual(['us']);
    expect(explained.stable.nash).toBe(true);

    const paths = await workbench.call('conflict.paths-file', { path: json });
    expect(paths.from).toBe(1);
    expect(paths.toEquilibria.map((p) => p.equilibrium)).toEqual([5, 6, 7]);
    const reached = paths.toEquilibria.filter((p) => p.reachable);
    expect(reached.length).toBeGreaterThan(0);
    expect(reached[0]!.paths[0]!.sentence).toMatch(/^From state 1 to equilibrium \d+ in \d+ steps?: /);
  });

  it('refuses a file that is not a conflict, naming the file', async () => {
    const bad = join(dir, 'bad.gmcr');
    writeFileSync(bad, '{"options": 3}');
    const error = await refusal(workbench.call('conflict.analyze-file', { path: bad }));
    expect(error.field).toBe('path');
    expect(error.message).toContain(bad);
    const missing = await refusal(workbench.call('conflict.analyze-file', { path: join(dir, 'none.json') }));
    expect(missing.message).toMatch(/no such conflict file/);
  });
});

describe('conflict.changes', () => {
  it('lists the single preference changes that would make a state an equilibrium, per side', async () => {
    // Syria–Iraq: state 1 is GMR-stable but not SEQ; what would make it SEQ-stable?
    const result = await workbench.call('conflict.changes', {
      model: conflictJson(syriaIraq),
      target: 1,
      definition: 'seq',
    });
    expect(result.alreadyEquilibrium).toBe(false);
    expect(result.changes.length).toBeGreaterThan(0);
    for (const change of result.changes) expect(change.equilibriaAfter).toContain(1);
    expect(result.sentences.length).toBeGreaterThan(0);
    const already = await workbench.call('conflict.changes', { model: conflictJson(syriaIraq), target: 6 });
    expect(already.sentences[0]).toMatch(/already is a SEQ equilibrium/);
    const unknown = await refusal(
      workbench.call('conflict.changes', { model: conflictJson(syriaIraq), target: 99 }),
    );
    expect(unknown.field).toBe('target');
  });
});

describe('the shipped models', () => {
  it('lists jcpoa-2021, serves it as written and analyses it by id and as posted alike', async () => {
    const { conflicts } = await workbench.call('conflict.models', {});
    const jcpoa = conflicts.find((c) => c.id === 'jcpoa-2021');
    expect(jcpoa?.problem).toBeUndefined();
    expect(jcpoa?.decisionMakers.map((dm) => dm.id)).toEqual(['us', 'iran', 'e3']);
    const { model } = await workbench.call('conflict.model', { id: 'jcpoa-2021' });
    expect(model.options.some((o) => o.refersTo?.some((r) => r.kind === 'red-line'))).toBe(true);
    const byId = await workbench.call('conflict.model-analysis', { id: 'jcpoa-2021' });
    expect(byId.states).toHaveLength(jcpoa!.states!);
    expect(byId.statusQuo).toBe(model.statusQuo);
    // The page's re-analysis after an edit posts the model, with every move listed (its time is measured
    // in bench/conflict.ts, not here).
    const posted = await workbench.call('conflict.analyze', { model, moves: true });
    expect(posted.equilibria).toEqual(byId.equilibria);
    for (const dm of posted.decisionMakers) {
      for (const statement of dm.statements) expect(statement.source?.quote).toBeTruthy();
    }
    const unknown = await workbench.call('conflict.model', { id: 'nowhere' }).catch((e: Error) => e);
    expect((unknown as Error).message).toMatch(
      /no shipped conflict nowhere; the shipped ones are .*jcpoa-2021/,
    );
  });
});
