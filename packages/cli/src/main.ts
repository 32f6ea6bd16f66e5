import { InputError, lockstepVersion, Workbench } from '@lockstep/app';
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './commands/command-context.ts';
import { dataOutputs } from './commands/data.ts';
import { nuclearOutputs } from './commands/nuclear.ts';
import { registerOperationCommands } from './commands/operation-commands.ts';
import { planOutputs } from './commands/plan.ts';
import { sanctionsOutputs } from './commands/sanctions.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTalksCommands } from './commands/talks.ts';
import { type Io, processIo } from './output.ts';
import { UsageError } from './usage-error.ts';

/**
 * A progress message as a line on stderr. On a terminal, a progress bar (`... 40 %`) redraws itself in place
 * until it reaches 100 %; elsewhere (logs, CI) each step is a line of its own.
 */
function progressLine(message: string): string {
  const bar = / \d+ %$/.test(message);
  if (!bar || !process.stderr.isTTY) return `${message}\n`;
  return `\r${message}${message.endsWith(' 100 %') ? '\n' : ''}`;
}

/** What the command groups are for, in `lockstep --help`. */
const commandGroups: Readonly<Record<string, string>> = {
  data: 'the datasets the workbench holds',
  nuclear: 'nuclear status against the JCPOA limits, separative work, breakout time and the closing window',
  sanctions: 'OFAC sanctions lists: import snapshots, list them, search entities by name or alias',
  plan: 'sequencing: phased plans of both sides’ measures under their red lines',
};

/** Exit statuses: the command did what was asked, failed, or was used wrongly. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Runs the `lockstep` command line and returns its exit status. Results go to stdout; progress and errors
 * to stderr, an error as one sentence.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const { program, exitCode } = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    io.err(`lockstep: ${(error as Error).message}\n`);
    if (process.env.LOCKSTEP_DEBUG) io.err(`${(error as Error).stack}\n`);
    return error instanceof UsageError || error instanceof InputError ? exitCodes.usage : exitCodes.failed;
  }
}

/** The `lockstep` program: the hand-written commands, and those generated from the operation registry. */
export function buildProgram(io: Io): { program: Command; exitCode(): number } {
  const program = new Command('lockstep')
    .description('Lockstep: a workbench for a mutual return to compliance with the JCPOA')
    .version(lockstepVersion, '-V, --version', 'print the version')
    .option(
      '--data-dir <dir>',
      "the embedded store's directory (default ./.lockstep, or LOCKSTEP_DATA_DIR); DATABASE_URL selects a PostgreSQL server instead",
    )
    .showHelpAfterError('(run lockstep --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(`lockstep: ${text.replace(/^error: /, '')}`),
    });

  const openWorkbench = () =>
    Workbench.open({
      dataDir: program.opts<{ dataDir?: string }>().dataDir,
      onProgress: (message) => io.err(progressLine(message)),
    });
  let exitCode: number = exitCodes.ok;
  const context: CommandContext = {
    io,
    setExitCode(code) {
      exitCode = code;
    },
    openWorkbench,
    async withWorkbench(work) {
      const workbench = await openWorkbench();
      try {
        return await work(workbench);
      } finally {
        await workbench.close();
      }
    },
  };
  registerServeCommand(program, context);
  registerOperationCommands(
    program,
    context,
    { ...dataOutputs, ...nuclearOutputs, ...sanctionsOutputs, ...planOutputs },
    commandGroups,
  );
  registerTalksCommands(program, context);
  for (const command of program.commands) applyExitOverride(command, io);
  return { program, exitCode: () => exitCode };
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function applyExitOverride(command: Command, io: Io): void {
  command
    .exitOverride()
    .showHelpAfterError(`(run ${commandPath(command)} --help for usage)`)
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(`lockstep: ${text.replace(/^error: /, '')}`),
    });
  for (const sub of command.commands) applyExitOverride(sub, io);
}
