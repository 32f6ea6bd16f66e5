import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer, useTestServer } from './testing/test-server.ts';

// The embedded store in memory: the same operations and shipped data as a real start.
const t = useTestServer();

describe('the API', () => {
  it('lists the shipped datasets with their sources, dates, hashes and counts', async () => {
    const response = await t.inject('/api/datasets');
    expect(response.statusCode).toBe(200);
    const { datasets } = response.json();
    const sdn = datasets.find((d: { name: string }) => d.name === 'ofac-sdn-2021-08-18');
    expect(sdn).toMatchObject({ domain: 'sanctions', date: '2021-08-18', rowCount: 9083 });
    expect(sdn.source).toContain('OFAC');
    expect(sdn.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by domain', async () => {
    const response = await t.inject('/api/datasets?domain=nuclear');
    const names = response.json().datasets.map((d: { name: string }) => d.name);
    expect(names).toEqual([
      'jcpoa-limits',
      'centrifuge-events',
      'iaea-enriched-uranium-stockpile',
      'published-breakout-estimates',
      'additional-protocol',
      'programme-events',
      'iaea-centrifuges',
      'iaea-heavy-water',
      'iaea-reports',
      'iaea-uranium-metal',
    ]);
  });

  it('answers an invalid query with a 400 naming the field and the accepted values', async () => {
    const response = await t.inject('/api/datasets?domain=oil');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'bad_request', field: 'query.domain' });
    expect(response.json().error.message).toMatch(/query\.domain: .*"nuclear"\|"sanctions"/);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await t.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'not_found' });
  });

  it('reports health and the store it runs on', async () => {
    const response = await t.inject('/api/health');
    expect(t.workbench.schemaVersion).toBeGreaterThan(0);
    expect(response.json()).toMatchObject({
      status: 'ok',
      store: { kind: 'pglite', schemaVersion: t.workbench.schemaVersion },
    });
  });

  it('describes every route in its OpenAPI document', async () => {
    const spec = (await t.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/datasets',
        '/api/health',
        '/api/nuclear/compliance',
        '/api/nuclear/overview',
      ]),
    );
    expect(spec.paths['/api/nuclear/breakout'].post.requestBody).toBeDefined();
    expect(spec.paths['/api/datasets'].get.parameters[0]).toMatchObject({ name: 'domain', in: 'query' });
    const docs = await t.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('the nuclear API', () => {
  it('answers compliance on a date with each limit’s figure and source row', async () => {
    const response = await t.inject('/api/nuclear/compliance?asOf=2021-05-30');
    expect(response.statusCode).toBe(200);
    const limit = response.json().limits.find((l: { id: string }) => l.id === 'enrichment-level');
    expect(limit).toMatchObject({
      status: 'breach',
      actual: 60,
      figureAsOf: '2021-05-22',
      source: { line: 8 },
    });
  });

  it('reproduces the published worked example of separative work', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/nuclear/swu',
      payload: { feedPercent: 0.711, productPercent: 3.5, tailsPercent: 0.3, productKg: 1 },
    });
    expect(response.json().feedKg).toBeCloseTo(7.785, 2);
    expect(response.json().swu).toBeCloseTo(4.34, 2);
  });

  it('answers an impossible enrichment job with a 400 naming the parameter', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/nuclear/swu',
      payload: { feedPercent: 0.711, productPercent: 3.5, tailsPercent: 1, productKg: 1 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'bad_request', field: 'body.tailsPercent' });
  });

  it('answers a malformed body with a 400 naming the field', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/nuclear/breakout',
      payload: { sq: 'kg' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('body.sq');
  });

  it('serves the Nuclear page data, and recomputes it under posted assumptions', async () => {
    const base = (await t.inject('/api/nuclear/overview')).json();
    expect(base).toMatchObject({ asOf: '2025-05-17', stockpileCapKgU: 202.8 });
    const posted = await t.inject({
      method: 'POST',
      url: '/api/nuclear/overview',
      payload: { sq: 'wgu' },
    });
    expect(posted.json().breakout.sq).toBe('wgu');
  });
});

