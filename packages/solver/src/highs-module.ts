import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
export interface WasmApi {
  compile(bytes: Uint8Array): Promise<WebAssembly.Module>;
  instantiate(module: WebAssembly.Module, imports: object): Promise<object>;
  readonly Module: abstract new (...args: never[]) => WebAssembly.Module;
}

/** The runtime's WebAssembly object. */
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<WebAssembly.Module | undefined> | undefined;
let ready: WebAssembly.Module | undefined;

/**
 * HiGHS's WebAssembly, compiled once per process and handed to every HiGHS worker thread (`workerData`), so
 * that all workers of all `HighsSolver`s run one compiled module. V8 keeps the code it optimises as solves
 * run (its tier-up) with the module, so a worker started for a new plan job solves at the speed the process
 * has already reached, where a worker loading HiGHS on its own starts again from unoptimised code: measured
 * on jcpoa-2021's conflict account models, the first solve in a fresh worker 3.4 s on its own against 2.8 s
 * with the shared module, once another worker had run it. A thread started with the module in its
 * `workerData.highsModule` (a plan job's solve thread, see `compiledHighsModule`) uses that one.
 * `undefined` when it cannot be compiled here (the workers then load HiGHS themselves, as before).
 */
export function highsModule(): Promise<WebAssembly.Module | undefined> {
  compiled ??= (async () => {
    const given = (workerData as { highsModule?: unknown } | null | undefined)?.highsModule;
    if (given instanceof wasm.Module) {
      ready = given;
      return given;
    }
    try {
      const path = createRequire(import.meta.url).resolve('highs/runtime');
      ready = await wasm.compile(await readFile(path));
      return ready;
    } catch {
      return undefined;
    }
  })();
  return compiled;
}

/**
 * The module once `highsModule` has compiled it (else `undefined`), to hand to a thread that will start
 * solvers of its own (`workerData.highsModule`); asking starts the compile for the next thread.
 */
export function compiledHighsModule(): WebAssembly.Module | undefined {
  void highsModule();
  return ready;
}
