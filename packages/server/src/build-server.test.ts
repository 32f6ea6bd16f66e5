import { Workbench } from '@lockstep/app';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';

let workbench: Workbench;
let server: FastifyInstance;

beforeAll(async () => {
  // The embedded store in memory: the same operations and shipped data as a real start.
  workbench = await Workbench.open({ dataDir: undefined, databaseUrl: undefined, inMemory: true });
  server = await buildServer({ workbench });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await workbench?.close();
});

describe('the API', () => {
  it('lists the shipped datasets with their sources, dates, hashes and counts', async () => {
    const response = await server.inject('/api/datasets');
    expect(response.statusCode).toBe(200);
    const { datasets } = response.json();
    const sdn = datasets.find((d: { name: string }) => d.name === 'ofac-sdn-2021-08-18');
    expect(sdn).toMatchObject({ domain: 'sanctions', date: '2021-08-18', rowCount: 9083 });
    expect(sdn.source).toContain('OFAC');
    expect(sdn.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by domain', async () => {
    const response = await server.inject('/api/datasets?domain=nuclear');
    const names = response.json().datasets.map((d: { name: string }) => d.name);
    expect(names).toEqual(['jcpoa-limits', 'centrifuge-events', 'iaea-enriched-uranium-stockpile']);
  });

  it('answers an invalid query with a 400 naming the field and the accepted values', async () => {
    const response = await server.inject('/api/datasets?domain=oil');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'bad_request', field: 'query.domain' });
    expect(response.json().error.message).toMatch(/query\.domain: .*"nuclear"\|"sanctions"/);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await server.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'not_found' });
  });

  it('reports health and the store it runs on', async () => {
    const response = await server.inject('/api/health');
    expect(workbench.schemaVersion).toBeGreaterThan(0);
    expect(response.json()).toMatchObject({
      status: 'ok',
      store: { kind: 'pglite', schemaVersion: workbench.schemaVersion },
    });
  });

  it('describes every route in its OpenAPI document', async () => {
    const spec = (await server.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/datasets', '/api/health']));
    expect(spec.paths['/api/datasets'].get.parameters[0]).toMatchObject({ name: 'domain', in: 'query' });
    const docs = await server.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
