import {
  type CliBinding,
  type CliOption,
  type Operation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  operations,
  type Workbench,
} from '@lockstep/app';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { formatJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext, KeepAfterClose } from './command-context.ts';
import { callOperationRemotely } from './remote-operation.ts';
import { remoteOf } from './talks.ts';

/**
 * How a command prints its result when `--json` is not given (and, for a command without `--json`, always).
 * `flags` holds the flags that set no input field (`--out`).
 */
export type Printer<N extends OperationName> = (
  context: CommandContext,
  result: OperationOutput<N>,
  input: OperationInput<N>,
  flags: Readonly<Record<string, unknown>>,
) => void;

/** What a command does with its result beyond `--json`: print it for a reader, and set the exit status. */
export interface CommandOutput<N extends OperationName> {
  readonly print?: Printer<N>;
  /** The exit status for a result that answers no (a plan that fails its check); default 0. */
  readonly exitCode?: (result: OperationOutput<N>) => number;
  /**
   * For a read-only command on the embedded store: what to keep in the data directory for later runs (the
   * entity pack), prepared while the workbench is open and written after it is closed.
   */
  readonly keep?: (workbench: Workbench, input: OperationInput<N>) => Promise<KeepAfterClose | undefined>;
}

/** The outputs of the commands, by operation. */
export type CommandOutputs = { readonly [N in OperationName]?: CommandOutput<N> };

/** The schema of one input field, without the optional, default and nullable wrappers. */
function fieldSchema(input: z.ZodType, field: string): z.ZodType | undefined {
  if (!(input instanceof z.ZodObject)) return undefined;
  let schema = input.shape[field] as z.ZodType | undefined;
  while (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodNullable
  ) {
    schema = schema.unwrap() as z.ZodType;
  }
  return schema;
}

