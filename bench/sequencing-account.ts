/**
 * The full conflict account of scenarios/jcpoa-2021.json (`diagnoseConflicts`, what `plan solve` adds when its
 * red lines conflict), wall clock, on one HiGHS worker per core against the serial account in the same run:
 * one worker and no feasibility cache (`cache: false`, every check solved in the deletion filter's order)
 * (issue 16, item 4; `BENCH_ONLY=sequencing-account`). The old diagnosis (the concession plans' slack only
 * capped) can no longer be selected, so its figure is stated in the line. Both answers must agree: the line
 * says whether they do.
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
 * The conflict account of jcpoa-2021 on a fresh solver of `workers` threads (HighsSolver's defaults: every
 * worker started at the first solve), after a first solve as `plan solve`'s own would be: seconds, solves,
 * whether every concession plan was proved, and the answer (conflicts, concessions, least-concession slacks).
 */
async function conflictAccount(
  scenario: SequencingScenario,
  workers: number,
  cache: boolean,
): Promise<{
  seconds: number;
  solves: number;
  conflicts: number;
  plansProved: boolean;
  answer: string;
}> {
  const solver = new HighsSolver({ workers });
  try {
    await solveSequencing(scenario, solver, { timeLimitSeconds: 60 });
    const started = performance.now();
    const diagnosis = await diagnoseConflicts(scenario, solver, { timeLimitSeconds: 60, cache });
    return {
      seconds: (performance.now() - started) / 1000,
      solves: diagnosis.solves,
      conflicts: diagnosis.conflicts.length,
      plansProved: diagnosis.relaxations.every((r) => r.planGap === 0),
      answer: JSON.stringify([
        diagnosis.conflicts,
        diagnosis.relaxations.map((r) => [r.conflict, r.redLine, r.concession]),
        diagnosis.leastConcession?.slacks,
      ]),
    };
  } finally {
    await solver.close();
  }
}

/**
 * The full conflict account of scenarios/jcpoa-2021.json, parallel against serial (issue 16, item 4): the
 * figure is a later account in the process (a server's), the first one's is given beside it.
 */
export async function sequencingAccountCase(emit: Emit): Promise<void> {
  const scenario = validateScenario(
    JSON.parse(readFileSync(new URL('../scenarios/jcpoa-2021.json', import.meta.url), 'utf8')),
    roomyScenarioLimits,
  );
  const workers = availableParallelism();
  // The first account of the process: HiGHS's code is compiled here and optimised by V8 as it runs.
  const cold = await conflictAccount(scenario, workers, true);
  // A later account on a new HighsSolver (as the server makes one per plan job): its workers share the
  // process's compiled module, and so the code V8 optimised during the first.
  const parallel = await conflictAccount(scenario, workers, true);
  const serial = await conflictAccount(scenario, 1, false);
  emit({
    bench: 'sequencing',
    case: `jcpoa-2021 full conflict account (diagnoseConflicts), wall clock, ${workers} HiGHS workers, in a process that has solved before (target: < 3 s)`,
    value: round(parallel.seconds, 2),
    unit: 's',
    targetMet: parallel.seconds < 3,
    workers,
    solves: parallel.solves,
    conflicts: parallel.conflicts,
    plansProved: parallel.plansProved,
    sameAnswerAsSerial: parallel.answer === serial.answer && cold.answer === serial.answer,
    firstInProcess: { seconds: round(cold.seconds, 2), plansProved: cold.plansProved },
    peer: {
      serial: {
        case: 'one worker, no feasibility cache',
        seconds: round(serial.seconds, 2),
        solves: serial.solves,
        plansProved: serial.plansProved,
      },
      before:
        '12–13 s (measured 2026-12-05): serial, 22 solves, the concession plans’ slack only capped, one plan cut at 3 s with an 85 % gap',
    },
  });
}