describe('the sanctions API', () => {
  it('searches the newest SDN list by any spelling, and needs a query', async () => {
    const response = await t.inject('/api/sanctions/search?q=Qassem%20Soleimani&limit=3');
    expect(response.statusCode).toBe(200);
    expect(response.json().matches[0]).toMatchObject({ name: 'SOLEIMANI, Qasem' });
    const missing = await t.inject('/api/sanctions/search');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('query.q');
  });

  it('exports a snapshot as a CSV download', async () => {
    const response = await t.inject('/api/sanctions/export?snapshot=ofac-sdn-2015-01');
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ofac-sdn-2015-01.csv"');
    expect(response.body.split('\r\n')[0]).toBe(
      'entry_number,list,name,type,programs,aliases,addresses,remarks',
    );
    const bad = await t.inject('/api/sanctions/export?format=xlsx');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a query over 200 characters with a 400 naming query.q, as its OpenAPI document says', async () => {
    const long = await t.inject(`/api/sanctions/search?q=${'Zarif%20'.repeat(34)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({
      code: 'bad_request',
      field: 'query.q',
      message: 'query.q: at most 200 characters are accepted: search for one name or alias at a time',
    });
    const spec = (await t.inject('/api/openapi.json')).json();
    for (const path of ['/api/sanctions/search', '/api/sanctions/entity']) {
      const q = spec.paths[path].get.parameters.find((p: { name: string }) => p.name === 'q');
      expect(q.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
      expect(spec.paths[path].get.description).toContain('refused with 503 (code `timeout`)');
      expect(spec.paths[path].get.responses['503']).toBeDefined();
    }
  });

  it('answers 503 for a search that runs past its time budget', async () => {
    const small = await startTestServer({ workbench: { withoutShippedData: true, searchTimeBudgetMs: 0 } });
    try {
      await small.workbench.call('sanctions.import', {
        paths: [new URL('../../../data/sanctions/ofac/2019-01/sdn.csv', import.meta.url).pathname],
        asOf: '2019-01-04',
      });
      const response = await small.inject('/api/sanctions/search?q=Bank%20Sepah');
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toMatchObject({ code: 'timeout' });
      expect(response.json().error.message).toMatch(/did not finish within its 0 s budget/);
    } finally {
      await small.close();
    }
  });

  it('lists the stored snapshots', async () => {
    const { snapshots } = (await t.inject('/api/sanctions/snapshots')).json();
    expect(snapshots.map((s: { dataset: string }) => s.dataset)).toContain('ofac-sdn-2021-08-18');
  });
});

describe('the web app', () => {
  it('sends a page with preloads of its first API answer and of its code, and lets browsers keep the build’s assets', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'lockstep-web-'));
    mkdirSync(join(webDir, 'assets'));
    mkdirSync(join(webDir, '.vite'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<div id="root"></div><script type="module" src="/assets/index-a.js"></script>',
    );
    for (const file of ['index-a.js', 'nuclear-page-b.js', 'plot-c.js'])
      writeFileSync(join(webDir, 'assets', file), '');
    writeFileSync(
      join(webDir, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-a.js', isEntry: true },
        'src/pages/nuclear/nuclear-page.tsx': {
          file: 'assets/nuclear-page-b.js',
          imports: ['index.html', '_plot-c.js'],
        },
        '_plot-c.js': { file: 'assets/plot-c.js', imports: ['index.html'], css: ['assets/plot-d.css'] },
      }),
    );
    const web = await startTestServer({ workbench: { withoutShippedData: true }, server: { webDir } });
    try {
      const code = [
        '</assets/nuclear-page-b.js>; rel=modulepreload; crossorigin',
        '</assets/plot-c.js>; rel=modulepreload; crossorigin',
        '</assets/plot-d.css>; rel=preload; as=style; crossorigin',
      ].join(', ');
      const page = await web.inject('/nuclear');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect(page.headers.link).toBe(`</api/nuclear/overview>; rel=preload; as=fetch; crossorigin, ${code}`);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect((await web.inject('/nuclear/')).headers.link).toBe(page.headers.link);
      // Another view than the default asks another question: only the code is preloaded.
      expect((await web.inject('/nuclear?asOf=2021-05-30')).headers.link).toBe(code);
      // A page the manifest has no chunks for, and a page with nothing to preload.
      expect((await web.inject('/sequencing')).headers.link).toBeUndefined();
      expect((await web.inject('/talks/session')).headers.link).toBeUndefined();

      const asset = await web.inject('/assets/plot-c.js');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await web.inject('/')).headers['cache-control']).toBe('public, max-age=0');
      expect((await web.inject('/assets/missing.js')).statusCode).toBe(404);
    } finally {
      await web.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});