/** The help text of a field, with a lower-case first letter as the rest of the help has. */
function fieldDescription(input: z.ZodType, field: string): string | undefined {
  if (!(input instanceof z.ZodObject)) return undefined;
  const text = (input.shape[field] as z.ZodType | undefined)?.description;
  if (!text) return undefined;
  // "Fixed tails assay" reads on in lower case; a name such as "Monte Carlo" or "OFAC" keeps its capitals.
  return /^[A-Z][a-z]+(?![a-z]* [A-Z])/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The flag's long name as commander keys it: `--as-of <date>` → `asOf`. */
function flagKey(flags: string): string {
  const long = /--([a-z0-9-]+)/.exec(flags)?.[1] ?? flags;
  return long.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The flag's name as a user typed it: `--as-of`. */
function flagName(flags: string): string {
  return /--[a-z0-9-]+/.exec(flags)?.[0] ?? flags;
}

/**
 * Parses `--stock 60=408.6,20=0,4.5=8000`: assay in percent = kg U, comma-separated.
 * Exported for tests.
 */
export function parseStockList(value: string): { assayPercent: number; kgU: number }[] {
  return value.split(',').map((item, index) => {
    const match = /^\s*([0-9.]+)\s*=\s*([0-9.]+)\s*$/.exec(item);
    const assayPercent = Number(match?.[1]);
    const kgU = Number(match?.[2]);
    if (!match || !Number.isFinite(assayPercent) || !Number.isFinite(kgU)) {
      throw new UsageError(
        `invalid --stock item ${index + 1} "${item}": expected ASSAY=KG pairs separated by commas, e.g. 60=408.6,20=0,4.5=8000 (assay in % U-235, mass in kg U)`,
      );
    }
    return { assayPercent, kgU };
  });
}

/** Parses `--capacity IR-6=3:10` (SWU/yr per machine, low:high or one value), repeatable. */
function parseCapacity(value: string, previous: Record<string, { low: number; high: number }> = {}) {
  const match = /^([A-Za-z0-9-]+)=([0-9.]+)(?::([0-9.]+))?$/.exec(value.trim());
  if (!match) {
    throw new UsageError(
      `invalid --capacity "${value}": expected TYPE=SWU or TYPE=LOW:HIGH in SWU/yr per machine, e.g. IR-6=3:10`,
    );
  }
  const low = Number(match[2]);
  return { ...previous, [match[1]!]: { low, high: match[3] === undefined ? low : Number(match[3]) } };
}

/** Parses `--growth IR-6=50` (advanced machines added per month), repeatable. */
function parseGrowth(value: string, previous: Record<string, number> = {}) {
  const match = /^([A-Za-z0-9-]+)=([0-9]+(?:\.[0-9]+)?)$/.exec(value.trim());
  if (!match) {
    throw new UsageError(
      `invalid --growth "${value}": expected TYPE=MACHINES per month, e.g. IR-6=50 (a non-negative number)`,
    );
  }
  return { ...previous, [match[1]!]: Number(match[2]) };
}

/** Collects a repeatable flag's texts into a list (`--without a --without b`). */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Parses a repeatable `KEY=NUMBER` flag (`--set us-x=80`) into a record of numbers by key; a malformed one
 * is refused naming the flag, the text and what is accepted.
 */
function assignmentParser(option: CliOption) {
  const name = flagName(option.flags);
  return (text: string, previous: Record<string, number> = {}): Record<string, number> => {
    const at = text.lastIndexOf('=');
    const key = at > 0 ? text.slice(0, at).trim() : '';
    const valueText = at > 0 ? text.slice(at + 1).trim() : '';
    const value = Number(valueText);
    if (key === '' || valueText === '' || !Number.isFinite(value)) {
      throw new UsageError(`invalid ${name} "${text}": expected ${option.accepts ?? 'KEY=NUMBER'}`);
    }
    if (Object.hasOwn(previous, key)) {
      throw new UsageError(
        `invalid ${name} "${text}": ${key} is already set to ${previous[key]}; set it once`,
      );
    }
    return { ...previous, [key]: value };
  };
}

/**
 * Reads one flag's text into its field's value and checks it against the field's schema, so a wrong value is
 * refused naming the flag, the value and what is accepted before anything is opened.
 */
function flagParser(
  input: z.ZodType,
  option: CliOption,
): ((value: string, previous: never) => unknown) | undefined {
  const name = flagName(option.flags);
  if (option.parse === 'stock-list') return parseStockList;
  if (option.parse === 'machine-capacity')
    return parseCapacity as (value: string, previous: never) => unknown;
  if (option.parse === 'machine-growth') return parseGrowth as (value: string, previous: never) => unknown;
  if (option.parse === 'repeatable') return collect as (value: string, previous: never) => unknown;
  if (option.parse === 'assignments')
    return assignmentParser(option) as (value: string, previous: never) => unknown;
  if (option.parse === 'list' || !option.field || option.value !== undefined) return undefined;
  const schema = fieldSchema(input, option.field);
  if (!schema || schema instanceof z.ZodEnum || schema instanceof z.ZodBoolean) return undefined;
  const numeric = schema instanceof z.ZodNumber;
  return (text: string) => {
    const value = numeric ? Number(text) : text;
    if (numeric && (text.trim() === '' || !Number.isFinite(value))) {
      throw new UsageError(`invalid ${name} "${text}": expected ${option.accepts ?? 'a number'}`);
    }
    const checked = schema.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new UsageError(
        `invalid ${name} "${text}": ${option.accepts ? `expected ${option.accepts}` : issue.message}`,
      );
    }
    return checked.data;
  };
}

/** The commander option for a binding's flag: its help, parser, choices and default. */
function commanderOption(op: Operation, option: CliOption): Option {
  const description =
    option.description ?? (option.field && fieldDescription(op.input, option.field)) ?? option.field ?? '';
  const flag = new Option(option.flags, description);
  if (option.required) flag.makeOptionMandatory();
  const schema = option.field && option.parse === undefined ? fieldSchema(op.input, option.field) : undefined;
  // A flag that sets a constant (`--deleted` sets `deleted: 'true'`) takes no value to choose or parse.
  if (schema instanceof z.ZodEnum && option.value === undefined) flag.choices(schema.options.map(String));
  const parse = flagParser(op.input, option);
  if (parse) flag.argParser<unknown>(parse as (value: string, previous: unknown) => unknown);
  if (option.default !== undefined) flag.default(option.default);
  return flag;
}

/** The input of a call from the parsed arguments and flags: only what the user gave, so defaults stay the API's. */
function inputOf(
  binding: CliBinding,
  args: readonly unknown[],
  flags: Record<string, unknown>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  (binding.arguments ?? []).forEach((argument, i) => {
    const value = args[i];
    input[argument.field] = argument.variadic === 'join' ? (value as string[]).join(' ') : value;
  });
  for (const option of binding.options ?? []) {
    if (!option.field) continue;
    const value = flags[flagKey(option.flags)];
    if (value === undefined) continue;
    if (option.parse === 'list') {
      const fields = option.field.split(',');
      const items = String(value)
        .split(',')
        .map((item) => item.trim());
      if (items.length !== fields.length || items.some((item) => item === '')) {
        throw new UsageError(
          `invalid ${flagName(option.flags)} "${value}": expected ${option.accepts ?? `${fields.length} values separated by commas`}`,
        );
      }
      fields.forEach((field, i) => {
        input[field] = items[i];
      });
    } else {
      input[option.field] = option.value !== undefined ? option.value : value;
    }
  }
  return input;
}

/** The command at `words` under `program`, made (with its group description) where it does not exist yet. */
function commandAt(
  program: Command,
  words: readonly string[],
  groups: Readonly<Record<string, string>>,
): Command {
  let command = program;
  for (const [i, word] of words.entries()) {
    const existing = command.commands.find((c) => c.name() === word);
    if (existing) {
      command = existing;
      continue;
    }
    command = command.command(word);
    const group = groups[words.slice(0, i + 1).join(' ')];
    if (group) command.description(group);
  }
  return command;
}

/**
 * Whether a command's answer may be kept in the answer cache: its operation reads stored data it names and
 * writes nothing, is no job and no talks call, and each of its flags sets an input field (a flag that sets
 * none, such as `--out <file>`, does something besides printing).
 */
export function answerMayBeKept(op: Operation): boolean {
  return (
    op.reads !== undefined &&
    op.writes === undefined &&
    !op.job &&
    !op.policy &&
    (op.cli?.options ?? []).every((option) => option.field !== undefined)
  );
}

/**
 * The `lockstep` commands generated from the operation registry: each CLI binding becomes a command with its
 * arguments and flags (help, numbers, choices and checks from the input schema), which opens the workbench,
 * calls the operation and prints the result as JSON (`--json`) or with the operation's printer.
 */
export function registerOperationCommands(
  program: Command,
  context: CommandContext,
  outputs: CommandOutputs,
  groups: Readonly<Record<string, string>>,
): void {
  for (const [name, op] of Object.entries(operations) as [OperationName, Operation][]) {
    const binding = op.cli;
    if (!binding) continue;
    const command = commandAt(program, binding.command.split(' '), groups).description(
      binding.description ?? op.summary.charAt(0).toLowerCase() + op.summary.slice(1),
    );
    for (const argument of binding.arguments ?? []) {
      command.argument(`<${argument.name}${argument.variadic ? '...' : ''}>`, argument.description);
    }
    for (const option of binding.options ?? []) command.addOption(commanderOption(op, option));
    // A signed-in (talks) operation runs on a server, as the owner of the API token given.
    if (op.policy) {
      command
        .option('--server <url>', 'the Lockstep server (default LOCKSTEP_SERVER or http://127.0.0.1:8080)')
        .option('--token-file <file>', 'a file holding the API token (default: the LOCKSTEP_TOKEN variable)');
    }
    const takesJson = binding.json ?? true;
    if (takesJson) command.option('--json', 'print JSON');
    const output = outputs[name] as CommandOutput<OperationName> | undefined;
    const keepAnswer = answerMayBeKept(op);
    command.action(async (...received: unknown[]) => {
      const args = received.slice(0, binding.arguments?.length ?? 0);
      const flags = received[args.length] as Record<string, unknown>;
      const input = inputOf(binding, args, flags);
      const keep = output?.keep;
      const result = op.policy
        ? ((await callOperationRemotely(remoteOf(flags), op, input)) as OperationOutput<OperationName>)
        : await context.withWorkbench((wb) => wb.call(name, input as never), {
            keepAnswer,
            ...(keepAnswer && keep && { keep: (wb: Workbench) => keep(wb, input as never) }),
          });
      const exitCode = output?.exitCode?.(result) ?? 0;
      if (exitCode !== 0) context.setExitCode(exitCode);
      if ((takesJson && flags.json) || !output?.print) return context.io.out(formatJson(result));
      output.print(context, result, input as never, flags);
    });
  }
}
