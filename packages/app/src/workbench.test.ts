import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InputError } from './input-error.ts';
import { resolveStore, Workbench } from './workbench.ts';

/** How many datasets the project ships: every one is loaded on first open. */
const shippedDatasets = (
  JSON.parse(readFileSync(new URL('../../../data/datasets.json', import.meta.url), 'utf8')) as {
    datasets: unknown[];
  }
).datasets.length;

describe('resolveStore', () => {
  it('uses DATABASE_URL when set, else --data-dir, LOCKSTEP_DATA_DIR or ./.lockstep', () => {
    expect(resolveStore({}, { DATABASE_URL: 'postgres://h/db' })).toEqual({ databaseUrl: 'postgres://h/db' });
    expect(resolveStore({ dataDir: '/srv/lockstep' }, {})).toEqual({ dataDir: '/srv/lockstep' });
    expect(resolveStore({}, { LOCKSTEP_DATA_DIR: '/var/ls' })).toEqual({ dataDir: '/var/ls' });
    expect(resolveStore({}, {}).dataDir).toMatch(/\/\.lockstep$/);
  });

  it('refuses both a data directory and DATABASE_URL, naming both', () => {
    expect(() => resolveStore({ dataDir: 'x' }, { DATABASE_URL: 'postgres://h/db' })).toThrow(
      /both --data-dir and DATABASE_URL are set/,
    );
  });
});

describe('a workbench on a PostgreSQL server (DATABASE_URL)', () => {
  const clusterUrl = inject('postgresUrl');
  const database = `lockstep_wb_${randomBytes(5).toString('hex')}`;
  let url: string;

  async function admin(sql: string) {
    const client = new pg.Client({ connectionString: clusterUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  }

  beforeAll(async () => {
    if (!clusterUrl) throw new Error(inject('postgresSetupError') ?? 'no PostgreSQL test cluster');
    await admin(`CREATE DATABASE ${database}`);
    const parsed = new URL(clusterUrl);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    if (clusterUrl) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('runs the same migrations, loads the shipped data once, and lists it', async () => {
    const first = await Workbench.open({ databaseUrl: url });
    try {
      expect(first.db.kind).toBe('postgres');
      expect(first.shippedData.loaded).toHaveLength(shippedDatasets);
      const { datasets } = await first.call('datasets.list', { domain: 'sanctions' });
      expect(datasets.map((d) => d.name)).toContain('ofac-consolidated-2018-04-06');
    } finally {
      await first.close();
    }
    const second = await Workbench.open({ databaseUrl: url });
    try {
      expect(second.shippedData.loaded).toEqual([]);
      expect(second.shippedData.unchanged).toHaveLength(shippedDatasets);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('rejects input outside an operation’s schema, naming the field', async () => {
    const workbench = await Workbench.open({ databaseUrl: url });
    try {
      // @ts-expect-error: a caller outside TypeScript (the CLI, a script) can pass any value
      const error = await workbench.call('datasets.list', { domain: 'oil' }).catch((e) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.field).toBe('domain');
      expect(error.message).toMatch(/^domain: .*"nuclear"\|"sanctions"/);
    } finally {
      await workbench.close();
    }
  });
});
