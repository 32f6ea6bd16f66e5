import { loadDemoTalks, PlanJobs, warmPlanSolver } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';
import { ensureWebBuilt, webDistDir } from '../web-build.ts';
import type { CommandContext } from './command-context.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`invalid port "${value}": expected a whole number from 0 to 65535`);
  }
  return port;
}

/**
 * The solving loops asked for by `--workers`: a whole number from `least` to 64 (a loop runs one solve at a
 * time, each in a worker thread of its own).
 */
export function parseWorkers(value: string, least: number): number {
  const workers = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(workers) || workers < least || workers > 64) {
    throw new UsageError(`--workers: "${value}" is not a whole number of solving loops from ${least} to 64`);
  }
  return workers;
}

/**
 * Seconds a worker's claim on a plan job lasts unless renewed (LOCKSTEP_PLAN_JOB_LEASE_SECONDS, default 30):
 * how long the jobs of a server that died wait before another worker takes them over.
 */
export function planJobLeaseSeconds(env: NodeJS.ProcessEnv): number {
  const value = Number(env.LOCKSTEP_PLAN_JOB_LEASE_SECONDS ?? '30');
  if (!Number.isFinite(value) || value < 1 || value > 600) {
    throw new UsageError(
      `LOCKSTEP_PLAN_JOB_LEASE_SECONDS: "${env.LOCKSTEP_PLAN_JOB_LEASE_SECONDS}" is not a number of seconds from 1 to 600`,
    );
  }
  return value;
}

/** Resolves when the process is asked to stop (Ctrl-C, or SIGTERM from a supervisor). */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The proxies named by `--trust-proxy` or LOCKSTEP_TRUST_PROXY: addresses or CIDR ranges, comma-separated. */
function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry)) {
      throw new UsageError(
        `--trust-proxy: "${entry}" is not an address or CIDR range; give e.g. 127.0.0.1 or 10.0.0.0/8, comma-separated`,
      );
    }
  }
  return entries;
}

/** Minutes between automatic signed checkpoints of the audit head (LOCKSTEP_CHECKPOINT_MINUTES, default 10). */
function checkpointMinutes(env: NodeJS.ProcessEnv): number {
  const value = Number(env.LOCKSTEP_CHECKPOINT_MINUTES ?? '10');
  if (!Number.isFinite(value) || value <= 0 || value > 24 * 60) {
    throw new UsageError(
      `LOCKSTEP_CHECKPOINT_MINUTES: "${env.LOCKSTEP_CHECKPOINT_MINUTES}" is not a number of minutes from 0 to 1440`,
    );
  }
  return value;
}

interface ServeOptions {
  port: string;
  host: string;
  demo?: boolean;
  trustProxy?: string;
  workers: string;
}

