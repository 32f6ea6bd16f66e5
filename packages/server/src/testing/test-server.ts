import { Workbench, type WorkbenchOptions } from '@lockstep/app';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer, type ServerOptions } from '../build-server.ts';

/** A workbench on an in-memory store and the server built on it, for tests. */
export interface TestServer {
  readonly workbench: Workbench;
  readonly server: FastifyInstance;
  /** Sends a request to the server (Fastify's `inject`, no socket). */
  inject(request: string | InjectOptions): Promise<LightMyRequestResponse>;
  /** Closes the server, then the workbench. */
  close(): Promise<void>;
}

/** How the test server is opened: the workbench's options (the store is always in memory) and the server's. */
export interface TestServerOptions {
  readonly workbench?: Omit<WorkbenchOptions, 'inMemory' | 'dataDir' | 'databaseUrl'>;
  readonly server?: Omit<ServerOptions, 'workbench'>;
}

/**
 * Opens a workbench on the embedded store in memory (by default with the shipped data: the same operations and
 * data as a real start, whatever the environment says) and builds the server on it.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const workbench = await Workbench.open({
    ...options.workbench,
    dataDir: undefined,
    databaseUrl: undefined,
    inMemory: true,
  });
  let server: FastifyInstance;
  try {
    server = await buildServer({ ...options.server, workbench });
  } catch (error) {
    await workbench.close();
    throw error;
  }
  return {
    workbench,
    server,
    inject: (request) => server.inject(request),
    async close() {
      await server.close();
      await workbench.close();
    },
  };
}

/**
 * The test server of a whole test file: started before its tests (given two minutes, for loading the shipped
 * data) and closed after them. Read its fields inside tests and hooks, not at the top of the file.
 */
export function useTestServer(options: TestServerOptions = {}): TestServer {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(options);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  const current = (): TestServer => {
    if (!started) throw new Error('the test server is used before it started (in a beforeAll of its file)');
    return started;
  };
  return {
    get workbench() {
      return current().workbench;
    },
    get server() {
      return current().server;
    },
    inject: (request) => current().inject(request),
    close: () => current().close(),
  };
}
