import { parentPort, workerData } from 'node:worker_threads';
import highsLoader from 'highs';
import { wasm } from './highs-module.ts';
import type { HighsRequest, HighsResponse } from './highs-protocol.ts';

// Runs in a worker thread: HiGHS's solve blocks its thread, so it must never run on the server's.
const port = parentPort;
if (!port) throw new Error('highs-worker.ts must be started as a worker thread');
// highs/types.d.ts is read as CommonJS (the package is "type": "commonjs"), so TypeScript types the default
// import as the whole module; under Node's `import` condition it is build/highs.mjs, whose default export is
// the loader itself.
const loadHighs = highsLoader as unknown as typeof highsLoader.default;
/**
 * The loader's settings: instantiate the module compiled once for the process (`highsModule`), when given, so
 * that this worker runs the code V8 has already optimised; without it HiGHS compiles its own copy.
 */
function withModule(module: unknown): Parameters<typeof loadHighs>[0] {
  if (!(module instanceof wasm.Module)) return undefined;
  return {
    instantiateWasm(imports: object, receive: (instance: object) => void) {
      wasm.instantiate(module, imports).then(receive, (error: unknown) => {
        // The loader waits for `receive`: fail the worker, so the solver reports that it did not start.
        setImmediate(() => {
          throw error;
        });
      });
      return {};
    },
  } as Parameters<typeof loadHighs>[0];
}

const highs = await loadHighs(withModule(workerData?.highsModule));
const statusNames = new Map<number, string>(
  Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name]),
);
const feasibleSolution = highs.constants.solutionStatus.feasible;

function solve(request: HighsRequest): HighsResponse {
  // The persistent model API rather than the one-shot `solve`: it also reports the MIP gap.
  return highs.withModel({ format: 'lp', data: request.lpText }, (model): HighsResponse => {
    // The model has been read: what is left of the caller's time is HiGHS's time limit.
    const left = Math.max(0.001, (request.deadline - Date.now()) / 1000);
    model.options.set({ ...request.options, time_limit: Math.min(Number(request.options.time_limit), left) });
    if (request.start) setStart(model, request.start);
    model.run();
    const status = statusNames.get(model.getModelStatus()) ?? 'unknown';
    const feasible = Number(model.info.get('primal_solution_status')) === feasibleSolution;
    const primal: Record<string, number> = {};
    if (feasible) {
      const values = model.getSolution().colValue;
      for (let column = 0; column < model.getDimensions().numCols; column++) {
        primal[model.getColName(column)] = values[column]!;
      }
    }
    const gap = Number(model.info.get('mip_gap'));
    return {
      id: request.id,
      ok: true,
      status,
      feasible,
      objectiveValue: Number(model.info.get('objective_function_value')),
      gap: feasible && Number.isFinite(gap) && gap >= 0 ? gap : null,
      primal,
    };
  });
}

/** Offers HiGHS a starting solution (a plan found by a heuristic); HiGHS checks it and may reject it. */
function setStart(
  model: {
    getColByName(name: string): number;
    setSolution(solution: { indices: number[]; values: number[] }): unknown;
  },
  start: Readonly<Record<string, number>>,
): void {
  const indices: number[] = [];
  const values: number[] = [];
  for (const [name, value] of Object.entries(start)) {
    const column = model.getColByName(name);
    if (column >= 0) {
      indices.push(column);
      values.push(value);
    }
  }
  if (indices.length > 0) model.setSolution({ indices, values });
}

port.on('message', (request: HighsRequest) => {
  let response: HighsResponse;
  try {
    response = solve(request);
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
port.postMessage('ready');
