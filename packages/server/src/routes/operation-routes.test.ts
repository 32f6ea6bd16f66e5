import { httpBindings, type Operation, operations, Workbench } from '@lockstep/app';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../build-server.ts';

/**
 * Routes a surface needs beyond the registry: the talks' first run and activation, which check where the
 * request comes from, and sign-in, which sets the session cookie. Every other talks route is an operation.
 * And the health check, which speaks for the server rather than the workbench.
 */
const handWritten = [
  'GET /api/talks/setup',
  'POST /api/talks/setup',
  'POST /api/talks/setup/coordinator',
  'POST /api/talks/activate',
  'POST /api/talks/session',
  // The live events stream: server-sent events, not one answer (its polling twin is an operation).
  'GET /api/talks/events',
  // The health check: what this server is (its id, roles, plan job workers), which no operation knows.
  'GET /api/health',
];

let documented: string[] = [];

beforeAll(async () => {
  const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  const server = await buildServer({ workbench });
  await server.ready();
  const doc = server.swagger() as { paths: Record<string, Record<string, unknown>> };
  documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  await server.close();
  await workbench.close();
}, 60_000);

describe('the routes generated from the operation registry', () => {
  const bound = (Object.values(operations) as Operation[]).flatMap((op) =>
    httpBindings(op)
      .filter((b) => !b.hidden)
      .map((b) => `${b.method} /api${b.path}`),
  );

  it('serve and document a route for every HTTP binding', () => {
    expect(bound.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('serve the talks behind their policy, with the session cookie or a token', () => {
    expect(bound.filter((route) => route.includes('/api/talks/')).length).toBeGreaterThan(30);
  });

  it('leave no documented route without an operation, but the hand-written talks ones', () => {
    const orphans = documented.filter((route) => !bound.includes(route) && !handWritten.includes(route));
    expect(orphans).toEqual([]);
  });
});
