import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  type AuditEntry,
  type ChainHead,
  confirmerOf,
  exportAuditLog,
  httpBindings,
  keyIdOf,
  localAdmin,
  operations,
  readCheckpointFile,
  readPublicKey,
  type StoredCheckpoint,
  TalksError,
  verifyAuditLog,
  verifyStoredLog,
  type Workbench,
} from '@lockstep/app';
import {
  type ApiToken,
  type AuditVerification,
  CreateTokenInput,
  CreateUserInput,
  ExpertGroupId,
  Password,
  RoundsReport,
  type SessionsEnded,
  SetupInput,
  TalksExport,
  type TalksUser,
  TextImportResult,
  textDocumentFormats,
} from '@lockstep/contract';
import type { Command } from 'commander';
import type { z } from 'zod';
import { formatJson, formatTable, type Io, readProcessStdin } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';
import { registerTalksEventsCommand } from './talks-events.ts';

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
  if (error instanceof TalksError && [400, 403, 404, 409, 422].includes(error.status)) {
    return new UsageError(error.field ? `${flagOf(error.field)}: ${error.message}` : error.message);
  }
  return error;
}

/** A password from stdin (its last newline dropped), or a generated one to print once. */
async function readPassword(
  fromStdin: boolean | undefined,
  io: Io,
): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(15).toString('base64url'), generated: true };
  const text = await (io.readStdin ?? readProcessStdin)();
  return { password: text.replace(/\r?\n$/, ''), generated: false };
}

function userLine(user: TalksUser): string[] {
  return [user.username, user.role, user.delegation ?? '', user.status, user.displayName, user.createdAt];
}

/** What ending sessions did, in a sentence. */
function endedLine(ended: SessionsEnded): string {
  return `${ended.sessionsEnded} session(s) and ${ended.tokensEnded} token(s) of "${ended.user.username}" ended`;
}

/** The lines of an audit export: the head first, then each stored row. */
interface AuditExportLine {
  readonly head?: ChainHead;
  readonly seq?: number;
  readonly hash?: string;
  readonly entry?: AuditEntry;
}

/** Reads an exported audit log (`lockstep talks audit export`), naming the line that does not parse. */
function readAuditExport(file: string): {
  head: ChainHead;
  rows: { seq: number; hash: string; entry: AuditEntry }[];
} {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--log: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let head: ChainHead | undefined;
  const rows: { seq: number; hash: string; entry: AuditEntry }[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: AuditExportLine;
    try {
      value = JSON.parse(line) as AuditExportLine;
    } catch {
      throw new UsageError(
        `--log: ${file} line ${i + 1} is not JSON: it is not a file made by \`lockstep talks audit export\``,
      );
    }
    if (value.head) head = value.head;
    else if (typeof value.seq === 'number' && typeof value.hash === 'string' && value.entry) {
      rows.push({ seq: value.seq, hash: value.hash, entry: value.entry });
    } else {
      throw new UsageError(`--log: ${file} line ${i + 1} is neither the head nor an entry`);
    }
  }
  if (!head)
    throw new UsageError(
      `--log: ${file} has no head line: it is not a file made by \`lockstep talks audit export\``,
    );
  return { head, rows };
}

