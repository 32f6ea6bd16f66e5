import type { Actor } from '@lockstep/core';
import { type Database, migrate, openPostgresDatabase, shippedMigrations } from '@lockstep/store';
import { createTestDatabase } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TalksService } from './talks-service.ts';

const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };
const password = 'a-long-enough-password';

// Two servers on one PostgreSQL database: the sign-in and refusal limits are counted in the database, so a
// guess is held back whichever server it reaches, and a restart (a third service) forgets nothing.
describe('the talks limits shared by two servers on one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let dbA: Database;
  let dbB: Database;
  let a: TalksService;
  let b: TalksService;
  let now = Date.parse('2021-04-06T10:00:00Z');
  const clock = () => new Date(now);

  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
    dbA = await openPostgresDatabase(database.url);
    dbB = await openPostgresDatabase(database.url);
    await migrate(dbA, shippedMigrations());
    a = new TalksService(dbA, { clock });
    b = new TalksService(dbB, { clock });
    for (const username of ['us.head', 'iran.head', 'france.head']) {
      await a.accounts.createUser(
        admin,
        { username, displayName: username, role: 'head', delegation: 'us', password },
        { local: true },
      );
    }
  }, 120_000);

  afterAll(async () => {
    await dbA?.close();
    await dbB?.close();
    await database?.drop();
  });

  const signIn = (
    on: TalksService,
    username: string,
    guess: string,
    address: string,
    deviceSecret?: string,
  ) => on.accounts.signIn(username, guess, { address, ...(deviceSecret ? { deviceSecret } : {}) });

  it('counts failures through A on B, and a restarted server still counts them', async () => {
    // The owner signs in once from their browser: it gets a device cookie.
    const owner = await signIn(b, 'us.head', password, '192.0.2.1');
    for (let i = 0; i < 5; i++) {
      await expect(signIn(a, 'us.head', 'wrong', `10.0.0.${i}`)).rejects.toMatchObject({ status: 401 });
    }
    await expect(signIn(b, 'us.head', 'wrong', '10.0.1.1')).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 1,
      message: expect.stringContaining('for this account from browsers it has not signed in with before'),
    });
    const restarted = new TalksService(dbB, { clock });
    await expect(signIn(restarted, 'us.head', password, '10.0.1.2')).rejects.toMatchObject({ status: 429 });
    // The owner's browser is not held back, on either server.
    await expect(signIn(a, 'us.head', password, '10.0.1.3', owner.deviceSecret)).resolves.toMatchObject({
      session: { user: { username: 'us.head' } },
    });
    now += 1000;
    // The wait is over: the next guess reaches the password check, and doubles the wait.
    await expect(signIn(b, 'us.head', 'wrong', '10.0.1.4')).rejects.toMatchObject({ status: 401 });
    await expect(signIn(a, 'us.head', 'wrong', '10.0.1.5')).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 2,
    });
    now += 2000;
    // The right password through A clears the account's failures for B too.
    await signIn(a, 'us.head', password, '10.0.1.6');
    await expect(signIn(b, 'us.head', 'wrong', '10.0.1.7')).rejects.toMatchObject({ status: 401 });
  });

  it('holds the limit whichever server guesses sent at once reach: five reach the password check, no more', async () => {
    const guesses = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) =>
        signIn(i % 2 === 0 ? a : b, 'iran.head', `guess-${i}`, `10.2.0.${i}`),
      ),
    );
    const statuses = guesses.map((g) =>
      g.status === 'rejected' ? (g.reason as { status: number }).status : 200,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
  });

  it('counts failures per address across servers, and a right password does not count against it', async () => {
    await signIn(a, 'france.head', password, '203.0.113.9');
    for (let i = 0; i < 20; i++) {
      await expect(signIn(i % 2 ? a : b, `name-${i}`, 'wrong', '203.0.113.9')).rejects.toMatchObject({
        status: 401,
      });
    }
    await expect(signIn(b, 'france.head', password, '203.0.113.9')).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('from this address'),
    });
    await expect(signIn(a, 'france.head', password, '198.51.100.1')).resolves.toBeDefined();
  });

  it('throttles refused requests counted on both servers: one entry says so, then 429s', async () => {
    now += 60 * 60_000;
    const { secret } = await signIn(a, 'us.head', password, '192.0.2.50');
    const [callerA, callerB] = [await a.accounts.authenticate(secret), await b.accounts.authenticate(secret)];
    const answers = [];
    for (let i = 0; i < 32; i++) {
      const [on, caller] = i % 2 ? [a, callerA] : [b, callerB];
      answers.push(
        await on.checkRequest(caller, 'document.read', 'document', `d_missing${i}`).then(
          () => 200,
          (error: { status: number }) => error.status,
        ),
      );
    }
    expect(answers.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(answers.slice(30)).toEqual([429, 429]);
    const log = await a.record.auditPage(admin, 0, 500);
    const entries = log.entries as { action: string }[];
    expect(entries.filter((e) => e.action === 'refusals.throttled')).toHaveLength(1);
  });
});
