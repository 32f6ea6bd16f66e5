import { parentPort } from 'node:worker_threads';
import { solveScenario } from './plan-operations.ts';
import type { SolveWorkerMessage, SolveWorkerRequest } from './solve-options.ts';

// Runs in a worker thread started by `solveScenarioInWorker`: building the model, the greedy start, the LP
// text, reading the solution back and checking the plan all take CPU time that must not hold the caller's
// event loop, and that the caller must be able to stop at the time limit by terminating this thread, so the
// whole answer is computed here (HiGHS itself runs in a worker of this worker).
const port = parentPort;
if (!port) throw new Error('solve-worker.ts must be started as a worker thread');
const send = (message: SolveWorkerMessage) => port.postMessage(message);
const controller = new AbortController();
port.on('message', async (message: SolveWorkerRequest | 'cancel') => {
  if (message === 'cancel') {
    controller.abort();
    return;
  }
  try {
    const result = await solveScenario(message.scenario, {
      timeLimitSeconds: message.timeLimitSeconds,
      deadline: message.deadline,
      signal: controller.signal,
      onProgress: (progress) => send({ progress }),
      onPartial: (partial) => send({ partial }),
    });
    send({ result });
  } catch (error) {
    send({ error: error instanceof Error ? error.message : String(error) });
  }
});
send('ready');