function printVerification(result: AuditVerification, write: (text: string) => void): void {
  write(
    result.ok
      ? `ok: ${result.message}\n`
      : result.problem
        ? `BROKEN: ${result.problem} entry at seq ${result.firstBad}: ${result.message}\n`
        : `BROKEN: ${result.message}\n`,
  );
  for (const c of result.checkpoints) {
    write(
      `  checkpoint ${c.file ?? ''} seq ${c.seq} (key ${c.keyId || '?'}): ${c.ok ? 'holds' : `FAILS (${c.problem})`}: ${c.message}\n`,
    );
  }
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
export interface Remote {
  readonly server: string;
  readonly token: string;
}

export function remoteOf(options: { server?: string; tokenFile?: string }): Remote {
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

/** A file from the server (`GET` of a download), its bytes; a refusal as `callServer` reports it. */
async function downloadFromServer(remote: Remote, path: string): Promise<Uint8Array> {
  const url = new URL(`/api/talks${path}`, remote.server);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${remote.token}` } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(
      `the Lockstep server at ${remote.server} could not be reached (${cause}): is it running?`,
    );
  }
  if (!response.ok) {
    const answer = (await response.json().catch(() => undefined)) as
      | { error?: { message?: string } }
      | undefined;
    const message = `the server answered ${response.status} to GET ${url.pathname}: ${answer?.error?.message ?? response.statusText}`;
    throw [400, 404, 409].includes(response.status) ? new UsageError(message) : new Error(message);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** A group named on the command line, or a usage error naming the groups. */
function groupArgument(group: string): z.output<typeof ExpertGroupId> {
  const parsed = ExpertGroupId.safeParse(group);
  if (parsed.success) return parsed.data;
  throw new UsageError(
    `GROUP: "${group}" is not an expert group; give one of ${ExpertGroupId.options.join(', ')}`,
  );
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
  // The generated commands (`talks notes ...`) may have made it already.
  const talks = (program.commands.find((c) => c.name() === 'talks') ?? program.command('talks')).description(
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
      const { password, generated } = await readPassword(o.passwordStdin, io);
      const input = parseFlags(SetupInput, { username: o.username, displayName: o.displayName, password });
      const user = await onStore((w) => w.talks.accounts.setupAdmin(input, 'local'));
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
        const { password, generated } = await readPassword(o.passwordStdin, io);
        const input = parseFlags(CreateUserInput, {
          username: o.username,
          displayName: o.displayName,
          role: o.role,
          ...(o.delegation === undefined ? {} : { delegation: o.delegation }),
          password,
        });
        const user = await onStore((w) => w.talks.accounts.createUser(localAdmin, input, { local: true }));
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
      const list = await onStore((w) => w.talks.accounts.listUsers(localAdmin));
      if (o.json) return io.out(formatJson({ users: list }));
      io.out(
        formatTable(['USERNAME', 'ROLE', 'DELEGATION', 'STATUS', 'NAME', 'CREATED'], list.map(userLine)),
      );
    });
  users
    .command('pending')
    .description('the accounts waiting for a second party to confirm them, and who may')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = (await onStore((w) => w.talks.accounts.listUsers(localAdmin))).filter(
        (u) => u.status === 'pending',
      );
      if (o.json) return io.out(formatJson({ users: list }));
      if (list.length === 0) return io.out('No account waits for confirmation.\n');
      io.out(
        formatTable(
          ['USERNAME', 'ROLE', 'DELEGATION', 'CREATED', 'CONFIRMED BY'],
          list.map((u) => [u.username, u.role, u.delegation ?? '', u.createdAt, confirmerOf(u)]),
        ),
      );
    });
  const onAccount = (name: string, description: string) =>
    users
      .command(name)
      .description(description)
      .argument('<username>', 'the account')
      .option('--json', 'print JSON');
  onAccount(
    'confirm',
    'confirm a pending account as the server administrator (the first coordinator; or when no head or coordinator can)',
  ).action(async (username: string, o: { json?: boolean }) => {
    const confirmed = await onStore(async (w) => {
      const account = await w.talks.accounts.userNamed(localAdmin, username);
      return w.talks.accounts.confirm(localAdmin, account.id, { local: true });
    });
    if (o.json) return io.out(formatJson(confirmed));
    const { user } = confirmed;
    io.out(
      `Confirmed "${user.username}" (${user.role}${user.delegation ? ` of ${user.delegation}` : ''}).\n`,
    );
    if (confirmed.activationCode) {
      io.out(
        `Activation code (shown only now; give it to the person, who sets their own password with it at /talks/activate before ${confirmed.activationExpiresAt}): ${confirmed.activationCode}\n`,
      );
    }
  });
  onAccount('disable', 'disable an account: its sessions and tokens end at once; it cannot sign in').action(
    async (username: string, o: { json?: boolean }) => {
      const ended = await onStore(async (w) => {
        const account = await w.talks.accounts.userNamed(localAdmin, username);
        return w.talks.accounts.disable(localAdmin, account.id);
      });
      if (o.json) return io.out(formatJson(ended));
      io.out(`Disabled "${ended.user.username}": ${endedLine(ended)}.\n`);
    },
  );
  onAccount('enable', 'enable a disabled account again').action(
    async (username: string, o: { json?: boolean }) => {
      const user = await onStore(async (w) => {
        const account = await w.talks.accounts.userNamed(localAdmin, username);
        return w.talks.accounts.enable(localAdmin, account.id);
      });
      if (o.json) return io.out(formatJson({ user }));
      io.out(`Enabled "${user.username}" (${user.status}).\n`);
    },
  );
  onAccount('end-sessions', 'end every session and API token of an account at once').action(
    async (username: string, o: { json?: boolean }) => {
      const ended = await onStore(async (w) => {
        const account = await w.talks.accounts.userNamed(localAdmin, username);
        return w.talks.accounts.endSessions(localAdmin, account.id);
      });
      if (o.json) return io.out(formatJson(ended));
      io.out(`${endedLine(ended)}.\n`);
    },
  );
  onAccount(
    'reset-password',
    'set a new password for an account: its sessions, tokens and known browsers end',
  )
    .option('--password-stdin', 'read the password from stdin; otherwise one is generated and printed once')
    .action(async (username: string, o: { json?: boolean; passwordStdin?: boolean }) => {
      const { password, generated } = await readPassword(o.passwordStdin, io);
      parseFlags(Password, password);
      const ended = await onStore(async (w) => {
        const account = await w.talks.accounts.userNamed(localAdmin, username);
        return w.talks.accounts.resetPassword(localAdmin, account.id, password, { local: true });
      });
      if (o.json) return io.out(formatJson({ ...ended, ...(generated ? { password } : {}) }));
      io.out(`Set a new password for "${ended.user.username}": ${endedLine(ended)}.\n`);
      printPassword(ended.user.username, password, generated);
    });

  const tokens = talks
    .command('tokens')
    .description('API tokens for the CLI (on the store, as its administrator)');
  tokens
    .command('create')
    .description(
      'create an API token for your account, given its password on stdin; its secret is printed once (send it as LOCKSTEP_TOKEN). No one makes a token for someone else',
    )
    .requiredOption('--user <username>', 'your account')
    .requiredOption('--label <label>', 'what it is for (e.g. "laptop")')
    .option('--days <n>', 'days until it expires (1 to 365)', '90')
    .option(
      '--password-stdin',
      "read the account's password from stdin (required: a token is made only by its owner)",
    )
    .option('--json', 'print JSON')
    .action(
      async (o: { user: string; label: string; days: string; passwordStdin?: boolean; json?: boolean }) => {
        const days = Number(o.days);
        const input = parseFlags(CreateTokenInput, { label: o.label, expiresInDays: days });
        if (!o.passwordStdin) {
          throw new UsageError(
            `--password-stdin: a token is made only by its owner: pipe the password of "${o.user}" in (or make the token on the Talks page, under API tokens)`,
          );
        }
        const { password } = await readPassword(true, io);
        const created = await onStore((w) =>
          w.talks.accounts.createTokenWithPassword(o.user, password, input),
        );
        if (o.json) return io.out(formatJson(created));
        io.out(`Created token ${created.token.id} for ${o.user}, expiring ${created.token.expiresAt}.\n`);
        io.out(`Secret (shown only now): ${created.secret}\n`);
      },
    );
  tokens
    .command('list')
    .description('every API token, never its secret')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const [list, people] = await onStore(async (w) => [
        await w.talks.accounts.listTokens(localAdmin),
        await w.talks.accounts.listUsers(localAdmin),
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
      const token = await onStore((w) => w.talks.accounts.revokeToken(localAdmin, id));
      if (o.json) return io.out(formatJson({ token }));
      io.out(`Revoked token ${token.id} (${token.label}).\n`);
    });

  const audit = talks
    .command('audit')
    .description('the hash-chained audit log of the talks and its signed checkpoints');
  const collect = (value: string, previous: string[]) => [...previous, value];
  audit
    .command('verify')
    .description(
      'recompute every hash and check every link, the head and the signed checkpoints (kept ones and --checkpoint files); exit 1 naming the first fault. With --log, verify an exported log offline, without the store',
    )
    .option(
      '--checkpoint <file>',
      'a signed checkpoint file to check the log against (repeatable)',
      collect,
      [],
    )
    .option(
      '--public-key <file>',
      "the key checkpoints must be signed with (default: this store's signing key)",
    )
    .option('--log <file>', 'an exported log (`lockstep talks audit export`) to verify instead of the store')
    .option('--json', 'print JSON')
    .action(async (o: { checkpoint: string[]; publicKey?: string; log?: string; json?: boolean }) => {
      const given: StoredCheckpoint[] = o.checkpoint.map((file) => readCheckpointFile(file));
      let trusted: string[] = [];
      if (o.publicKey) {
        let text: string;
        try {
          text = readFileSync(o.publicKey, 'utf8');
        } catch (error) {
          throw new UsageError(
            `--public-key: cannot read "${o.publicKey}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          );
        }
        const key = readPublicKey(text);
        if (typeof key !== 'string') throw new UsageError(`--public-key: ${key.error}`);
        trusted = [keyIdOf(key)];
      }
      const result = o.log
        ? await verifyExported(o.log, given, trusted)
        : await onStore(async (w) => {
            const signer = w.talks.record.auditSigner;
            const kept = signer?.kept() ?? [];
            const keys =
              trusted.length > 0
                ? trusted
                : signer && existsSync(signer.places.keyFile)
                  ? [signer.keyId()]
                  : [];
            return verifyAuditLog(w.db, { checkpoints: [...kept, ...given], trustedKeyIds: keys });
          });
      if (!result.ok) context.setExitCode(1);
      if (o.json) return io.out(formatJson(result));
      printVerification(result, io.out);
    });
  audit
    .command('checkpoint')
    .description(
      'sign a checkpoint of the audit head now with the key kept outside the database, keep it beside the key, and write a copy with --out (keep copies elsewhere: they catch a rewrite of the log)',
    )
    .option('--out <file>', 'also write the checkpoint to this file')
    .option('--json', 'print JSON')
    .action(async (o: { out?: string; json?: boolean }) => {
      const checkpoint = await onStore((w) => w.talks.record.checkpoint(localAdmin));
      if (o.out) writeOut(o.out, `${JSON.stringify(checkpoint, null, 2)}\n`);
      if (o.json) return io.out(formatJson(checkpoint));
      io.out(
        `Signed a checkpoint of the audit log at seq ${checkpoint.seq} with key ${checkpoint.keyId}${o.out ? `, written to ${o.out}` : ''}.\nPublic key (give it to whoever verifies offline): ${checkpoint.publicKey}\n`,
      );
    });
  audit
    .command('export')
    .description(
      'the audit log as JSON lines (the head, then every entry as stored), to verify offline with `audit verify --log`',
    )
    .requiredOption('--out <file>', 'where to write it')
    .action(async (o: { out: string }) => {
      const { head, rows } = await onStore((w) => exportAuditLog(w.db));
      const lines = [JSON.stringify({ head }), ...rows.map((r) => JSON.stringify(r))];
      writeOut(o.out, `${lines.join('\n')}\n`);
      io.out(`Wrote ${o.out}: ${rows.length} entries up to seq ${head.seq}.\n`);
    });

  /** Verifies an exported log with no store: its chain, its head and the checkpoints given. */
  function verifyExported(
    file: string,
    checkpoints: StoredCheckpoint[],
    trusted: string[],
  ): AuditVerification {
    if (trusted.length === 0 && checkpoints.length > 0) {
      throw new UsageError(
        '--public-key: give the key the checkpoints must be signed with to verify them offline',
      );
    }
    const { head, rows } = readAuditExport(file);
    return verifyStoredLog(rows, head, { checkpoints, trustedKeyIds: trusted });
  }

  function writeOut(file: string, text: string): void {
    try {
      writeFileSync(file, text);
    } catch (error) {
      throw new UsageError(
        `cannot write --out "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a path in an existing, writable folder`,
      );
    }
  }

  const remoteOptions = (command: Command) =>
    command
      .option('--server <url>', 'the Lockstep server (default LOCKSTEP_SERVER or http://127.0.0.1:8080)')
      .option('--token-file <file>', 'a file holding the API token (default: the LOCKSTEP_TOKEN variable)')
      .option('--json', 'print JSON');

  registerTalksEventsCommand(talks, context, remoteOf);

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

  // The report's route and input come from the operation registry the server's routes are generated from.
  const reportOperation = operations['talks.round.report'];
  const reportPath = httpBindings(reportOperation)[0]!.path.replace(/^\/talks/, '');
  remoteOptions(
    rounds
      .command('report')
      .description(
        "a closed round's one-page report as you may see it (agreed share by group, what changed, open brackets): html, pdf or json",
      )
      .argument('<n>', 'the number of a closed round')
      .requiredOption('--format <format>', 'html (a printable page), pdf (one A4 page) or json')
      .option('--out <file>', 'where to write it (needed for pdf; html and json go to stdout without it)'),
  ).action(async (n: string, o: { server?: string; tokenFile?: string; format: string; out?: string }) => {
    const input = reportOperation.input.safeParse({ number: n, format: o.format });
    if (!input.success) {
      const field = input.error.issues[0]!.path[0];
      throw new UsageError(
        field === 'number'
          ? `N: "${n}" is not a round number; give a whole number from 1`
          : `--format: "${o.format}" is not a report format; give html, pdf or json`,
      );
    }
    const { number, format } = input.data;
    if (format === 'pdf' && !o.out) throw new UsageError('--out: give the file to write the PDF to');
    const path = `${reportPath.replace(':number', String(number))}?format=${format}`;
    const bytes = await downloadFromServer(remoteOf(o), path);
    if (!o.out) return io.out(new TextDecoder().decode(bytes));
    try {
      writeFileSync(o.out, bytes);
    } catch (error) {
      throw new UsageError(
        `cannot write --out "${o.out}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a path in an existing, writable folder`,
      );
    }
    io.out(`Wrote ${o.out}: the report of round ${number} as ${format} (${bytes.length} bytes).\n`);
  });

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

  const text = talks
    .command('text')
    .description(
      "an expert group's negotiating text as a document, and its import, through a running server",
    );
  remoteOptions(
    text
      .command('export')
      .description(
        'the text as you may see it, as a .docx or PDF in drafting conventions (proposers only as disclosed to you)',
      )
      .argument('<group>', `the expert group: ${ExpertGroupId.options.join(', ')}`)
      .requiredOption('--format <format>', 'docx or pdf')
      .requiredOption('--out <file>', 'where to write it'),
  ).action(async (group: string, o: { server?: string; tokenFile?: string; format: string; out: string }) => {
    const checked = groupArgument(group);
    if (!(textDocumentFormats as readonly string[]).includes(o.format)) {
      throw new UsageError(`--format: "${o.format}" is not a document format; give docx or pdf`);
    }
    const bytes = await downloadFromServer(remoteOf(o), `/texts/${checked}/document?format=${o.format}`);
    try {
      writeFileSync(o.out, bytes);
    } catch (error) {
      throw new UsageError(
        `cannot write --out "${o.out}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a path in an existing, writable folder`,
      );
    }
    io.out(`Wrote ${o.out}: the ${checked} text as ${o.format} (${bytes.length} bytes).\n`);
  });
  remoteOptions(
    text
      .command('import')
      .description(
        'import a bracketed text (.docx, or plain text: "1. Title [alternative A] [alternative B]" per paragraph) into an empty text: a preview unless --apply (coordinator)',
      )
      .argument('<group>', `the expert group: ${ExpertGroupId.options.join(', ')}`)
      .argument('<file>', 'a .docx, or a plain text file (UTF-8)')
      .option('--apply', 'create the clauses (without it: only the preview)'),
  ).action(
    async (
      group: string,
      file: string,
      o: { server?: string; tokenFile?: string; json?: boolean; apply?: boolean },
    ) => {
      const checked = groupArgument(group);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new UsageError(
          `FILE: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        );
      }
      // A .docx is a zip ("PK"); anything else is read as plain text.
      const isDocx = bytes[0] === 0x50 && bytes[1] === 0x4b;
      const body = {
        ...(isDocx ? { docx: bytes.toString('base64') } : { text: bytes.toString('utf8') }),
        apply: o.apply === true,
      };
      let result: TextImportResult;
      try {
        result = await callServer(remoteOf(o), 'POST', `/texts/${checked}/import`, TextImportResult, body);
      } catch (error) {
        // The server names the input ("text, paragraph 2 ..."); here it is the file.
        if (error instanceof UsageError) {
          throw new UsageError(error.message.replace(/: (text|docx)(, paragraph|:)/, `: ${file}$2`));
        }
        throw error;
      }
      if (o.json) return io.out(formatJson(result));
      io.out(
        result.applied
          ? `Imported ${result.clauses.length} clause(s) into the ${checked} text (version ${result.text?.version}).\n`
          : `Preview (nothing written; add --apply to create them): ${result.clauses.length} clause(s) for the ${checked} text.\n`,
      );
      for (const clause of result.clauses) {
        io.out(
          `  ${clause.number}. ${clause.id}  ${clause.title}${clause.alternatives.map((a) => ` [${a}]`).join('')}\n`,
        );
      }
    },
  );
}
