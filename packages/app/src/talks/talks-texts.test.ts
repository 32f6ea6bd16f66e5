import type { Actor } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine, postgresEngine } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TalksError } from './talks-error.ts';
import { TalksService } from './talks-service.ts';

const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };

// The texts are stored as rows (the group's row with its version, a row per clause, a row per alternative):
// what a write names as the version it was made on is still checked against what is stored.
describe.each(engines)('the negotiating texts stored as rows, on $name', (engine) => {
  let db: Database;
  let talks: TalksService;
  let coordinator: Actor;

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, shippedMigrations());
    talks = new TalksService(db);
    const user = await talks.accounts.createUser(
      admin,
      {
        username: 'coordinator',
        displayName: 'Coordinator',
        role: 'coordinator',
        password: 'a-long-enough-password',
      },
      { local: true },
    );
    coordinator = { userId: user.id, role: 'coordinator' };
  }, 120_000);

  afterAll(async () => {
    if (db) await engine.dispose(db);
  });

  it('refuses a write on a stale version with 409 and the current version, and stores nothing of it', async () => {
    const first = await talks.texts.addClause(coordinator, 'nuclear-implementation', {
      title: 'Enrichment cap',
      weight: 2,
      references: [{ kind: 'nuclear-steps', ids: ['enrichment-367'] }],
      expectedVersion: 1,
    });
    const two = await talks.texts.addClause(coordinator, 'nuclear-implementation', {
      title: 'Stockpile',
      weight: 1,
      references: [],
      expectedVersion: first.version,
    });
    // The text moved to version 3: a clause added on version 2 is refused.
    await expect(
      talks.texts.addClause(coordinator, 'nuclear-implementation', {
        title: 'Late',
        weight: 1,
        references: [],
        expectedVersion: first.version,
      }),
    ).rejects.toMatchObject({ status: 409, currentVersion: two.version });
    const clause = two.clauses[0]!;
    const proposed = await talks.texts.propose(coordinator, 'nuclear-implementation', clause.id, {
      text: '3.67 per cent',
      proposer: 'iran',
      disclosedTo: ['us'],
      expectedVersion: clause.version,
    });
    const stale = talks.texts.propose(coordinator, 'nuclear-implementation', clause.id, {
      text: '3.67 per cent for 15 years',
      proposer: 'us',
      disclosedTo: [],
      expectedVersion: clause.version,
    });
    await expect(stale).rejects.toBeInstanceOf(TalksError);
    await expect(stale).rejects.toMatchObject({ status: 409, currentVersion: clause.version + 1 });
    const withdrawn = talks.texts.withdraw(coordinator, 'nuclear-implementation', clause.id, 'ni-1-a1', {
      expectedVersion: clause.version,
    });
    await expect(withdrawn).rejects.toMatchObject({ status: 409 });
    const now = await talks.texts.text(coordinator, 'nuclear-implementation');
    expect(now).toEqual(proposed);
    expect(now.clauses.map((c) => [c.id, c.version, c.alternatives.length])).toEqual([
      ['ni-1', 2, 1],
      ['ni-2', 1, 0],
    ]);
  });

  it('gives every text in the groups order, the ones never written empty, as each write returned it', async () => {
    const agreed = await talks.texts.setStatus(coordinator, 'nuclear-implementation', 'ni-1', {
      to: 'agreed',
      expectedVersion: 2,
    });
    const texts = await talks.texts.texts(coordinator);
    expect(texts.map((t) => t.group)).toEqual(['sanctions-lifting', 'nuclear-implementation', 'sequencing']);
    expect(texts[1]).toEqual(agreed);
    expect(texts[0]).toEqual({ group: 'sanctions-lifting', version: 1, clauses: [] });
    const progress = await talks.rounds.progress(coordinator);
    expect(progress.now.overall).toMatchObject({ agreed: 1, total: 2 });
  });
});
