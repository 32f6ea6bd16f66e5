import { operations } from '@lockstep/app';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../main.ts';

/** Commands a surface needs beyond the registry: serving, and the talks desk's administration and client. */
const handWritten = /^(serve|worker|talks( .*)?)$/;

function leaves(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return c.commands.length === 0 ? [path.join(' ')] : leaves(c, path);
  });
}

describe('the commands generated from the operation registry', () => {
  const { program } = buildProgram({ out: () => {}, err: () => {} });
  const commands = leaves(program);
  const bound = Object.values(operations).flatMap((op) => (op.cli ? [op.cli.command] : []));

  it('give every CLI binding its command', () => {
    expect(bound.filter((command) => !commands.includes(command))).toEqual([]);
  });

  it('leave no command without an operation, but serve, worker and the talks ones', () => {
    expect(commands.filter((c) => !bound.includes(c) && !handWritten.test(c))).toEqual([]);
  });

  it('document every flag', () => {
    const bare = program.commands
      .flatMap(function all(c: Command): Command[] {
        return [c, ...c.commands.flatMap(all)];
      })
      .flatMap((c) => c.options.filter((o) => !o.description).map((o) => `${c.name()} ${o.flags}`));
    expect(bare).toEqual([]);
  });
});
