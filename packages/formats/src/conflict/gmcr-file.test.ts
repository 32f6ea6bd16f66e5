import { readFileSync } from 'node:fs';
import { analyzeConflict, type ConflictModel, compileConflict, rankingOf } from '@lockstep/core';
import { generateConflict, textbookConflicts } from '@lockstep/core/testing';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { parseGmcrFile, writeGmcrFile } from './gmcr-file.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** What the analysis sees of a model: options (name, owner's name, direction) in numbering order, states, rankings. */
function analysisTerms(model: ConflictModel) {
  const compiled = compileConflict(model);
  return {
    options: compiled.options.map((o) => [o.name, compiled.decisionMakers[o.dmIndex]!.name, o.reversibility]),
    states: compiled.states.map((s) => s.yn),
    rankings: compiled.decisionMakers.map((_, d) => rankingOf(compiled, d)),
  };
}

function formatError(text: string): FormatError {
  try {
    parseGmcrFile(text, 'bad.gmcr');
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('parseGmcrFile', () => {
  it('reads the Cuban missile crisis (gmcr-py 0.3.1) to its published equilibria', () => {
    const model = parseGmcrFile(fixture('cuban-missile-crisis.gmcr'), 'fixtures/cuban-missile-crisis.gmcr');
    expect(model.title).toBe('cuban-missile-crisis');
    expect(model.options.map((o) => [o.id, o.dm, o.reversibility])).toEqual([
      ['air-strike', 'us', 'fwd'],
      ['blockade', 'us', 'both'],
      ['withdraw', 'ussr', 'both'],
      ['escalate', 'ussr', 'both'],
    ]);
    expect(model.infeasible).toEqual([{ text: 'withdraw & escalate' }]);
    const us = model.preferences.us;
    expect(us?.kind === 'statements' && us.statements.map((s) => s.text).slice(0, 3)).toEqual([
      'withdraw',
      '-escalate',
      '-air-strike & withdraw',
    ]);
    const analysis = analyzeConflict(compileConflict(model));
    expect(analysis.equilibria).toEqual({
      nash: [6],
      gmr: [1, 2, 3, 5, 6, 7, 8],
      smr: [1, 2, 3, 5, 6, 7, 8],
      seq: [5, 6, 7],
    });
    expect(model.notAnalysed).toBeUndefined();
  });

  it('reads Syria–Iraq with misperceptions (0.3.12): equilibria as published, misperceptions reported', () => {
    const model = parseGmcrFile(fixture('syria-iraq-misperceptions.gmcr'), 'syria-iraq-misperceptions.gmcr');
    expect(analyzeConflict(compileConflict(model)).equilibria).toEqual({
      nash: [6],
      gmr: [1, 6],
      smr: [6],
      seq: [6],
    });
    expect(model.notAnalysed).toEqual([
      expect.stringMatching(
        /^Syria misperceives the states where release-water & -escalate \(GMCR\+ misperceptions\)/,
      ),
      expect.stringMatching(/^Iraq misperceives the states where -release-water & -escalate/),
    ]);
  });

  it('reads a manual ranking with ties (Elmira, 0.3.6) as state numbers, and one-way options', () => {
    const model = parseGmcrFile(fixture('elmira.gmcr'), 'elmira.gmcr');
    expect(model.options.map((o) => o.reversibility)).toEqual(['fwd', 'back', 'both', 'fwd', 'both']);
    expect(model.preferences.moe).toEqual({
      kind: 'ranking',
      ranking: [[9], [3], [4], [10], [7], [1], [2], [8], [11, 5, 6, 12]],
    });
    const compiled = compileConflict(model);
    expect(compiled.states).toHaveLength(12);
    expect(rankingOf(compiled, 1)[4]).toEqual([5, 6, 11, 12]);
  });

  it('reports a declared coalition rather than dropping it', () => {
    const json = JSON.parse(fixture('elmira.gmcr'));
    json.coalitions = [[0, 2], 1];
    const model = parseGmcrFile(JSON.stringify(json), 'elmira.gmcr');
    expect(model.notAnalysed).toEqual([
      expect.stringMatching(
        /^Declared coalition of MoE, Local Government \(GMCR\+ coalitions\): read but not analysed/,
      ),
    ]);
  });

  it('numbers states as GMCR+ does when the file lists options out of DM order', () => {
    const json = JSON.parse(fixture('cuban-missile-crisis.gmcr'));
    // Put the USSR's options first in the file: indices everywhere move with them.
    const moved = [2, 3, 0, 1];
    json.options = [json.options[2], json.options[3], json.options[0], json.options[1]];
    const remap = (condition: unknown): unknown =>
      Array.isArray(condition)
        ? condition.map(([o, yn]: [number, string]) => [moved[o], yn])
        : { compound: true, members: (condition as { members: unknown[] }).members.map(remap) };
    for (const dm of json.decisionMakers) {
      dm.options = dm.options.map((o: number) => moved[o]);
      dm.preferences = dm.preferences.map(remap);
    }
    json.infeasibles = json.infeasibles.map(remap);
    const reordered = parseGmcrFile(JSON.stringify(json), 'cuban.gmcr');
    const original = parseGmcrFile(fixture('cuban-missile-crisis.gmcr'), 'cuban.gmcr');
    expect(analysisTerms(reordered)).toEqual(analysisTerms(original));
  });

  it.each([
    ['an array', '[]', '(root)', 'GMCR+ save file'],
    ['no options', '{"decisionMakers": [], "infeasibles": []}', 'options', 'missing'],
    [
      'an option index out of range',
      (j: GmcrJson) => (j.decisionMakers[0]!.options = [0, 7]),
      'decisionMakers[0].options[1]',
      'not an option index',
    ],
    [
      'a direction GMCR+ does not have',
      (j: GmcrJson) => (j.options[1]!.permittedDirection = 'up'),
      'options[1].permittedDirection',
      'both, fwd, back',
    ],
    [
      'an option nobody controls',
      (j: GmcrJson) => (j.decisionMakers[1]!.options = [2]),
      'options[3]',
      'no decision maker controls',
    ],
    [
      'an option controlled twice',
      (j: GmcrJson) => (j.decisionMakers[1]!.options = [2, 3, 0]),
      'decisionMakers[1].options[2]',
      'already controlled',
    ],
    [
      'a condition that is not one',
      (j: GmcrJson) => (j.infeasibles = [[[2, 'yes']]]),
      'infeasibles[0][0]',
      '[optionIndex, "Y" or "N"]',
    ],
  ])('refuses %s, naming the field', (_, change, where, says) => {
    let text: string;
    if (typeof change === 'string') text = change;
    else {
      const json: GmcrJson = JSON.parse(fixture('cuban-missile-crisis.gmcr'));
      change(json);
      text = JSON.stringify(json, null, 1);
    }
    const error = formatError(text);
    expect(error.where.startsWith(where)).toBe(true);
    expect(error.problem).toContain(says);
  });

  it('names the line of the field and of a JSON syntax error', () => {
    const text = fixture('cuban-missile-crisis.gmcr').replace('"fwd"', '"forward"');
    expect(formatError(text).where).toMatch(/^options\[0\]\.permittedDirection \(line \d+\)$/);
    expect(formatError('{\n "options": [,]\n}').where).toBe('line 2, column 14');
  });
});

/** The parts of a .gmcr file the refusal tests change. */
interface GmcrJson {
  options: { permittedDirection: string }[];
  decisionMakers: { options: number[] }[];
  infeasibles: unknown[];
}

describe('writeGmcrFile', () => {
  it('writes what gmcr-py 0.4.1 writes', () => {
    const json = JSON.parse(writeGmcrFile(textbookConflicts[1]!.model));
    expect(Object.keys(json)).toEqual([
      'decisionMakers',
      'coalitions',
      'coalitionsFull',
      'options',
      'infeasibles',
      'useManualPreferenceRanking',
      'program',
      'version',
    ]);
    expect(json.options[0]).toEqual({ name: 'Release water', permittedDirection: 'both' });
    expect(json.infeasibles).toEqual([
      [
        [0, 'Y'],
        [1, 'Y'],
      ],
    ]);
    expect(json.decisionMakers[0].preferences[0]).toEqual([
      [0, 'N'],
      [1, 'N'],
      [2, 'N'],
    ]);
    // The payoffs GMCR+ computes for Syria in its own example file.
    expect(json.decisionMakers[0].payoffs).toEqual([6, 3, 5, 2, 1, 4]);
    expect(json.coalitions).toEqual([0, 1]);
  });

  it('round trip: the textbook conflicts read back the same in analysis terms, with the same equilibria', () => {
    for (const { model, equilibria } of textbookConflicts) {
      const back = parseGmcrFile(writeGmcrFile(model), `${model.id}.gmcr`);
      expect(analysisTerms(back)).toEqual(analysisTerms(model));
      expect(analyzeConflict(compileConflict(back)).equilibria).toEqual(equilibria);
    }
  });

  it('round trip: random conflicts with statements, rankings and payoffs read back the same', () => {
    for (const preferenceForm of ['statements', 'ranking', 'payoffs', 'mixed'] as const) {
      for (let seed = 1; seed <= 5; seed++) {
        const model = generateConflict({ decisionMakers: 3, options: 7, preferenceForm, seed });
        const back = parseGmcrFile(writeGmcrFile(model), 'generated.gmcr');
        expect(analysisTerms(back)).toEqual(analysisTerms(model));
      }
    }
  });

  it('writes a compound condition for a statement that needs more than one conjunction', () => {
    const cuban = textbookConflicts[2]!.model;
    const json = JSON.parse(writeGmcrFile(cuban));
    const withdrawOrBoth = json.decisionMakers[0].preferences[6];
    expect(withdrawOrBoth.compound).toBe(true);
    expect(withdrawOrBoth.members.length).toBeGreaterThan(1);
  });
});
