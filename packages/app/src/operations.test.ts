import { policyTable } from '@lockstep/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpBindings, type Operation } from './operation.ts';
import { operations } from './operations.ts';
import { localAdmin, type TalksCaller } from './talks/talks-accounts.ts';
import { Workbench } from './workbench.ts';

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

describe('the talks operations', () => {
  let workbench: Workbench;
  const callers = new Map<string, TalksCaller>();

  beforeAll(async () => {
    workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
    const { accounts } = workbench.talks;
    for (const role of ['coordinator', 'observer'] as const) {
      const password = 'a-long-enough-password';
      await accounts.createUser(
        localAdmin,
        { username: role, displayName: role, role, password },
        { local: true },
      );
      const { secret } = await accounts.signIn(role, password, { address: '127.0.0.1' });
      callers.set(role, await accounts.authenticate(secret));
    }
  }, 60_000);

  afterAll(() => workbench?.close());

  it('give every rule of the policy table an operation, and every operation a rule of it', () => {
    const actions = entries.flatMap(([, op]) => (op.policy ? [op.policy.action] : []));
    expect(actions.filter((action) => !(action in policyTable))).toEqual([]);
    expect(Object.keys(policyTable).filter((action) => !actions.includes(action as never))).toEqual([]);
  });

  it('run only for a signed-in caller the policy allows', async () => {
    await expect(workbench.call('talks.channel.list', {})).rejects.toMatchObject({ status: 401 });
    const observer = { caller: callers.get('observer')! };
    await expect(workbench.call('talks.user.list', {}, observer)).rejects.toMatchObject({ status: 403 });
    await expect(
      workbench.call(
        'talks.text.add-clause',
        { group: 'sequencing', title: 'First steps', expectedVersion: 1 },
        observer,
      ),
    ).rejects.toMatchObject({ status: 403 });
    const text = await workbench.call(
      'talks.text.add-clause',
      { group: 'sequencing', title: 'First steps', expectedVersion: 1 },
      { caller: callers.get('coordinator')! },
    );
    expect(text.clauses.map((c) => c.title)).toEqual(['First steps']);
    const seen = await workbench.call('talks.text.read', { group: 'sequencing' }, observer);
    expect(seen.version).toBe(text.version);
  });
});
