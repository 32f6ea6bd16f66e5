import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, lockstepVersion, resolveStore, Workbench } from '@lockstep/app';
import { Command, CommanderError } from 'commander';
import {
  keepCodeAnswer,
  keepDataAnswer,
  maxAnswerBytes,
  readStoreVersion,
  shippedDataFingerprint,
} from '../bin/answer-cache.js';
import type { CommandContext, KeepAfterClose } from './commands/command-context.ts';
import { conflictOutputs } from './commands/conflict.ts';
import { dataOutputs } from './commands/data.ts';
import { nuclearOutputs } from './commands/nuclear.ts';
import { registerOperationCommands } from './commands/operation-commands.ts';
import { planOutputs } from './commands/plan.ts';
import { sanctionsOutputs } from './commands/sanctions.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTalksCommands } from './commands/talks.ts';
import { talksNoteOutputs } from './commands/talks-notes.ts';
import { registerWorkerCommand } from './commands/worker.ts';
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
  conflict:
    'conflict analysis (GMCR): which outcomes are stable for whom and why, how the status quo can evolve, what would have to change',
  'talks notes':
    "your desk's private notes on papers, relays and clauses (through a running server, with your API token)",
};

/** Exit statuses: the command did what was asked, failed, or was used wrongly. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Runs the `lockstep` command line and returns its exit status. Results go to stdout; progress and errors
 * to stderr, an error as one sentence.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const recorder = answerRecorder(io);
  const { program, exitCode, answerPoint } = buildProgram(recorder.io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    const code = exitCode();
    const point = answerPoint();
    if (code === exitCodes.ok && point)
      recorder.keep((stdout) => keepDataAnswer(argv, point.dataDir, point.xid, stdout));
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 && answeredByCode.has(error.code)) {
        recorder.keep((stdout) => keepCodeAnswer(argv, stdout));
      }
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    io.err(`lockstep: ${(error as Error).message}\n`);
    if (process.env.LOCKSTEP_DEBUG) io.err(`${(error as Error).stack}\n`);
    return error instanceof UsageError || error instanceof InputError ? exitCodes.usage : exitCodes.failed;
  }
}

/** Commander's ends whose text depends on the code alone: help and the version. */
const answeredByCode = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Tees what a command prints on stdout, for the answer cache (bin/answer-cache.js). An answer is kept only
 * when nothing went to stderr (no progress, no warning: the cache replays stdout alone) and it is not too
 * large; LOCKSTEP_NO_ANSWER_CACHE turns keeping off.
 */
function answerRecorder(io: Io): { io: Io; keep(store: (stdout: string) => void): void } {
  let stdout: string[] | undefined = process.env.LOCKSTEP_NO_ANSWER_CACHE ? undefined : [];
  let bytes = 0;
  return {
    io: {
      ...io,
      out(text) {
        if (stdout) {
          bytes += text.length;
          if (bytes > maxAnswerBytes) stdout = undefined;
          else stdout.push(text);
        }
        io.out(text);
      },
      err(text) {
        stdout = undefined;
        io.err(text);
      },
    },
    keep(store) {
      if (!stdout) return;
      try {
        store(stdout.join(''));
      } catch {
        // a cache: an answer not kept is computed again next time
      }
    },
  };
}

/** Where a read-only command's answer was computed: the embedded store's directory and next transaction id. */
interface AnswerPoint {
  readonly dataDir: string;
  readonly xid: string;
}

/** The program and what its run left: the exit status, and where its answer was computed if it may be kept. */
interface BuiltProgram {
  readonly program: Command;
  exitCode(): number;
  answerPoint(): AnswerPoint | undefined;
}

