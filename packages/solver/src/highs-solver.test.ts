import type { LinearModel } from '@lockstep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { highsModule } from './highs-module.ts';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

const tiny: LinearModel = {
  variables: [
    { name: 'x', lower: 0, upper: 1, type: 'binary' },
    { name: 'y', lower: 0, upper: 10, type: 'continuous' },
  ],
  constraints: [
    {
      name: 'c',
      terms: [
        { variable: 'x', coefficient: 3 },
        { variable: 'y', coefficient: 1 },
      ],
      sense: '>=',
      rhs: 4.5,
    },
  ],
  objective: [
    { variable: 'x', coefficient: 2 },
    { variable: 'y', coefficient: 1 },
  ],
};

/**
 * A market split instance (Cornuéjols and Dawande): 4 equality rows over 40 binaries with seeded random
 * coefficients, relaxed by penalised slacks. Branch and bound takes far longer than a test may wait.
 */
function marketSplit(): LinearModel {
  let seed = 2021;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const n = 40;
  const variables: LinearModel['variables'][number][] = Array.from({ length: n }, (_, j) => ({
    name: `x${j}`,
    lower: 0,
    upper: 1,
    type: 'binary',
  }));
  const constraints: LinearModel['constraints'][number][] = [];
  for (let i = 0; i < 4; i++) {
    const a = Array.from({ length: n }, () => Math.floor(random() * 100));
    variables.push(
      { name: `up${i}`, lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' },
      { name: `down${i}`, lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' },
    );
    constraints.push({
      name: `row${i}`,
      terms: [
        ...a.map((coefficient, j) => ({ variable: `x${j}`, coefficient })),
        { variable: `up${i}`, coefficient: 1 },
        { variable: `down${i}`, coefficient: -1 },
      ],
      sense: '=',
      rhs: Math.floor(a.reduce((s, v) => s + v, 0) / 2),
    });
  }
  const objective = [0, 1, 2, 3].flatMap((i) => [
    { variable: `up${i}`, coefficient: 1 },
    { variable: `down${i}`, coefficient: 1 },
  ]);
  return { variables, constraints, objective };
}

describe('HighsSolver', () => {
  it('solves a small MILP in a worker thread', async () => {
    const result = await solver.solve(tiny, { timeLimitSeconds: 10 });
    expect(result).toMatchObject({ status: 'optimal', gap: 0, objectiveValue: 3.5 });
    expect(result.values).toMatchObject({ x: 1, y: 1.5 });
  });

  it('reports an infeasible model', async () => {
    const infeasible: LinearModel = {
      ...tiny,
      constraints: [
        ...tiny.constraints,
        { name: 'cap', terms: [{ variable: 'y', coefficient: 1 }], sense: '<=', rhs: 1 },
      ],
    };
    const result = await solver.solve(
      { ...infeasible, variables: [{ ...tiny.variables[0]!, upper: 0 }, tiny.variables[1]!] },
      { timeLimitSeconds: 10 },
    );
    expect(result.status).toBe('infeasible');
    expect(result.values).toBeUndefined();
  });

  it('stops at the time limit without blocking the caller', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const result = await solver.solve(marketSplit(), { timeLimitSeconds: 0.5 });
    clearInterval(timer);
    // HiGHS stops with its best plan so far and the gap to its best bound.
    expect(result.status).toBe('time-limit');
    expect(result.values).toBeDefined();
    expect(result.gap).toBeGreaterThan(0);
    expect(result.seconds).toBeLessThan(3);
    expect(ticks).toBeGreaterThan(5);
  });

  it('cancels a solve by terminating the worker, and solves again afterwards', async () => {
    const controller = new AbortController();
    const running = solver.solve(marketSplit(), { timeLimitSeconds: 60, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(result.seconds).toBeLessThan(2);
    expect((await solver.solve(tiny, { timeLimitSeconds: 10 })).status).toBe('optimal');
  });

  it('cancels queued solves too', async () => {
    const single = new HighsSolver({ workers: 1 });
    const running = single.solve(marketSplit(), { timeLimitSeconds: 60 });
    const queued = single.solve(tiny, { timeLimitSeconds: 10 });
    setTimeout(() => single.cancel(), 200);
    expect((await running).status).toBe('cancelled');
    expect((await queued).status).toBe('cancelled');
    expect((await single.solve(tiny, { timeLimitSeconds: 10 })).status).toBe('optimal');
    await single.close();
  });

  it('gives a solve waiting for a free worker its whole time limit once a worker takes it', async () => {
    const single = new HighsSolver({ workers: 1 });
    const first = single.solve(marketSplit(), { timeLimitSeconds: 0.5 });
    const second = await single.solve(tiny, { timeLimitSeconds: 0.3 });
    expect((await first).status).toBe('time-limit');
    expect(second).toMatchObject({ status: 'optimal', objectiveValue: 3.5 });
    await single.close();
  });

  it('reports a model it cannot write as an error, and goes on', async () => {
    const broken = { ...tiny, objective: [{ variable: 'x', coefficient: Number.NaN }] };
    expect(await solver.solve(broken, { timeLimitSeconds: 10 })).toMatchObject({
      status: 'error',
      message: 'LP text: NaN is not a finite number',
    });
    expect((await solver.solve(tiny, { timeLimitSeconds: 10 })).status).toBe('optimal');
  });

  it('queues solves on one worker and answers each', async () => {
    const single = new HighsSolver({ workers: 1 });
    const results = await Promise.all([1, 2, 3].map(() => single.solve(tiny, { timeLimitSeconds: 10 })));
    expect(results.map((r) => r.objectiveValue)).toEqual([3.5, 3.5, 3.5]);
    await single.close();
  });

  it('runs solves asked for at once on parallel workers, each answered with its own model', async () => {
    const pool = new HighsSolver({ workers: 2 });
    // A long solve on one worker does not hold the short ones, which finish first on the other...
    let longEnded = false;
    const long = pool.solve(marketSplit(), { timeLimitSeconds: 4 }).then((result) => {
      longEnded = true;
      return result;
    });
    const shifted = [4.5, 7.5, 1.5].map((rhs) =>
      pool.solve({ ...tiny, constraints: [{ ...tiny.constraints[0]!, rhs }] }, { timeLimitSeconds: 10 }),
    );
    const short = await Promise.all(shifted);
    expect(longEnded).toBe(false);
    // ...and every caller gets its own model's answer, whatever the order they finished in.
    expect(short.map((r) => r.objectiveValue)).toEqual([3.5, 6.5, 1.5]);
    expect((await long).status).toBe('time-limit');
    await pool.close();
  });

  it('cancels a solve asked for while its worker is still starting, and starts one for the next', async () => {
    const fresh = new HighsSolver({ workers: 1 });
    const first = fresh.solve(tiny, { timeLimitSeconds: 10 });
    fresh.cancel();
    expect((await first).status).toBe('cancelled');
    expect((await fresh.solve(tiny, { timeLimitSeconds: 10 })).objectiveValue).toBe(3.5);
    await fresh.close();
  });

  it('runs every worker of every solver on the one HiGHS module compiled for the process', async () => {
    const module = await highsModule();
    expect(module).toBeDefined();
    expect(await highsModule()).toBe(module);
    // Workers of two solvers, each instantiated from it, answer as before.
    const other = new HighsSolver({ workers: 1 });
    const answers = await Promise.all([
      solver.solve(tiny, { timeLimitSeconds: 10 }),
      other.solve(tiny, { timeLimitSeconds: 10 }),
    ]);
    expect(answers.map((r) => r.objectiveValue)).toEqual([3.5, 3.5]);
    await other.close();
  });
});
