/**
 * Conflict analysis (GMCR) cases for `npm run bench` (BENCH_ONLY=conflict runs only these): all four stability
 * definitions (Nash, GMR, SMR, SEQ) for every DM on generated conflicts of 4 DMs and 12 options (4,096
 * states, no infeasible ones; target < 1 s) and 16 options (65,536; target < 15 s), under the standard coalition rule and
 * GMCR+'s; and the re-analysis after one preference edit of a model the size of the JCPOA standoff (4 DMs,
 * 10 options; target < 100 ms). The peer is `baselineStability`, a direct transcription of the definitions
 * (opponents' reachable sets enumerated per state), run in the same process on the same model where it finishes
 * in reasonable time; each line says which model it ran on. The conflicts come from `generateConflict` with the
 * parameters printed on every line.
 */
import { readFileSync } from 'node:fs';
import { Workbench } from '@lockstep/app';
import {
  analyzeConflict,
  type ConflictModel,
  compileConflict,
  preferenceChangeEffect,
  validateConflict,
} from '@lockstep/core';
import { baselineStability, generateConflict } from '@lockstep/core/testing';
import type { Emit } from './emit.ts';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Milliseconds of one call. */
function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Compile and analyse, then the baseline on the same compiled conflict; both times in ms and whether they agree. */
function engineAndBaseline(model: ConflictModel, chain: 'standard' | 'gmcr-plus') {
  const engine = timed(() => analyzeConflict(compileConflict(model), { chain }));
  const compiled = compileConflict(model);
  const baseline = timed(() => baselineStability(compiled, chain));
  const agree = JSON.stringify(baseline.result.equilibria) === JSON.stringify(engine.result.equilibria);
  return { engine, baseline, agree, states: compiled.states.length };
}

export function conflictCases(emit: Emit): void {
  // Warm-up: the JIT compiles the hot loops before the first timed run.
  analyzeConflict(compileConflict(generateConflict({ options: 8, seed: 99 })));

  // The baseline enumerates reachable sets per state: it runs on the 12-option conflict (seconds) and not on the
  // 16-option one (it grows with the square of the states and more).
  const baselineGenerator = { decisionMakers: 4, options: 12, infeasibleConditions: 0, seed: 1 };
  const baselineRuns = {
    standard: engineAndBaseline(generateConflict(baselineGenerator), 'standard'),
    'gmcr-plus': engineAndBaseline(generateConflict(baselineGenerator), 'gmcr-plus'),
  };
  for (const [options, target] of [
    [12, 1000],
    [16, 15000],
  ] as const) {
    for (const chain of ['standard', 'gmcr-plus'] as const) {
      const generator = { decisionMakers: 4, options, infeasibleConditions: 0, seed: 1 };
      const model = generateConflict(generator);
      const compile = timed(() => compileConflict(model));
      const analysis = timed(() => analyzeConflict(compile.result, { chain }));
      const peer = baselineRuns[chain];
      emit({
        bench: 'conflict',
        case: `all four definitions, 4 DMs x ${options} options, ${chain} coalition rule (target < ${target / 1000} s)`,
        value: round(compile.ms + analysis.ms, 1),
        unit: 'ms',
        states: compile.result.states.length,
        compileMs: round(compile.ms, 1),
        analyzeMs: round(analysis.ms, 1),
        equilibria: Object.fromEntries(
          Object.entries(analysis.result.equilibria).map(([definition, ids]) => [definition, ids.length]),
        ),
        generator,
        peer: {
          case:
            options === 12
              ? `baselineStability (direct transcription) on the same conflict (${peer.states} states)`
              : `baselineStability on the 12-option conflict (${peer.states} states); not run on ${options} options, where it does not finish in reasonable time`,
          baselineMs: round(peer.baseline.ms, 1),
          engineMs: round(peer.engine.ms, 1),
          agree: peer.agree,
        },
      });
    }
  }

  // Re-analysis after an edit: swap two statements of one DM, then compile and analyse the changed model
  // (what the page does on every edit); median of 21 runs.
  const generator = { decisionMakers: 4, options: 10, seed: 7, preferenceForm: 'statements' as const };
  const model = generateConflict(generator);
  const times: number[] = [];
  let effect = preferenceChangeEffect(model, { kind: 'swap-statements', dm: 'dm1', first: 0, second: 1 });
  for (let run = 0; run < 21; run++) {
    const edit = timed(() => analyzeConflict(compileConflict(effect.model), { chain: 'standard' }));
    times.push(edit.ms);
    effect = preferenceChangeEffect(effect.model, {
      kind: 'swap-statements',
      dm: 'dm1',
      first: 0,
      second: 1,
    });
  }
  const edited = compileConflict(effect.model);
  const baseline = timed(() => baselineStability(edited, 'standard'));
  emit({
    bench: 'conflict',
    case: 're-analysis after one preference edit, 4 DMs x 10 options, JCPOA-sized (target < 100 ms), median of 21',
    value: round(median(times), 2),
    unit: 'ms',
    states: edited.states.length,
    generator,
    peer: {
      case: 'baselineStability on the same edited model',
      value: round(baseline.ms, 1),
      unit: 'ms',
      agree:
        JSON.stringify(baseline.result.equilibria) === JSON.stringify(analyzeConflict(edited).equilibria),
    },
  });
}

/**
 * The Conflict page's re-analysis after an edit of the shipped model (`conflicts/jcpoa-2021.json`; target
 * < 100 ms): the page posts the edited model to `conflict.analyze` with every move listed, and the answer
 * carries the status quo's paths. Timed through the operation registry (input validation included), median
 * of 21 edits, each swapping the United States' first two statements; the peer is the direct transcription
 * (`baselineStability`) on the same edited model.
 */
export async function conflictPageCase(emit: Emit): Promise<void> {
  const shipped = JSON.parse(
    readFileSync(new URL('../conflicts/jcpoa-2021.json', import.meta.url), 'utf8'),
  ) as { preferences: Record<string, { statements: unknown[] }> };
  const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  try {
    const times: number[] = [];
    let model = shipped;
    let answer: Awaited<ReturnType<typeof workbench.call<'conflict.analyze'>>> | undefined;
    for (let run = 0; run < 22; run++) {
      const us = model.preferences.us!.statements;
      model = {
        ...model,
        preferences: { ...model.preferences, us: { statements: [us[1], us[0], ...us.slice(2)] } },
      };
      const started = performance.now();
      answer = await workbench.call('conflict.analyze', { model, moves: true } as never); // the shipped file's shape is the request's
      if (run > 0) times.push(performance.now() - started); // the first run loads the code paths
    }
    const compiled = compileConflict(validateConflict(model));
    const baseline = timed(() => baselineStability(compiled, 'standard'));
    emit({
      bench: 'conflict',
      case: 'the Conflict page re-analysis after an edit of conflicts/jcpoa-2021.json: conflict.analyze with moves and paths (target < 100 ms), median of 21',
      value: round(median(times), 2),
      unit: 'ms',
      states: answer!.states.length,
      equilibria: answer!.equilibria,
      peer: { case: 'baselineStability on the same edited model', value: round(baseline.ms, 1), unit: 'ms' },
    });
  } finally {
    await workbench.close();
  }
}
