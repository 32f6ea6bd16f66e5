import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { localAdmin, TalksError, verifyAuditLog, type Workbench } from '@lockstep/app';
import {
  type ApiToken,
  CreateTokenInput,
  CreateUserInput,
  RoundsReport,
  SetupInput,
  TalksExport,
  type TalksUser,
} from '@lockstep/contract';
import type { Command } from 'commander';
import type { z } from 'zod';
import { formatJson, formatTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';

/** The flag a schema field is given as (`displayName` → `--display-name`). */
function flagOf(field: PropertyKey | undefined): string {
  return `--${String(field ?? 'input').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Parses with a contract schema; a problem names the flag at fault. */
function parseFlags<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new UsageError(`${flagOf(issue.path[0])}: ${issue.message}`);
}

/** A talks refusal as the CLI reports it: bad input (exit 2) for 4xx answers about the input, else failure. */
function asCliError(error: unknown): unknown {
  if (error instanceof TalksError && [400, 404, 409, 422].includes(error.status)) {
    return new UsageError(error.field ? `${flagOf(error.field)}: ${error.message}` : error.message);
  }
  return error;
}

async function readPassword(
  fromStdin: boolean | undefined,
): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(15).toString('base64url'), generated: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return { password, generated: false };
}

function userLine(user: TalksUser): string[] {
  return [user.username, user.role, user.delegation ?? '', user.displayName, user.createdAt];
}

function tokenRows(tokens: readonly ApiToken[], users: readonly TalksUser[]): string[][] {
  const names = new Map(users.map((u) => [u.id, u.username]));
  return tokens.map((t) => [
    t.id,
    names.get(t.userId) ?? t.userId,
    t.label,
    t.expiresAt.slice(0, 10),
    t.revokedAt ? `revoked ${t.revokedAt.slice(0, 16)}` : 'active',
  ]);
}

/** A running server and the token to call it with, for the acts of a delegate or the coordinator. */
interface Remote {
  readonly server: string;
  readonly token: string;
}

function remoteOf(options: { server?: string; tokenFile?: string }): Remote {
  const server = options.server ?? process.env.LOCKSTEP_SERVER ?? 'http://127.0.0.1:8080';
  try {
    new URL(server);
  } catch {
    throw new UsageError(`--server: "${server}" is not a URL; give e.g. http://127.0.0.1:8080`);
  }
  let token = process.env.LOCKSTEP_TOKEN ?? '';
  if (options.tokenFile) {
    try {
      token = readFileSync(options.tokenFile, 'utf8').trim();
    } catch (error) {
      throw new UsageError(
        `--token-file: cannot read "${options.tokenFile}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  if (!token) {
    throw new UsageError(
      'no API token: set LOCKSTEP_TOKEN or give --token-file (an admin makes one with `lockstep talks tokens create`)',
    );
  }
  return { server, token };
}

async function callServer<S extends z.ZodType>(
  remote: Remote,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const url = new URL(`/api/talks${path}`, remote.server);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${remote.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(
      `the Lockstep server at ${remote.server} could not be reached (${cause}): is it running?`,
    );
  }
  const answer = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  if (!response.ok) {
    const message = answer?.error?.message ?? response.statusText;
    const error = new Error(
      `the server answered ${response.status} to ${method} ${url.pathname}: ${message}`,
    );
    throw response.status === 400 || response.status === 409 || response.status === 422
      ? new UsageError(error.message)
      : error;
  }
  return schema.parse(answer);
}

function printRounds(report: RoundsReport, write: (text: string) => void): void {
  if (report.rounds.length === 0) {
    write('No round yet.\n');
    return;
  }
  write(
    formatTable(
      ['ROUND', 'OPENED', 'CLOSED', 'AGREED AT CLOSE'],
      report.rounds.map((r) => [
        String(r.number),
        r.openedAt.slice(0, 16),
        r.closedAt?.slice(0, 16) ?? 'open',
        r.progress
          ? `${r.progress.overall.agreed}/${r.progress.overall.total} (${Math.round(r.progress.overall.share * 100)} %)`
          : '',
      ]),
    ),
  );
  write(`${report.changesSinceLastRound.length} change(s) to the texts since the last closed round.\n`);
}

/** `lockstep talks ...`: accounts, tokens and the audit log on the store; rounds and export through the API. */
export function registerTalksCommands(program: Command, context: CommandContext): void {
  const { io } = context;
  const talks = program
    .command('talks')
    .description(
      'the talks: first admin, accounts, API tokens, the audit log; rounds and export via a server',
    );

  const onStore = <T>(work: (workbench: Workbench) => Promise<T>) =>
    context.withWorkbench(async (workbench) => {
      try {
        return await work(workbench);
      } catch (error) {
        throw asCliError(error);
      }
    });

  const printPassword = (username: string, password: string, generated: boolean) => {
    if (generated) {
      io.out(`Password for ${username} (shown only now; keep it, it cannot be read back): ${password}\n`);
    }
  };

  talks
    .command('init')
    .description('create the first admin of the talks (only while there is no account)')
    .requiredOption('--username <name>', 'the admin username (lowercase letters, digits, . _ -)')
    .requiredOption('--display-name <name>', 'the name shown to others')
    .option('--password-stdin', 'read the password from stdin; otherwise one is generated and printed once')
    .option('--json', 'print JSON')
    .action(async (o: { username: string; displayName: string; passwordStdin?: boolean; json?: boolean }) => {
      const { password, generated } = await readPassword(o.passwordStdin);
      const input = parseFlags(SetupInput, { username: o.username, displayName: o.displayName, password });
      const user = await onStore((w) => w.talks.setupAdmin(input));
      if (o.json) return io.out(formatJson({ user, ...(generated ? { password } : {}) }));
      io.out(`Created the first admin "${user.username}".\n`);
      printPassword(user.username, password, generated);
    });

  const users = talks
    .command('users')
    .description('the accounts of the talks (on the store, as its administrator)');
  users
    .command('add')
    .description('create an account: coordinator, head or member of a delegation, observer or admin')
    .requiredOption('--username <name>', 'lowercase letters, digits, . _ -')
    .requiredOption('--display-name <name>', 'the name shown to others')
    .requiredOption('--role <role>', 'coordinator | head | member | observer | admin')
    .option(
      '--delegation <id>',
      'for heads and members: us | iran | china | france | germany | russia | uk | eu',
    )
    .option('--password-stdin', 'read the password from stdin; otherwise one is generated and printed once')
    .option('--json', 'print JSON')
    .action(
      async (o: {
        username: string;
        displayName: string;
        role: string;
        delegation?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const { password, generated } = await readPassword(o.passwordStdin);
        const input = parseFlags(CreateUserInput, {
          username: o.username,
          displayName: o.displayName,
          role: o.role,
          ...(o.delegation === undefined ? {} : { delegation: o.delegation }),
          password,
        });
        const user = await onStore((w) => w.talks.createUser(localAdmin, input));
        if (o.json) return io.out(formatJson({ user, ...(generated ? { password } : {}) }));
        io.out(
          `Created ${user.role}${user.delegation ? ` of ${user.delegation}` : ''} "${user.username}".\n`,
        );
        printPassword(user.username, password, generated);
      },
    );
  users
    .command('list')
    .description('every account')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await onStore((w) => w.talks.listUsers(localAdmin));
      if (o.json) return io.out(formatJson({ users: list }));
      io.out(formatTable(['USERNAME', 'ROLE', 'DELEGATION', 'NAME', 'CREATED'], list.map(userLine)));
    });

  const tokens = talks
    .command('tokens')
    .description('API tokens for the CLI (on the store, as its administrator)');
  tokens
    .command('create')
    .description('create an API token for a user; its secret is printed once (send it as LOCKSTEP_TOKEN)')
    .requiredOption('--user <username>', 'whose token it is')
    .requiredOption('--label <label>', 'what it is for (e.g. "laptop")')
    .option('--days <n>', 'days until it expires (1 to 365)', '90')
    .option('--json', 'print JSON')
    .action(async (o: { user: string; label: string; days: string; json?: boolean }) => {
      const days = Number(o.days);
      const input = parseFlags(CreateTokenInput, { label: o.label, expiresInDays: days });
      const created = await onStore(async (w) => {
        const owner = (await w.talks.listUsers(localAdmin)).find((u) => u.username === o.user);
        if (!owner)
          throw new UsageError(`--user: no account "${o.user}" (lockstep talks users list shows them)`);
        return w.talks.createToken(localAdmin, { ...input, userId: owner.id });
      });
      if (o.json) return io.out(formatJson(created));
      io.out(`Created token ${created.token.id} for ${o.user}, expiring ${created.token.expiresAt}.\n`);
      io.out(`Secret (shown only now): ${created.secret}\n`);
    });
  tokens
    .command('list')
    .description('every API token, never its secret')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const [list, people] = await onStore(async (w) => [
        await w.talks.listTokens(localAdmin),
        await w.talks.listUsers(localAdmin),
      ]);
      if (o.json) return io.out(formatJson({ tokens: list }));
      io.out(formatTable(['ID', 'USER', 'LABEL', 'EXPIRES', 'STATE'], tokenRows(list, people)));
    });
  tokens
    .command('revoke')
    .description('revoke a token: its next use is refused')
    .argument('<id>', 'the token id (lockstep talks tokens list)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const token = await onStore((w) => w.talks.revokeToken(localAdmin, id));
      if (o.json) return io.out(formatJson({ token }));
      io.out(`Revoked token ${token.id} (${token.label}).\n`);
    });

  const audit = talks.command('audit').description('the hash-chained audit log of the talks');
  audit
    .command('verify')
    .description(
      'check every entry, link and the head; exit 1 naming the first edited, removed or reordered entry',
    )
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const result = await onStore((w) => verifyAuditLog(w.db));
      if (!result.ok) context.setExitCode(1);
      if (o.json) return io.out(formatJson(result));
      io.out(
        result.ok
          ? `ok: ${result.message}\n`
          : `BROKEN: ${result.problem} entry at seq ${result.firstBad}: ${result.message}\n`,
      );
    });

  const remoteOptions = (command: Command) =>
    command
      .option('--server <url>', 'the Lockstep server (default LOCKSTEP_SERVER or http://127.0.0.1:8080)')
      .option('--token-file <file>', 'a file holding the API token (default: the LOCKSTEP_TOKEN variable)')
      .option('--json', 'print JSON');

  const rounds = talks.command('rounds').description('the rounds of talks, through a running server');
  remoteOptions(
    rounds.command('list').description('the rounds and how much was agreed at each close'),
  ).action(async (o: { server?: string; tokenFile?: string; json?: boolean }) => {
    const report = await callServer(remoteOf(o), 'GET', '/rounds', RoundsReport);
    if (o.json) return io.out(formatJson(report));
    printRounds(report, io.out);
  });
  for (const [name, path, verb] of [
    ['open', '/rounds', 'Opened'],
    ['close', '/rounds/close', 'Closed'],
  ] as const) {
    remoteOptions(
      rounds
        .command(name)
        .description(
          name === 'open'
            ? 'open the next round (coordinator)'
            : 'close the open round, snapshotting the texts (coordinator)',
        ),
    ).action(async (o: { server?: string; tokenFile?: string; json?: boolean }) => {
      const remote = remoteOf(o);
      const current = await callServer(remote, 'GET', '/rounds', RoundsReport);
      const report = await callServer(remote, 'POST', path, RoundsReport, {
        expectedVersion: current.version,
      });
      if (o.json) return io.out(formatJson(report));
      const round = report.rounds.at(-1)!;
      io.out(`${verb} round ${round.number}.\n`);
      printRounds(report, io.out);
    });
  }

  remoteOptions(
    talks
      .command('export')
      .description('everything your account may see (texts, progress, rounds, papers) as one JSON document')
      .option('--out <file>', 'write it to a file instead of stdout'),
  ).action(async (o: { server?: string; tokenFile?: string; out?: string }) => {
    const exported = await callServer(remoteOf(o), 'GET', '/export', TalksExport);
    const text = formatJson(exported);
    if (!o.out) return io.out(text);
    try {
      writeFileSync(o.out, text);
    } catch (error) {
      throw new UsageError(
        `cannot write --out "${o.out}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a path in an existing, writable folder`,
      );
    }
    io.out(
      `Wrote ${o.out}: ${exported.documents.length} paper(s), ${exported.texts.length} texts, ${exported.rounds.rounds.length} round(s), as ${exported.exportedBy.username}.\n`,
    );
  });
}
