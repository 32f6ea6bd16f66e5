import type { Actor } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine, postgresEngine } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TalksError } from './talks-error.ts';
import { TalksService } from './talks-service.ts';

const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };

// The same service on both engines: on PostgreSQL the writes run on separate pooled connections at once, so
// the audit head lock is what orders them.
describe.each(engines)('the talks service on $name', (engine) => {
  let db: Database;
  let talks: TalksService;
  let coordinator: Actor;
  let iran: Actor;

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, shippedMigrations());
    talks = new TalksService(db);
    const make = async (username: string, role: 'coordinator' | 'head', delegation?: 'iran') => {
      const user = await talks.accounts.createUser(
        admin,
        {
          username,
          displayName: username,
          role,
          ...(delegation ? { delegation } : {}),
          password: 'a-long-enough-password',
        },
        { local: true },
      );
      return { userId: user.id, role, ...(delegation ? { delegation } : {}) } as Actor;
    };
    coordinator = await make('coordinator', 'coordinator');
    iran = await make('iran.head', 'head', 'iran');
  }, 120_000);

  afterAll(async () => {
    if (db) await engine.dispose(db);
  });

  it('lets exactly one of many writes on the same version land; the others get 409 with the current version', async () => {
    const text = await talks.texts.addClause(coordinator, 'sequencing', {
      title: 'Order of the first steps',
      weight: 1,
      references: [],
      expectedVersion: 1,
    });
    const clause = text.clauses[0]!;
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        talks.texts.propose(coordinator, 'sequencing', clause.id, {
          text: `Wording ${i}`,
          proposer: 'coordinator',
          disclosedTo: [],
          expectedVersion: clause.version,
        }),
      ),
    );
    const landed = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason] : []));
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const error of refused) {
      expect(error).toBeInstanceOf(TalksError);
      expect(error).toMatchObject({ status: 409, currentVersion: clause.version + 1 });
    }
    const now = await talks.texts.text(coordinator, 'sequencing');
    expect(now.clauses[0]!.alternatives).toHaveLength(1);
    expect(now.clauses[0]!.version).toBe(clause.version + 1);
  });

  it('loses no version when one delegation writes many at once, each on the version it read last', async () => {
    const created = await talks.papers.createDocument(iran, { title: 'Non-paper', text: 'v1' });
    let version = created.kind === 'own' ? created.version : 0;
    const writes: Promise<unknown>[] = [];
    for (let i = 2; i <= 8; i++) {
      // Each retry reads the current version first: what a client does after a 409.
      writes.push(
        (async () => {
          for (;;) {
            try {
              const view = await talks.papers.addVersion(iran, created.documentId, {
                text: `v${i}`,
                expectedVersion: version,
              });
              if (view.kind === 'own') version = Math.max(version, view.version);
              return;
            } catch (error) {
              if (!(error instanceof TalksError) || error.status !== 409) throw error;
              version = error.currentVersion!;
            }
          }
        })(),
      );
    }
    await Promise.all(writes);
    const view = await talks.papers.readDocument(iran, created.documentId);
    expect(view.kind === 'own' && view.versions.map((v) => v.text).sort()).toEqual(
      ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'].sort(),
    );
  });

  it('keeps an audit chain that verifies, one entry per write and per paper read', async () => {
    const result = await talks.record.verifyAudit(coordinator);
    expect(result.ok).toBe(true);
    const page = await talks.record.auditPage(admin, 0, 1000);
    expect(page.entries).toHaveLength(result.count);
    const actions = page.entries.map((e) => (e as { action: string }).action);
    // 2 users, 1 clause, 1 landed proposal, 1 paper, 7 versions, 1 read: refused writes leave no entry.
    expect(actions.filter((a) => a === 'text.propose')).toHaveLength(1);
    expect(actions.filter((a) => a === 'document.version')).toHaveLength(7);
    expect(actions.filter((a) => a === 'document.read')).toHaveLength(1);
  });
});
