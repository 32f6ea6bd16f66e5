import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpBindings, type Operation } from './operation.ts';
import { operations } from './operations.ts';

const entries = Object.entries(operations) as [string, Operation][];

function fieldsOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function requiredFields(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

describe('the operation registry', () => {
  it('reaches every operation from a route or a command', () => {
    const unreachable = entries.filter(([, op]) => httpBindings(op).length === 0 && !op.cli).map(([n]) => n);
    expect(unreachable).toEqual([]);
  });

  it('gives each route and each command to one operation only', () => {
    const routes = entries.flatMap(([, op]) => httpBindings(op).map((b) => `${b.method} ${b.path}`));
    const commands = entries.flatMap(([, op]) => (op.cli ? [op.cli.command] : []));
    expect(routes.filter((r, i) => routes.indexOf(r) !== i)).toEqual([]);
    expect(commands.filter((c, i) => commands.indexOf(c) !== i)).toEqual([]);
  });

  it('names input fields in every path parameter, argument and flag', () => {
    const unknown: string[] = [];
    for (const [name, op] of entries) {
      const fields = fieldsOf(op.input);
      for (const binding of httpBindings(op)) {
        for (const [, parameter] of binding.path.matchAll(/:([A-Za-z0-9]+)/g)) {
          if (!fields.includes(parameter!)) unknown.push(`${name} ${binding.path}: ${parameter}`);
        }
      }
      for (const argument of op.cli?.arguments ?? []) {
        if (!fields.includes(argument.field)) unknown.push(`${name} <${argument.name}>: ${argument.field}`);
      }
      for (const option of op.cli?.options ?? []) {
        for (const field of option.field?.split(',') ?? []) {
          if (!fields.includes(field)) unknown.push(`${name} ${option.flags}: ${field}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('lets a command give every field its operation requires', () => {
    const missing: string[] = [];
    for (const [name, op] of entries) {
      if (!op.cli) continue;
      const given = new Set([
        ...(op.cli.arguments ?? []).map((a) => a.field),
        ...(op.cli.options ?? []).flatMap((o) => o.field?.split(',') ?? []),
      ]);
      for (const field of requiredFields(op.input)) if (!given.has(field)) missing.push(`${name}: ${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps background jobs and talks rules out of the cache, which is shared by every caller', () => {
    const cached = entries.filter(([, op]) => (op.job || op.policy) && op.reads).map(([n]) => n);
    expect(cached).toEqual([]);
  });
});
