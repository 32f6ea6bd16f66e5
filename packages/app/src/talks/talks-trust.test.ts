import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, type AuditEntry, appendEntry } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine, postgresEngine } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditSigner, auditSigningPlaces } from './audit-signing.ts';
import { localAdmin, type TalksCaller } from './talks-accounts.ts';
import { nodeSha256 } from './talks-ledger.ts';
import { TalksService } from './talks-service.ts';

const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const password = 'trust-test-password-long';

// The trust rules on both engines: who confirms accounts an admin makes, what ending sessions ends, and
// whether the record holds against someone who can write to the database.
describe.each(engines)('trust in the talks on $name', (engine) => {
  let db: Database;
  let talks: TalksService;
  let stateDir: string;
  let admin: Actor;
  let coordinator: TalksCaller & { secret: string };

  /** Signs in and returns the caller, with the session's secret. */
  const as = async (username: string, pass = password) => {
    const { secret } = await talks.accounts.signIn(username, pass, { address: '10.0.0.1' });
    return Object.assign(await talks.accounts.authenticate(secret), { secret });
  };

  /** An account made by the admin over the API, then confirmed by `confirmer` and activated by its person. */
  const onboard = async (
    username: string,
    role: 'coordinator' | 'head' | 'member' | 'observer',
    delegation: 'iran' | 'us' | undefined,
    confirmer: Actor,
  ) => {
    const user = await talks.accounts.createUser(admin, {
      username,
      displayName: username,
      role,
      ...(delegation ? { delegation } : {}),
    });
    expect(user.status).toBe('pending');
    const { activationCode } = await talks.accounts.confirm(confirmer, user.id);
    await talks.accounts.activate(username, activationCode!, password, { address: '10.0.0.2' });
    return as(username);
  };

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, shippedMigrations());
    stateDir = mkdtempSync(join(tmpdir(), 'lockstep-trust-'));
    talks = new TalksService(db, { auditSigner: new AuditSigner(auditSigningPlaces(stateDir, {})) });
    await talks.accounts.setupAdmin({ username: 'root', displayName: 'Root', password }, 'local');
    admin = (await as('root')).actor;
    const chair = await talks.accounts.createUser(admin, {
      username: 'chair',
      displayName: 'Chair',
      role: 'coordinator',
    });
    // The first coordinator: confirmed on the server's machine, where the activation code is printed.
    const { activationCode } = await talks.accounts.confirm(localAdmin, chair.id, { local: true });
    await talks.accounts.activate('chair', activationCode!, password, { address: '10.0.0.3' });
    coordinator = await as('chair');
  }, 120_000);

  afterAll(async () => {
    if (db) await engine.dispose(db);
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('onboards a delegation through its first head (the coordinator) and then its head, never the admin', async () => {
    const head = await onboard('iran.head', 'head', 'iran', coordinator.actor);
    expect(head.user).toMatchObject({ status: 'active', confirmedBy: coordinator.actor.userId });
    // Once Iran has a head, Iran's accounts are its head's to confirm, not the coordinator's.
    const member = await talks.accounts.createUser(admin, {
      username: 'iran.member',
      displayName: 'Iran member',
      role: 'member',
      delegation: 'iran',
    });
    await expect(talks.accounts.confirm(coordinator.actor, member.id)).rejects.toMatchObject({ status: 404 });
    await expect(talks.accounts.confirm(admin, member.id)).rejects.toMatchObject({ status: 404 });
    expect((await talks.accounts.pendingFor(head.actor)).map((u) => u.username)).toEqual(['iran.member']);
    expect(await talks.accounts.pendingFor(coordinator.actor)).toEqual([]);
    const confirmed = await talks.accounts.confirm(head.actor, member.id);
    expect(confirmed.user.status).toBe('activation');
    // Until the person sets a password the account cannot sign in, and a wrong code does not help.
    await expect(
      talks.accounts.activate('iran.member', 'WRONG-CODE-00000', password, { address: '10.0.0.4' }),
    ).rejects.toMatchObject({ status: 401 });
    await talks.accounts.activate('iran.member', confirmed.activationCode!, password, {
      address: '10.0.0.4',
    });
    // A code works once.
    await expect(
      talks.accounts.activate('iran.member', confirmed.activationCode!, 'another-password-entirely', {
        address: '10.0.0.4',
      }),
    ).rejects.toMatchObject({ status: 401 });
    expect((await as('iran.member')).actor).toMatchObject({ role: 'member', delegation: 'iran' });
  });

  it('gives a new activation code on a second confirmation, and counts only an active head as the head', async () => {
    const head = await talks.accounts.createUser(admin, {
      username: 'uk.head',
      displayName: 'UK head',
      role: 'head',
      delegation: 'uk',
    });
    const first = await talks.accounts.confirm(coordinator.actor, head.id);
    // The head has not activated yet: the UK has no head who could confirm, so the coordinator still does.
    const member = await talks.accounts.createUser(admin, {
      username: 'uk.member',
      displayName: 'UK member',
      role: 'member',
      delegation: 'uk',
    });
    expect((await talks.accounts.pendingFor(coordinator.actor)).map((u) => u.username)).toEqual([
      'uk.head',
      'uk.member',
    ]);
    // The first code was lost: confirming again gives a new one, and the old one stops working.
    const second = await talks.accounts.confirm(coordinator.actor, head.id);
    expect(second.activationCode).not.toBe(first.activationCode);
    await expect(
      talks.accounts.activate('uk.head', first.activationCode!, password, { address: '10.0.0.8' }),
    ).rejects.toMatchObject({ status: 401 });
    await talks.accounts.activate('uk.head', second.activationCode!, password, { address: '10.0.0.8' });
    // Now the UK's head confirms the UK's accounts, and the coordinator no longer may.
    await expect(talks.accounts.confirm(coordinator.actor, member.id)).rejects.toMatchObject({ status: 404 });
    await expect(talks.accounts.confirm(coordinator.actor, head.id)).rejects.toMatchObject({ status: 404 });
  });

  it('lets an activation code expire', async () => {
    const user = await talks.accounts.createUser(admin, {
      username: 'late.observer',
      displayName: 'Late',
      role: 'observer',
    });
    const { activationCode } = await talks.accounts.confirm(coordinator.actor, user.id);
    const later = new TalksService(db, { clock: () => new Date(Date.now() + 8 * 86_400_000) });
    await expect(
      later.accounts.activate('late.observer', activationCode!, password, { address: '10.0.0.5' }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('disables an account, ending its sessions and tokens, and enables it again', async () => {
    const us = await onboard('us.head', 'head', 'us', coordinator.actor);
    const token = await talks.accounts.createToken(us.actor, { label: 'cli', expiresInDays: 10 });
    const other = await talks.accounts.signIn('us.head', password, { address: '10.0.0.6' });
    const ended = await talks.accounts.disable(admin, us.actor.userId);
    // Its sessions: the one activation opened, the one `onboard` opened and `other`.
    expect(ended).toMatchObject({ sessionsEnded: 3, tokensEnded: 1, user: { status: 'disabled' } });
    await expect(talks.accounts.authenticate(token.secret)).rejects.toMatchObject({ status: 401 });
    await expect(talks.accounts.authenticate(other.secret)).rejects.toMatchObject({ status: 401 });
    await expect(as('us.head')).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/disabled/),
    });
    await expect(talks.accounts.disable(admin, admin.userId)).rejects.toMatchObject({ status: 422 });
    expect((await talks.accounts.enable(admin, us.actor.userId)).status).toBe('active');
    expect((await as('us.head')).user.status).toBe('active');
  });

  it("ends a user's sessions on demand, and on a password change all but the one that changed it", async () => {
    const first = await as('iran.head');
    const second = await as('iran.head');
    const token = await talks.accounts.createToken(first.actor, { label: 'cli', expiresInDays: 10 });
    const changed = await talks.accounts.changePassword(first, password, 'a-new-passphrase-for-iran');
    expect(changed.tokensEnded).toBe(1);
    expect(changed.sessionsEnded).toBeGreaterThanOrEqual(1);
    await expect(talks.accounts.authenticate(second.secret)).rejects.toMatchObject({ status: 401 });
    await expect(talks.accounts.authenticate(first.secret)).resolves.toBeDefined();
    await expect(talks.accounts.authenticate(token.secret)).rejects.toMatchObject({ status: 401 });
    await expect(as('iran.head')).rejects.toMatchObject({ status: 401 });
    await expect(
      talks.accounts.changePassword(first, 'wrong', 'x-y-z-passphrase-long'),
    ).rejects.toMatchObject({
      status: 403,
      field: 'currentPassword',
    });
    await expect(
      talks.accounts.changePassword(first, 'a-new-passphrase-for-iran', 'password1234'),
    ).rejects.toMatchObject({
      status: 422,
      field: 'newPassword',
    });
    const again = await as('iran.head', 'a-new-passphrase-for-iran');
    const ended = await talks.accounts.endSessions(admin, again.actor.userId);
    expect(ended.sessionsEnded).toBeGreaterThanOrEqual(2);
    await expect(talks.accounts.authenticate(again.secret)).rejects.toMatchObject({ status: 401 });
  });

  describe('the record against a database writer', () => {
    /** Rewrites the stored log from entry `from` with every later hash and the head recomputed. */
    const rewriteFrom = async (from: number) => {
      const rows = await db.query<{ entry: AuditEntry }>('SELECT entry FROM talks_audit ORDER BY seq');
      const entries = rows.map((r) => r.entry);
      const kept = entries.slice(0, from - 1);
      const rewritten: AuditEntry[] = [...kept];
      for (const entry of entries.slice(from - 1)) {
        const { hash: _h, seq: _s, prevHash: _p, ...record } = entry;
        const changed = entry.seq === from ? { ...record, target: 'document:forged' } : record;
        rewritten.push(appendEntry(rewritten.at(-1), changed, nodeSha256));
      }
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM talks_audit WHERE seq >= $1', [from]);
        for (const entry of rewritten.slice(from - 1)) {
          await tx.query('INSERT INTO talks_audit (seq, hash, entry) VALUES ($1, $2, $3)', [
            entry.seq,
            entry.hash,
            JSON.stringify(entry),
          ]);
        }
        const last = rewritten.at(-1)!;
        await tx.query('UPDATE talks_audit_head SET seq = $1, hash = $2 WHERE id = 1', [last.seq, last.hash]);
      });
    };
    const snapshot = async () => ({
      audit: await db.query<{ seq: number; hash: string; entry: unknown }>(
        'SELECT seq, hash, entry FROM talks_audit ORDER BY seq',
      ),
      head: (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM talks_audit_head'))[0]!,
    });
    const restore = async (saved: Awaited<ReturnType<typeof snapshot>>) => {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM talks_audit');
        for (const row of saved.audit) {
          await tx.query('INSERT INTO talks_audit (seq, hash, entry) VALUES ($1, $2, $3)', [
            row.seq,
            row.hash,
            JSON.stringify(row.entry),
          ]);
        }
        await tx.query('UPDATE talks_audit_head SET seq = $1, hash = $2 WHERE id = 1', [
          saved.head.seq,
          saved.head.hash,
        ]);
      });
    };

    it('catches an entry edited with every later hash and the head recomputed, by a signed checkpoint', async () => {
      const checkpoint = await talks.record.checkpoint(admin);
      expect(checkpoint.seq).toBeGreaterThan(5);
      expect((await talks.record.verifyAudit(admin)).ok).toBe(true);
      const saved = await snapshot();
      await rewriteFrom(3);
      const result = await talks.record.verifyAudit(admin);
      expect(result.ok).toBe(false);
      expect(result.problem).toBeUndefined(); // the chain alone holds: only the checkpoint catches it
      expect(result.checkpoints.find((c) => !c.ok)).toMatchObject({ problem: 'rewritten' });
      await restore(saved);
      expect((await talks.record.verifyAudit(admin)).ok).toBe(true);
    });

    it('catches a deleted tail (head moved back) and a log deleted whole', async () => {
      await talks.record.checkpointIfMoved();
      const saved = await snapshot();
      const cut = Math.floor(saved.head.seq / 2);
      const keep = saved.audit.find((r) => Number(r.seq) === cut)!;
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM talks_audit WHERE seq > $1', [cut]);
        await tx.query('UPDATE talks_audit_head SET seq = $1, hash = $2 WHERE id = 1', [cut, keep.hash]);
      });
      const tail = await talks.record.verifyAudit(admin);
      expect(tail.ok).toBe(false);
      expect(tail.checkpoints.some((c) => c.problem === 'rolled-back')).toBe(true);
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM talks_audit');
        await tx.query("UPDATE talks_audit_head SET seq = 0, hash = repeat('0', 64) WHERE id = 1");
      });
      const all = await talks.record.verifyAudit(admin);
      expect(all.ok).toBe(false);
      expect(all.message).toMatch(/entries were removed/);
      await restore(saved);
      expect((await talks.record.verifyAudit(admin)).ok).toBe(true);
    });

    it('catches a hash column edited on its own, with no checkpoint needed', async () => {
      const saved = await snapshot();
      await db.query("UPDATE talks_audit SET hash = repeat('a', 64) WHERE seq = 2");
      const result = await talks.record.verifyAudit(admin);
      expect(result).toMatchObject({ ok: false, problem: 'edited', firstBad: 2 });
      await restore(saved);
    });

    it('refuses a checkpoint signed by another key', async () => {
      const other = new AuditSigner(auditSigningPlaces(mkdtempSync(join(tmpdir(), 'lockstep-other-')), {}));
      const forged = other.sign({ seq: 1, hash: 'f'.repeat(64) }, new Date().toISOString());
      talks.record.auditSigner!.keep(forged);
      const result = await talks.record.verifyAudit(admin);
      expect(result.ok).toBe(false);
      expect(result.checkpoints.find((c) => c.keyId === forged.keyId)).toMatchObject({
        problem: 'unknown-key',
      });
      rmSync(join(stateDir, 'audit', 'checkpoints'), { recursive: true, force: true });
    });
  });
});
