import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

// One store for the whole file: opening it loads the shipped data once.
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-cli-talks-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const talks = (...argv: string[]) => run('--data-dir', dataDir, 'talks', ...argv);

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
    });
    const coordinator = await talks(
      'users',
      'add',
      '--username',
      'coordinator',
      '--display-name',
      'Coordinator',
      '--role',
      'coordinator',
    );
    expect(coordinator.code).toBe(0);
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
    expect(list.stdout.split('\n')[0]).toMatch(/^USERNAME\s+ROLE\s+DELEGATION\s+NAME\s+CREATED$/);
    expect(list.stdout).toMatch(/\niran\.head\s+head\s+iran\s+Iran, head/);
  }, 60_000);

  it('creates, lists and revokes API tokens, and drives rounds and export through a running server', async () => {
    const created = await talks('tokens', 'create', '--user', 'coordinator', '--label', 'laptop', '--json');
    expect(created.code).toBe(0);
    const { token, secret } = JSON.parse(created.stdout);
    expect(secret).toMatch(/^lst_/);
    const iranToken = JSON.parse(
      (await talks('tokens', 'create', '--user', 'iran.head', '--label', 'desk', '--json')).stdout,
    );
    const unknown = await talks('tokens', 'create', '--user', 'nobody', '--label', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--user: no account "nobody"');
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

  it('verifies the audit log, and names the first entry edited behind its back', async () => {
    const ok = await talks('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: \d+ entries verified/);
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
