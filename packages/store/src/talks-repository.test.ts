import { createHash } from 'node:crypto';
import { type AuditEntry, appendEntry, emptyText } from '@lockstep/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { migrate, shippedMigrations } from './migrate.ts';
import { TalksRepository } from './talks-repository.ts';
import { pgliteEngine, postgresEngine } from './testing/engines.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const at = '2021-04-06T09:00:00.000Z';

describe.each(engines)('the talks repository on $name', (engine) => {
  let db: Database;
  let repo: TalksRepository;

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, shippedMigrations());
    repo = new TalksRepository(db);
  }, 120_000);

  afterAll(async () => {
    if (db) await engine.dispose(db);
  });

  it('keeps accounts and refuses a head without a delegation or an observer with one', async () => {
    const user = {
      id: 'u1',
      username: 'iran.head',
      displayName: 'Iran, head',
      role: 'head' as const,
      delegation: 'iran' as const,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      createdAt: at,
    };
    await repo.addUser(user);
    expect(await repo.userByName('iran.head')).toEqual(user);
    await expect(
      repo.addUser({ ...user, id: 'u2', username: 'x.head', delegation: undefined }),
    ).rejects.toThrow();
    await expect(
      repo.addUser({ ...user, id: 'u3', username: 'obs', role: 'observer', delegation: 'iran' }),
    ).rejects.toThrow();
    await expect(repo.addUser({ ...user, id: 'u4', username: 'Bad Name' })).rejects.toThrow();
    expect(await repo.countUsers()).toBe(1);
  });

  it('finds a credential by the hash of its secret only, and revokes it once', async () => {
    const secretHash = sha256('the secret');
    await repo.addCredential({
      id: 's1',
      kind: 'session',
      secretHash,
      userId: 'u1',
      label: 'web session',
      createdAt: at,
      expiresAt: '2021-04-06T21:00:00.000Z',
    });
    const found = await repo.credentialBySecret(secretHash);
    expect(found?.credential).toMatchObject({ id: 's1', kind: 'session', userId: 'u1' });
    expect(found?.user.username).toBe('iran.head');
    expect(await repo.credentialBySecret(sha256('another'))).toBeUndefined();
    expect(await repo.revokeCredential('s1', at)).toBe(true);
    expect(await repo.revokeCredential('s1', at)).toBe(false);
    expect((await repo.credentialById('s1'))?.revokedAt).toBe(at);
  });

  it('stores texts and rounds whole, replacing them on save', async () => {
    const text = { ...emptyText('sequencing'), version: 3 };
    await repo.saveText(text);
    await repo.saveText({ ...text, version: 4 });
    expect(await repo.text('sequencing')).toEqual({ ...text, version: 4 });
    expect(await repo.text('sanctions-lifting')).toBeUndefined();
    await repo.saveRounds({ rounds: [{ number: 1, openedAt: at, openedBy: 'c' }], version: 2 });
    expect((await repo.rounds())?.version).toBe(2);
  });

  it('appends audit entries, moves the head, and pages them in seq order', async () => {
    let tail: AuditEntry | undefined;
    const entries: AuditEntry[] = [];
    for (let i = 0; i < 25; i++) {
      tail = appendEntry(
        tail,
        {
          at,
          actor: { userId: 'u1', role: 'head', delegation: 'iran' },
          action: 'document.read',
          target: `document:d${i}`,
          detail: { i },
        },
        sha256,
      );
      entries.push(tail);
    }
    await repo.appendAudit(entries.slice(0, 10));
    await repo.appendAudit(entries.slice(10));
    expect(await repo.auditHead()).toEqual({ seq: 25, hash: entries[24]!.hash });
    expect((await repo.audit(20, 100)).map((e) => e.seq)).toEqual([21, 22, 23, 24, 25]);
    expect(await repo.audit(0, 3)).toEqual(entries.slice(0, 3));
    // Another seq 25 is refused: the log is append-only by its key.
    await expect(repo.appendAudit([entries[24]!])).rejects.toThrow();
  });

  it('orders two transactions that lock the audit head: the second sees the head the first left', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = db.transaction(async (tx) => {
      const head = await new TalksRepository(tx).lockAuditHead();
      order.push(`first saw ${head.seq}`);
      await held;
      await tx.query('UPDATE talks_audit_head SET seq = seq + 100 WHERE id = 1');
      order.push('first wrote');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = db.transaction(async (tx) => {
      const head = await new TalksRepository(tx).lockAuditHead();
      order.push(`second saw ${head.seq}`);
      await tx.query('UPDATE talks_audit_head SET seq = seq - 100 WHERE id = 1');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first saw 25', 'first wrote', 'second saw 125']);
    expect((await repo.auditHead()).seq).toBe(25);
  });
});
