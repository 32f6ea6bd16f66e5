/**
 * The full conflict account of scenarios/jcpoa-2021.json (`diagnoseConflicts`, what `plan solve` adds when its
 * red lines conflict), wall clock, on one HiGHS worker per core against the same diagnosis on one worker, in
 * the same run (issue 16, item 4; `BENCH_ONLY=sequencing-account`). The old diagnosis (serial, the concession
 * plans' slack only capped) can no longer be selected, so its figure is stated in the line.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  diagnoseConflicts,
  type SequencingScenario,
  solveSequencing,
  validateScenario,
} from '@lockstep/core';
import { roomyScenarioLimits } from '@lockstep/core/testing';
import { HighsSolver } from '@lockstep/solver';
import type { Emit } from './emit.ts';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The conflict account of jcpoa-2021 on a fresh solver of `workers` threads, one of them warmed by a first
 * solve as `plan solve`'s own solve would have (the others start within the account): seconds, solves and
 * whether every concession plan was proved.
 */
async function conflictAccount(
  scenario: SequencingScenario,
  workers: number,
): Promise<{ seconds: number; solves: number; conflicts: number; plansProved: boolean }> {
  const solver = new HighsSolver({ workers });
  try {
    await solveSequencing(scenario, solver, { timeLimitSeconds: 60 });
    const started = performance.now();
    const diagnosis = await diagnoseConflicts(scenario, solver, { timeLimitSeconds: 60 });
    return {
      seconds: (performance.now() - started) / 1000,
      solves: diagnosis.solves,
      conflicts: diagnosis.conflicts.length,
      plansProved: diagnosis.relaxations.every((r) => r.planGap === 0),
    };
  } finally {
    await solver.close();
  }
}

/** The full conflict account of scenarios/jcpoa-2021.json, parallel against serial (issue 16, item 4). */
export async function sequencingAccountCase(emit: Emit): Promise<void> {
  const scenario = validateScenario(
    JSON.parse(readFileSync(new URL('../scenarios/jcpoa-2021.json', import.meta.url), 'utf8')),
    roomyScenarioLimits,
  );
  const workers = availableParallelism();
  const parallel = await conflictAccount(scenario, workers);
  const serial = await conflictAccount(scenario, 1);
  emit({
    bench: 'sequencing',
    case: `jcpoa-2021 full conflict account (diagnoseConflicts), wall clock, ${workers} HiGHS workers (target: < 3 s)`,
    value: round(parallel.seconds, 2),
    unit: 's',
    workers,
    solves: parallel.solves,
    conflicts: parallel.conflicts,
    plansProved: parallel.plansProved,
    peer: {
      oneWorker: {
        seconds: round(serial.seconds, 2),
        solves: serial.solves,
        plansProved: serial.plansProved,
      },
      before:
        '12–13 s (measured 2026-12-05): serial, 22 solves, the concession plans’ slack only capped, one plan cut at 3 s with an 85 % gap',
    },
  });
}
