import type { TestProject } from 'vitest/node';
import { type PostgresCluster, startPostgresCluster } from './packages/store/src/testing/postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's throwaway PostgreSQL cluster, when it could be started. */
    postgresUrl: string | undefined;
    /** Why no cluster could be started: the store tests on PostgreSQL fail with this message. */
    postgresSetupError: string | undefined;
  }
}

let cluster: PostgresCluster | undefined;

/** Starts one throwaway PostgreSQL cluster for the whole test run, unless DATABASE_URL names a server. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.LOCKSTEP_TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.LOCKSTEP_TEST_DATABASE_URL);
    project.provide('postgresSetupError', undefined);
    return;
  }
  try {
    cluster = await startPostgresCluster();
    project.provide('postgresUrl', cluster.url);
    project.provide('postgresSetupError', undefined);
  } catch (error) {
    project.provide('postgresUrl', undefined);
    project.provide('postgresSetupError', (error as Error).message);
  }
}

export function teardown(): void {
  cluster?.stop();
}
