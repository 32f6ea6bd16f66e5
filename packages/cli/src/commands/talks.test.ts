import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEntry, appendEntry, nodeSha256, Workbench } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

// A command that reads standard input gets `stdin`, or nothing: never the test runner's own input.
const runWith = (stdin: string | undefined, argv: string[]) => runMain(argv, stdin ?? '');
const run = (...argv: string[]) => runWith(undefined, argv);

// One store for the whole file: opening it loads the shipped data once.
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-cli-talks-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const talks = (...argv: string[]) => run('--data-dir', dataDir, 'talks', ...argv);
/** `lockstep talks ...` with `stdin` piped in. */
const talksWithStdin = (stdin: string, ...argv: string[]) =>
  runWith(stdin, ['--data-dir', dataDir, 'talks', ...argv]);
/** The generated passwords `users add` printed, by username. */
const passwords = new Map<string, string>();

describe('lockstep talks', () => {
  it('creates the first admin once, printing a generated password once, and refuses a second', async () => {
    const first = await talks('init', '--username', 'admin', '--display-name', 'Administrator');
    expect(first.code).toBe(0);
    const password = /shown only now.*: (\S+)\n/.exec(first.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);
    const again = await talks('init', '--username', 'admin2', '--display-name', 'Second', '--json');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^lockstep: the first admin already exists/);
    expect(again.stdout).toBe('');
  }, 120_000);

  it('adds accounts, naming the flag at fault for bad input', async () => {
    const added = await talks(
      'users',
      'add',
      '--username',
      'iran.head',
      '--display-name',
      'Iran, head',
      '--role',
      'head',
      '--delegation',
      'iran',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).user).toMatchObject({
      username: 'iran.head',
      role: 'head',
      delegation: 'iran',
      status: 'active',
      confirmedBy: 'cli:local-admin',
    });
    passwords.set('iran.head', JSON.parse(added.stdout).password);
    const coordinator = await talksWithStdin(
      'coordinator-cli-passphrase\n',
      'users',
      'add',
      '--username',
      'coordinator',
      '--display-name',
      'Coordinator',
      '--role',
      'coordinator',
      '--password-stdin',
    );
    expect(coordinator.code).toBe(0);
    passwords.set('coordinator', 'coordinator-cli-passphrase');
    const weak = await talksWithStdin(
      'password1234\n',
      'users',
      'add',
      '--username',
      'weak.one',
      '--display-name',
      'Weak',
      '--role',
      'observer',
      '--password-stdin',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^lockstep: --password: password: too easy to guess/);
    const badRole = await talks('users', 'add', '--username', 'x.y', '--display-name', 'X', '--role', 'king');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/^lockstep: --role: /);
    const noDelegation = await talks(
      'users',
      'add',
      '--username',
      'x.y',
      '--display-name',
      'X',
      '--role',
      'member',
    );
    expect(noDelegation.code).toBe(2);
    expect(noDelegation.stderr).toMatch(/^lockstep: --delegation: heads and members need a delegation/);
    const taken = await talks(
      'users',
      'add',
      '--username',
      'iran.head',
      '--display-name',
      'Again',
      '--role',
      'observer',
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('--username: the username "iran.head" is taken');
    const list = await talks('users', 'list');
    expect(list.stdout.split('\n')[0]).toMatch(/^USERNAME\s+ROLE\s+DELEGATION\s+STATUS\s+NAME\s+CREATED$/);
    expect(list.stdout).toMatch(/\niran\.head\s+head\s+iran\s+active\s+Iran, head/);
  }, 60_000);

  it('confirms, disables, enables and resets accounts on the store, saying what each ended', async () => {
    // An account an admin made over the API waits; on the server's machine it is confirmed, and the
    // activation code for the person is printed once.
    const workbench = await Workbench.open({ dataDir });
    try {
      const admin = { userId: 'cli:test-admin', role: 'admin' } as const;
      await workbench.talks.accounts.createUser(admin, {
        username: 'uk.member',
        displayName: 'UK member',
        role: 'member',
        delegation: 'uk',
      });
    } finally {
      await workbench.close();
    }
    const pending = await talks('users', 'pending');
    expect(pending.stdout).toMatch(/uk\.member\s+member\s+uk\s+\S+\s+a head of the uk delegation/);
    const confirmed = await talks('users', 'confirm', 'uk.member');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(
      /Confirmed "uk\.member" \(member of uk\)\.\nActivation code .*: [A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}\n/,
    );
    // Confirming again before the person activated gives a new code (the first was lost, say).
    const again = await talks('users', 'confirm', 'uk.member');
    expect(again.code).toBe(0);
    const codeOf = (text: string) => /([A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5})\n$/.exec(text)?.[1];
    expect(codeOf(again.stdout)).toBeDefined();
    expect(codeOf(again.stdout)).not.toBe(codeOf(confirmed.stdout));
    // An active account is confirmed already.
    const active = await talks('users', 'confirm', 'iran.head');
    expect(active.code).toBe(2);
    expect(active.stderr).toContain('already confirmed and active');
    const disabled = await talks('users', 'disable', 'iran.head');
    expect(disabled.stdout).toMatch(
      /^Disabled "iran\.head": 0 session\(s\) and 0 token\(s\) of "iran\.head" ended\.\n$/,
    );
    expect((await talks('users', 'list')).stdout).toMatch(/\niran\.head\s+head\s+iran\s+disabled/);
    expect((await talks('users', 'enable', 'iran.head')).stdout).toBe('Enabled "iran.head" (active).\n');
    const unknown = await talks('users', 'disable', 'nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no account "nobody"');
    const reset = await talksWithStdin(
      'iran-head-new-passphrase\n',
      'users',
      'reset-password',
      'iran.head',
      '--password-stdin',
    );
    expect(reset.code).toBe(0);
    passwords.set('iran.head', 'iran-head-new-passphrase');
  }, 60_000);

  it('creates, lists and revokes API tokens, and drives rounds and export through a running server', async () => {
    // A token is made only by its owner: the owner's password comes in on stdin.
    const withoutPassword = await talks('tokens', 'create', '--user', 'coordinator', '--label', 'laptop');
    expect(withoutPassword.code).toBe(2);
    expect(withoutPassword.stderr).toMatch(/--password-stdin: a token is made only by its owner/);
    const wrong = await talksWithStdin(
      'not-it\n',
      'tokens',
      'create',
      '--user',
      'coordinator',
      '--label',
      'x',
      '--password-stdin',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('wrong password for "coordinator"');
    const created = await talksWithStdin(
      `${passwords.get('coordinator')}\n`,
      'tokens',
      'create',
      '--user',
      'coordinator',
      '--label',
      'laptop',
      '--password-stdin',
      '--json',
    );
    expect(created.code).toBe(0);
    const { token, secret } = JSON.parse(created.stdout);
    expect(secret).toMatch(/^lst_/);
    const iranToken = JSON.parse(
      (
        await talksWithStdin(
          `${passwords.get('iran.head')}\n`,
          'tokens',
          'create',
          '--user',
          'iran.head',
          '--label',
          'desk',
          '--password-stdin',
          '--json',
        )
      ).stdout,
    );
    const unknown = await talksWithStdin(
      'whatever-password\n',
      'tokens',
      'create',
      '--user',
      'nobody',
      '--label',
      'x',
      '--password-stdin',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--user: wrong password for "nobody"');
    const list = await talks('tokens', 'list');
    expect(list.stdout).toMatch(
      new RegExp(`${token.id}\\s+coordinator\\s+laptop\\s+\\d{4}-\\d{2}-\\d{2}\\s+active`),
    );
    expect(list.stdout).not.toContain(secret);

    const workbench = await Workbench.open({ dataDir });
    const server = await buildServer({ workbench });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const tokenFile = join(dataDir, 'token.txt');
    writeFileSync(tokenFile, `${secret}\n`);
    try {
      const remote = (...argv: string[]) => run('talks', ...argv, '--server', url, '--token-file', tokenFile);
      const empty = await remote('rounds', 'list');
      expect(empty.stdout).toBe('No round yet.\n');
      const opened = await remote('rounds', 'open');
      expect(opened.code).toBe(0);
      expect(opened.stdout).toMatch(/^Opened round 1\.\nROUND\s+OPENED\s+CLOSED/);
      const closed = await remote('rounds', 'close', '--json');
      expect(JSON.parse(closed.stdout).rounds[0].closedAt).toBeDefined();
      const out = join(dataDir, 'export.json');
      const exported = await remote('export', '--out', out);
      expect(exported.stdout).toMatch(/as coordinator\.\n$/);
      const file = JSON.parse(readFileSync(out, 'utf8'));
      expect(file.exportedBy.username).toBe('coordinator');
      expect(file.texts).toHaveLength(3);
      // A delegation may not open rounds: the server's refusal, exit 1.
      writeFileSync(tokenFile, iranToken.secret);
      const refused = await remote('rounds', 'open');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/answered 403 .*only a coordinator/);
      // Private notes, generated from the registry: Iran's desk writes, edits and deletes one on its paper;
      // the coordinator (the same server, its own token) neither lists nor reads it.
      const paper = await fetch(`${url}/api/talks/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${iranToken.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Our paper', text: 'Draft' }),
      });
      const subject = `document:${((await paper.json()) as { documentId: string }).documentId}`;
      const added = await remote('notes', 'add', subject, 'IRAN-ONLY', 'check', 'the', 'dates', '--json');
      expect(added.code).toBe(0);
      const note = JSON.parse(added.stdout) as { id: string; text: string; version: number };
      expect(note).toMatchObject({ text: 'IRAN-ONLY check the dates', version: 1 });
      const edited = await remote('notes', 'edit', note.id, 'IRAN-ONLY v2', '--expected-version', '1');
      expect(edited.stdout).toBe(
        `Edited note ${note.id} on ${subject}: version 2 (your delegation's (iran) only).\n`,
      );
      const stale = await remote('notes', 'edit', note.id, 'late', '--expected-version', '1');
      expect(stale.code).toBe(2);
      expect(stale.stderr).toMatch(/answered 409 .*is at version 2, not 1/);
      expect((await remote('notes', 'list', '--subject', subject)).stdout).toMatch(
        new RegExp(`^ID\\s+SUBJECT.*\\n${note.id}\\s+${subject}\\s+2\\s`),
      );
      expect((await remote('notes', 'delete', note.id, '--expected-version', '2')).code).toBe(0);
      expect((await remote('notes', 'list')).stdout).toBe('No note.\n');
      expect((await remote('notes', 'show', note.id)).stdout).toMatch(/version 3, deleted:\nIRAN-ONLY v2\n/);
      writeFileSync(tokenFile, secret);
      expect((await remote('notes', 'list', '--deleted')).stdout).toBe('No note.\n');
      const hidden = await remote('notes', 'show', note.id);
      expect(hidden.code).toBe(2);
      expect(hidden.stderr).toMatch(/answered 404 .*no such note/);
      expect(hidden.stdout + hidden.stderr).not.toContain('IRAN-ONLY');
      writeFileSync(tokenFile, iranToken.secret);
      const unreachable = await run(
        'talks',
        'rounds',
        'list',
        '--server',
        'http://127.0.0.1:1',
        '--token-file',
        tokenFile,
      );
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain('http://127.0.0.1:1 could not be reached');
    } finally {
      await server.close();
      await workbench.close();
    }
    const revoked = await talks('tokens', 'revoke', token.id);
    expect(revoked.stdout).toBe(`Revoked token ${token.id} (laptop).\n`);
    expect((await talks('tokens', 'list', '--json')).stdout).toContain('"revokedAt"');
  }, 120_000);

  it('signs checkpoints, exports the log, and verifies both on the store and offline', async () => {
    const out = join(dataDir, 'checkpoint.json');
    const signed = await talks('audit', 'checkpoint', '--out', out);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(
      /^Signed a checkpoint of the audit log at seq \d+ with key [0-9a-f]{16}, written to /,
    );
    const publicKey = /Public key .*: (\S+)\n/.exec(signed.stdout)![1]!;
    const keyFile = join(dataDir, 'audit-public.key');
    writeFileSync(keyFile, publicKey);
    const log = join(dataDir, 'audit.jsonl');
    expect((await talks('audit', 'export', '--out', log)).stdout).toMatch(
      /^Wrote .*: \d+ entries up to seq \d+\.\n$/,
    );
    const offline = await run(
      'talks',
      'audit',
      'verify',
      '--log',
      log,
      '--checkpoint',
      out,
      '--public-key',
      keyFile,
    );
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/^ok: .*1 signed checkpoint\(s\) hold/);
    // The same checkpoint against a log rewritten offline (an entry changed and every hash recomputed) fails.
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const head = JSON.parse(lines[0]!);
    const rows = lines.slice(1).map((l) => JSON.parse(l));
    const rewritten: { seq: number; hash: string; entry: AuditEntry }[] = [];
    for (const row of rows) {
      const { hash: _h, seq: _s, prevHash: _p, ...record } = row.entry;
      const changed = row.seq === 2 ? { ...record, target: 'user:forged' } : record;
      const entry = appendEntry(rewritten.at(-1)?.entry, changed, nodeSha256);
      rewritten.push({ seq: entry.seq, hash: entry.hash, entry });
    }
    const last = rewritten.at(-1)!;
    const forged = join(dataDir, 'forged.jsonl');
    writeFileSync(
      forged,
      `${[JSON.stringify({ head: { ...head, hash: last.hash } }), ...rewritten.map((r) => JSON.stringify(r))].join('\n')}\n`,
    );
    const caught = await run(
      'talks',
      'audit',
      'verify',
      '--log',
      forged,
      '--checkpoint',
      out,
      '--public-key',
      keyFile,
    );
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/checkpoint .* FAILS \(rewritten\)/);
    const noKey = await run('talks', 'audit', 'verify', '--log', log, '--checkpoint', out);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--public-key');
  }, 60_000);

  it('verifies the audit log, and names the first entry edited behind its back', async () => {
    const ok = await talks('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: \d+ entries verified/);
    expect(ok.stdout).toMatch(/checkpoint .* holds/);
    const workbench = await Workbench.open({ dataDir });
    try {
      await workbench.db.query(
        `UPDATE talks_audit SET entry = jsonb_set(entry, '{target}', '"user:someone-else"') WHERE seq = 3`,
      );
    } finally {
      await workbench.close();
    }
    const broken = await talks('audit', 'verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, problem: 'edited', firstBad: 3 });
    const human = await talks('audit', 'verify');
    expect(human.stdout).toMatch(/^BROKEN: edited entry at seq 3/);
  }, 60_000);
});
