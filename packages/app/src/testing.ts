import { createTestDatabase } from '@lockstep/store/testing';
import { Workbench } from './workbench.ts';

/**
 * A workbench on a fresh database of the test run's PostgreSQL cluster, without the shipped data, for the
 * tests of packages above app (which reach the store only through it). Close the workbench before calling
 * `dropDatabase`.
 */
export async function openPostgresTestWorkbench(
  clusterUrl: string | undefined,
  setupError?: string,
): Promise<{ workbench: Workbench; dropDatabase(): Promise<void> }> {
  const database = await createTestDatabase(clusterUrl, setupError);
  const workbench = await Workbench.open({ databaseUrl: database.url, withoutShippedData: true });
  return { workbench, dropDatabase: () => database.drop() };
}

/**
 * Textbook conflicts as the files a user writes (our conflict JSON), for the tests of packages above app
 * that run the conflict commands on them.
 */
export { cubanMissileCrisis, prisonersDilemma } from '@lockstep/core/testing';
export { conflictJson, writeConflictJson } from '@lockstep/formats';
export { slowPlanScenario } from './plans/slow-scenario.testing.ts';
