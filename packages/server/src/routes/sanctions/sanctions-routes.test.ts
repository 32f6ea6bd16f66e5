import { Workbench } from '@lockstep/app';
import { defaultPositions, SanctionsPositionList } from '@lockstep/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../build-server.ts';

let workbench: Workbench;
let server: FastifyInstance;

beforeAll(async () => {
  // The positions come from the shipped files, not the store: no dataset needs loading.
  workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  server = await buildServer({ workbench });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await workbench?.close();
});

describe('GET /api/sanctions/positions', () => {
  it('serves the positions, the category labels and the default of each comparison, as the contract says', async () => {
    const response = await server.inject('/api/sanctions/positions');
    expect(response.statusCode).toBe(200);
    const body = SanctionsPositionList.parse(response.json());
    expect(body.positions.map((p) => p.id)).toEqual(['us-2021', 'iran-2021']);
    expect(body.positions[0]).toMatchObject({ label: 'United States 2021', holder: 'United States' });
    expect(body.categories.map((c) => c.id)).toEqual(['lift', 'keep', 'difficult']);
    expect(body.defaults).toEqual(defaultPositions);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await server.inject('/api/openapi.json')).json();
    expect(document.paths['/api/sanctions/positions'].get.summary).toMatch(/positions\.json/);
  });
});