/** `lockstep serve`: the workbench's web app and API. */
export function registerServeCommand(program: Command, context: CommandContext): void {
  program
    .command('serve')
    .description('serve the workbench: web app, JSON API under /api, API docs at /api/docs')
    .option('--port <port>', 'port to listen on (0 picks a free one)', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option(
      '--demo',
      'load a demo talk with demo accounts into empty talks (or reset the demo accounts) and print their passwords',
    )
    .option(
      '--trust-proxy <addresses>',
      'reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client, so that sign-in limits count clients, not the proxy (default LOCKSTEP_TRUST_PROXY, else none)',
      process.env.LOCKSTEP_TRUST_PROXY,
    )
    .option(
      '--workers <n>',
      'plan solves this server runs at once (solving loops taking jobs from the store); 0 = API only, the solves left to other servers or `lockstep worker`',
      '1',
    )
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      const trustProxy = parseTrustProxy(options.trustProxy);
      const workers = parseWorkers(options.workers, 0);
      const leaseSeconds = planJobLeaseSeconds(process.env);
      const everyMinutes = checkpointMinutes(process.env);
      ensureWebBuilt();
      const workbench = await context.openWorkbench();
      let demoAccounts: Awaited<ReturnType<typeof loadDemoTalks>> = [];
      if (options.demo) {
        try {
          demoAccounts = await loadDemoTalks(workbench.db);
        } catch (error) {
          await workbench.close();
          throw error;
        }
      }
      const planJobs = new PlanJobs(workbench.db, { workers, leaseSeconds });
      // HiGHS's code optimised before the first plan job, in the background.
      if (workers > 0) void warmPlanSolver();
      let server: Awaited<ReturnType<typeof buildServer>>;
      try {
        server = await buildServer({ workbench, webDir: webDistDir, trustProxy, planJobs });
      } catch (error) {
        await planJobs.close();
        await workbench.close();
        throw error;
      }
      try {
        await server.listen({ port, host: options.host });
      } catch (error) {
        await server.close();
        await workbench.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new Error(
            `port ${port} on ${options.host} is in use: stop what holds it, or choose another with --port`,
          );
        }
        throw error;
      }
      const address = server.server.address();
      if (address === null || typeof address === 'string')
        throw new Error('the server is not listening on TCP');
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const store =
        workbench.db.kind === 'pglite'
          ? `embedded store in ${workbench.db.location}`
          : `PostgreSQL at ${workbench.db.location}`;
      const url = `http://${host}:${address.port}/`;
      const local = `http://127.0.0.1:${address.port}/talks`;
      workbench.talks.accounts.onConsole = (line) => context.io.out(`${line}\n`);
      // What the talks need from whoever is at this machine, in the same write as the address, so that a
      // script reading the address finds it too.
      let firstRun = '';
      if (demoAccounts.length === 0) {
        const needed = await workbench.talks.accounts.consoleCodeNeeded();
        const code = needed ? workbench.talks.accounts.issueConsoleCode() : '';
        if (needed === 'first admin') {
          firstRun = `The talks have no account yet: create the first admin at ${local} on this machine with the one-time console code ${code}, or run \`lockstep talks init\`.\n`;
        } else if (needed === 'first coordinator') {
          firstRun = `A first coordinator account waits for confirmation: confirm it at ${local} on this machine with the one-time console code ${code}.\n`;
        }
      }
      const solving =
        workers === 0 ? 'no plan solves here' : `${workers} plan solve${workers === 1 ? '' : 's'} at once`;
      context.io.out(`Lockstep is serving at ${url} (${store}; ${solving}; Ctrl-C to stop)\n${firstRun}`);
      if (demoAccounts.length > 0) {
        context.io.out(
          `\nDemo talks loaded. Sign in at ${url}talks with these accounts (passwords shown only now; a new --demo start resets them):\n`,
        );
        for (const a of demoAccounts) {
          const who = a.delegation ? `${a.role}, ${a.delegation}` : a.role;
          context.io.out(`  ${a.username.padEnd(12)} ${a.password}   (${who})\n`);
        }
      }
      // Signed checkpoints of the audit head, kept outside the database: on a timer while the head moves,
      // and once more on the way out.
      const checkpoint = () =>
        workbench.talks.record.checkpointIfMoved().catch((error: Error) => {
          context.io.err(`Could not sign a checkpoint of the audit log: ${error.message}\n`);
        });
      await checkpoint();
      const timer = setInterval(checkpoint, everyMinutes * 60_000);
      timer.unref();
      const signal = await stopSignal();
      context.io.err(`Stopping (${signal})...\n`);
      clearInterval(timer);
      if (workbench.db.kind === 'postgres') {
        // Other servers or workers on the database can run the solves this one had started: they go back
        // to the queue (a rolling restart keeps its users' solves). The embedded store has no other server,
        // so there the server's close cancels them, as it always did.
        const { released } = await planJobs.close({ release: true });
        if (released > 0) {
          context.io.err(
            `${released} running plan solve${released === 1 ? '' : 's'} put back in the queue, for another server or worker to run from the start.\n`,
          );
        }
      }
      await server.close();
      await checkpoint();
      await workbench.close();
      context.io.err('Stopped; the data is saved.\n');
    });
}
