import { parentPort } from 'node:worker_threads';
import type { SequencingScenario } from '@lockstep/core';
import { solveScenario } from './plan-operations.ts';

/** What the server thread sends: one scenario to solve. */
export interface SolveWorkerRequest {
  readonly scenario: SequencingScenario;
  readonly timeLimitSeconds: number;
}

// Runs in a worker thread started by `solveScenarioInWorker`: building the model, the greedy start, the LP
// text, reading the solution back and checking the plan all take CPU time that must not hold the server's
// event loop, so the whole answer is computed here (HiGHS itself runs in a worker of this worker).
const port = parentPort;
if (!port) throw new Error('solve-worker.ts must be started as a worker thread');
const controller = new AbortController();
port.on('message', async (message: SolveWorkerRequest | 'cancel') => {
  if (message === 'cancel') {
    controller.abort();
    return;
  }
  try {
    const result = await solveScenario(message.scenario, {
      timeLimitSeconds: message.timeLimitSeconds,
      signal: controller.signal,
      onProgress: (progress) => port.postMessage({ progress }),
    });
    port.postMessage({ result });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage('ready');