/** The `lockstep` program: the hand-written commands, and those generated from the operation registry. */
export function buildProgram(io: Io): BuiltProgram {
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

  const openWorkbench = (shipped = shippedDataState(program.opts<{ dataDir?: string }>().dataDir)) =>
    Workbench.open({
      dataDir: program.opts<{ dataDir?: string }>().dataDir,
      onProgress: (message) => io.err(progressLine(message)),
      withoutShippedData: shipped?.loaded === true,
    });
  let exitCode: number = exitCodes.ok;
  let answerPoint: AnswerPoint | undefined;
  const context: CommandContext = {
    io,
    setExitCode(code) {
      exitCode = code;
    },
    openWorkbench: () => openWorkbench(),
    async withWorkbench(work, options) {
      const shipped = shippedDataState(program.opts<{ dataDir?: string }>().dataDir);
      const workbench = await openWorkbench(shipped);
      let keep: KeepAfterClose | undefined;
      try {
        const point = options?.keepAnswer ? await answerPointOf(workbench) : undefined;
        const result = await work(workbench);
        answerPoint = point;
        const prepare = options?.keep;
        if (point && prepare) keep = await keptQuietly(() => prepare(workbench));
        return result;
      } finally {
        await workbench.close();
        // Opening loaded the shipped data; once closed, the store has published the version that holds it.
        if (shipped && !shipped.loaded) shipped.markLoaded();
        const [write, point] = [keep, answerPoint];
        if (write && point) await keptQuietly(async () => write(point));
      }
    },
  };
  registerServeCommand(program, context);
  registerWorkerCommand(program, context);
  registerOperationCommands(
    program,
    context,
    {
      ...dataOutputs,
      ...nuclearOutputs,
      ...sanctionsOutputs,
      ...planOutputs,
      ...conflictOutputs,
      ...talksNoteOutputs,
    },
    commandGroups,
  );
  registerTalksCommands(program, context);
  for (const command of program.commands) applyExitOverride(command, io);
  return { program, exitCode: () => exitCode, answerPoint: () => answerPoint };
}

/**
 * Runs a step that only keeps something for later runs (a pack, a cached answer): its failure costs the next
 * run time, never this run its answer, so it is reported under LOCKSTEP_DEBUG and otherwise let go.
 */
async function keptQuietly<T>(step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (process.env.LOCKSTEP_DEBUG) process.stderr.write(`lockstep: not kept: ${(error as Error).stack}\n`);
    return undefined;
  }
}

/** Whether the store already holds the shipped data as its files are now, and how to record that it does. */
interface ShippedDataState {
  readonly loaded: boolean;
  markLoaded(): void;
}

/**
 * Checking the shipped data hashes every file of data/ (tens of MB) at each start. The embedded store in a
 * data directory records in `shipped-data.json` the store version (see bin/answer-cache.js) that holds the
 * shipped data as their files were (path, size, mtime); while the store still has that version (nothing
 * has opened it since) and the files are unchanged, the check would load nothing and is skipped. Datasets
 * are only ever added, so a store that held them still does; any write gives the store a new version, and
 * the next start checks again.
 */
function shippedDataState(dataDirOption: string | undefined): ShippedDataState | undefined {
  let store: { dataDir?: string };
  try {
    store = resolveStore({ dataDir: dataDirOption });
  } catch {
    return undefined; // Workbench.open refuses it with the same sentence
  }
  const dataDir = store.dataDir;
  if (dataDir === undefined) return undefined;
  const file = join(dataDir, 'shipped-data.json');
  const data = shippedDataFingerprint();
  let loaded = false;
  try {
    const marker = JSON.parse(readFileSync(file, 'utf8')) as { storeVersion?: unknown; data?: unknown };
    const version = readStoreVersion(dataDir);
    loaded = version !== undefined && marker.storeVersion === version.version && marker.data === data;
  } catch {
    loaded = false; // none yet
  }
  return {
    loaded,
    markLoaded() {
      const version = readStoreVersion(dataDir);
      if (!version) return;
      try {
        writeFileSync(`${file}.${process.pid}`, JSON.stringify({ storeVersion: version.version, data }));
        renameSync(`${file}.${process.pid}`, file);
      } catch {
        rmSync(`${file}.${process.pid}`, { force: true }); // the next start checks the files again
      }
    },
  };
}

/**
 * The point a read-only answer is computed at, on the embedded store in a data directory: the next
 * transaction id, which PostgreSQL advances only when a transaction writes. The answer is kept (after the
 * store is closed) only under a published store version that names the same id: nothing was written between.
 */
async function answerPointOf(workbench: Workbench): Promise<AnswerPoint | undefined> {
  if (workbench.db.kind !== 'pglite' || workbench.db.location === 'memory') return undefined;
  const [row] = await workbench.db.query<{ xid: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid',
  );
  return row && { dataDir: workbench.db.location, xid: row.xid };
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
