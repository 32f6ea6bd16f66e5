import { PlanJobs, warmPlanSolver } from '@lockstep/app';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';
import { parseWorkers, planJobLeaseSeconds, stopSignal } from './serve.ts';

/**
 * `lockstep worker`: solves the plan jobs that servers on the same PostgreSQL database queue, and serves
 * nothing. An embedded store is held by one process (its `lockstep serve` solves its own jobs), so this
 * needs DATABASE_URL.
 */
export function registerWorkerCommand(program: Command, context: CommandContext): void {
  program
    .command('worker')
    .description(
      'solve the plan jobs queued by the servers on the same PostgreSQL database (DATABASE_URL), serving nothing',
    )
    .option('--workers <n>', 'plan solves this process runs at once (each in a thread of its own)', '1')
    .action(async (options: { workers: string }) => {
      const workers = parseWorkers(options.workers, 1);
      const leaseSeconds = planJobLeaseSeconds(process.env);
      if (!process.env.DATABASE_URL) {
        throw new UsageError(
          'lockstep worker needs DATABASE_URL: it takes jobs from a PostgreSQL database that servers share; the embedded store belongs to one process, whose `lockstep serve --workers N` solves its jobs',
        );
      }
      const workbench = await context.openWorkbench();
      const jobs = new PlanJobs(workbench.db, { workers, leaseSeconds });
      // HiGHS's code optimised before the first plan job, in the background.
      void warmPlanSolver();
      context.io.out(
        `Lockstep worker ${jobs.serverId}: ${workers} plan solve${workers === 1 ? '' : 's'} at once, from PostgreSQL at ${workbench.db.location} (Ctrl-C to stop)\n`,
      );
      const signal = await stopSignal();
      context.io.err(`Stopping (${signal}): running solves go back to the queue...\n`);
      await jobs.close({ release: true });
      await workbench.close();
      context.io.err('Stopped.\n');
    });
}
