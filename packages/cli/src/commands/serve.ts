import { loadDemoTalks } from '@lockstep/app';
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

/** Resolves when the process is asked to stop (Ctrl-C, or SIGTERM from a supervisor). */
function stopSignal(): Promise<string> {
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
    .action(async (options: { port: string; host: string; demo?: boolean }) => {
      const port = parsePort(options.port);
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
      const server = await buildServer({ workbench, webDir: webDistDir });
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
      context.io.out(`Lockstep is serving at ${url} (${store}; Ctrl-C to stop)\n`);
      if (demoAccounts.length > 0) {
        context.io.out(
          `\nDemo talks loaded. Sign in at ${url}talks with these accounts (passwords shown only now; a new --demo start resets them):\n`,
        );
        for (const a of demoAccounts) {
          const who = a.delegation ? `${a.role}, ${a.delegation}` : a.role;
          context.io.out(`  ${a.username.padEnd(12)} ${a.password}   (${who})\n`);
        }
      } else if (await workbench.talks.needsAdmin()) {
        context.io.out(
          `The talks have no account yet: create the first admin at ${url}talks (from this machine) or with \`lockstep talks init\`.\n`,
        );
      }
      const signal = await stopSignal();
      context.io.err(`Stopping (${signal})...\n`);
      await server.close();
      await workbench.close();
      context.io.err('Stopped; the data is saved.\n');
    });
}
