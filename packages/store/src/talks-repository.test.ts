import { createHash } from 'node:crypto';
import {
  type Actor,
  type AuditEntry,
  addClause,
  appendEntry,
  type Delegation,
  emptyText,
  type NegotiatingText,
  proposeAlternative,
  setClauseStatus,
  type TalksResult,
  withdrawAlternative,
} from '@lockstep/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { migrate, shippedMigrations } from './migrate.ts';
import { TalksRepository } from './talks-repository.ts';
import { pgliteEngine, postgresEngine } from './testing/engines.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const at = '2021-04-06T09:00:00.000Z';
const chair: Actor = { userId: 'mora', role: 'coordinator' };

/** One change the coordinator may make to a text, chosen by index among what exists when it is applied. */
type TextStep =
  | { readonly kind: 'clause'; readonly weight: number }
  | { readonly kind: 'propose'; readonly clause: number; readonly proposer: 'coordinator' | Delegation }
  | { readonly kind: 'withdraw'; readonly clause: number; readonly alternative: number }
  | {
      readonly kind: 'status';
      readonly clause: number;
      readonly alternative: number;
      readonly to: 'open' | 'agreed-ad-referendum' | 'agreed';
    };

const textStep: fc.Arbitrary<TextStep> = fc.oneof(
  fc.record({ kind: fc.constant('clause' as const), weight: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('propose' as const),
    clause: fc.nat(),
    proposer: fc.constantFrom('coordinator' as const, 'iran' as const, 'us' as const),
  }),
  fc.record({ kind: fc.constant('withdraw' as const), clause: fc.nat(), alternative: fc.nat() }),
  fc.record({
    kind: fc.constant('status' as const),
    clause: fc.nat(),
    alternative: fc.nat(),
    to: fc.constantFrom('open' as const, 'agreed-ad-referendum' as const, 'agreed' as const),
  }),
);

/** The core's result of `step` on `text`, or undefined when the core refuses it (or there is no clause). */
function applyStep(text: NegotiatingText, step: TextStep, i: number): NegotiatingText | undefined {
  const when = new Date(Date.parse(at) + i * 60_000).toISOString();
  if (step.kind === 'clause') {
    const id = `sq-${text.clauses.length + 1}`;
    return outcome(
      addClause(text, chair, {
        id,
        title: `Clause ${id}`,
        weight: step.weight,
        expectedVersion: text.version,
        at: when,
      }),
    );
  }
  const clause = text.clauses[step.clause % Math.max(1, text.clauses.length)];
  if (!clause) return undefined;
  const base = { clauseId: clause.id, expectedVersion: clause.version, at: when };
  if (step.kind === 'propose') {
    const id = `${clause.id}-a${clause.alternatives.length + 1}`;
    return outcome(
      proposeAlternative(text, chair, { ...base, id, text: `Wording ${i}`, proposer: step.proposer }),
    );
  }
  const alternative = clause.alternatives[step.alternative % Math.max(1, clause.alternatives.length)];
  if (step.kind === 'withdraw') {
    return (
      alternative && outcome(withdrawAlternative(text, chair, { ...base, alternativeId: alternative.id }))
    );
  }
  return outcome(
    setClauseStatus(text, chair, {
      ...base,
      to: step.to,
      ...(alternative && alternative.withdrawnAt === undefined ? { alternativeId: alternative.id } : {}),
    }),
  );
}

const outcome = <T>(result: TalksResult<T>): T | undefined => (result.ok ? result.value : undefined);

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

  it('reads back every text as the core left it, after any series of changes stored as changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(textStep, { minLength: 1, maxLength: 25 }), async (steps) => {
        await db.query('DELETE FROM talks_text_alternatives');
        await db.query('DELETE FROM talks_text_clauses');
        await db.query('DELETE FROM talks_texts');
        let expected: NegotiatingText | undefined;
        for (const [i, step] of steps.entries()) {
          await db.transaction(async (tx) => {
            const txRepo = new TalksRepository(tx);
            const stored = await txRepo.text('sequencing', true);
            expect(stored).toEqual(expected);
            const next = applyStep(stored ?? emptyText('sequencing'), step, i);
            if (next) {
              await txRepo.saveTextChange(stored, next);
              expected = next;
            }
          });
        }
        expect(await repo.text('sequencing')).toEqual(expected);
        expect(await repo.texts()).toEqual(expected ? [expected] : []);
      }),
      { numRuns: 15 },
    );
  });

  it('writes only the clause and the alternative a proposal changes', async () => {
    let text = emptyText('sequencing');
    for (const id of ['sq-1', 'sq-2', 'sq-3']) {
      text = outcome(addClause(text, chair, { id, title: id, expectedVersion: text.version, at }))!;
    }
    await repo.saveText(text);
    const propose = (from: NegotiatingText, clauseId: string, id: string) => {
      const clause = from.clauses.find((c) => c.id === clauseId)!;
      return outcome(
        proposeAlternative(from, chair, {
          clauseId,
          id,
          text: id,
          proposer: 'iran',
          expectedVersion: clause.version,
          at,
        }),
      )!;
    };
    const first = propose(text, 'sq-2', 'sq-2-a1');
    await repo.saveTextChange(text, first);
    const rowVersions = async () => {
      const clauses = await db.query<{ id: string; xmin: string }>(
        'SELECT id, xmin::text FROM talks_text_clauses ORDER BY id',
      );
      const alternatives = await db.query<{ id: string; xmin: string }>(
        'SELECT id, xmin::text FROM talks_text_alternatives ORDER BY id',
      );
      return Object.fromEntries([...clauses, ...alternatives].map((r) => [r.id, r.xmin]));
    };
    const before = await rowVersions();
    const second = propose(first, 'sq-2', 'sq-2-a2');
    await repo.saveTextChange(first, second);
    const after = await rowVersions();
    // Each row's xmin is the transaction that last wrote it: only sq-2 and its new alternative moved.
    expect(Object.keys(after).filter((id) => after[id] !== before[id])).toEqual(['sq-2', 'sq-2-a2']);
    expect(await repo.text('sequencing')).toEqual(second);
    // Stored whole, a text with fewer clauses and alternatives leaves no row of the ones it dropped.
    const [, clause] = second.clauses;
    const smaller = { ...second, clauses: [{ ...clause!, alternatives: clause!.alternatives.slice(1) }] };
    await repo.saveText(smaller);
    expect(await repo.text('sequencing')).toEqual(smaller);
    expect(Object.keys(await rowVersions()).sort()).toEqual(['sq-2', 'sq-2-a2']);
  });

  it("keeps a note's versions as rows beside it, and lists a desk's notes only, by subject", async () => {
    const subject = { kind: 'clause', group: 'sequencing', clauseId: 'sq-1' } as const;
    const first = { number: 1, text: 'first', at, by: 'u1' };
    const note = { id: 'n1', desk: 'iran', subject, versions: [first], version: 1 } as const;
    await repo.addNote(note, 'clause:sequencing/sq-1', at);
    await repo.addNote(
      { ...note, id: 'n2', desk: 'us', versions: [{ ...first, text: 'theirs' }] },
      'clause:sequencing/sq-1',
      at,
    );
    const deleted = { number: 2, text: '', at, by: 'u1', deleted: true as const };
    await repo.addNoteVersion({ ...note, versions: [first, deleted], version: 2 });
    expect(await repo.note('n1')).toEqual({ ...note, versions: [first, deleted], version: 2 });
    expect(await repo.note('n404')).toBeUndefined();
    // A version is added, never rewritten.
    await expect(repo.addNoteVersion({ ...note, versions: [first, deleted], version: 2 })).rejects.toThrow();
    expect(await repo.notes('iran')).toEqual([]);
    expect((await repo.notes('iran', { includeDeleted: true })).map((n) => n.id)).toEqual(['n1']);
    expect((await repo.notes('us', { subjectKey: 'clause:sequencing/sq-1' })).map((n) => n.id)).toEqual([
      'n2',
    ]);
    expect(await repo.notes('us', { subjectKey: 'clause:sequencing/sq-2' })).toEqual([]);
    expect(await repo.notes('coordinator')).toEqual([]);
    // Only a desk of the talks keeps notes.
    await expect(
      repo.addNote({ ...note, id: 'n3', desk: 'admin' as never }, 'clause:x/y', at),
    ).rejects.toThrow();
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

describe.each(engines)('the texts migration on $name', (engine) => {
  let db: Database;

  beforeAll(async () => {
    db = await engine.open();
  }, 120_000);

  afterAll(async () => {
    if (db) await engine.dispose(db);
  });

  it('moves a text stored as one JSON row into clause and alternative rows', async () => {
    await migrate(
      db,
      shippedMigrations().filter((m) => m.version <= 5),
    );
    let text = emptyText('sanctions-lifting');
    text = outcome(addClause(text, chair, { id: 'sl-1', title: 'Banking', expectedVersion: 1, at }))!;
    text = outcome(
      addClause(text, chair, {
        id: 'sl-2',
        title: 'Oil',
        weight: 2,
        references: [{ kind: 'sanctions-designations', ids: ['NIOC'] }],
        expectedVersion: 2,
        at,
      }),
    )!;
    for (const [i, proposer] of (['iran', 'us', 'coordinator'] as const).entries()) {
      text = outcome(
        proposeAlternative(text, chair, {
          clauseId: 'sl-2',
          id: `sl-2-a${i + 1}`,
          text: `Wording ${i + 1}`,
          proposer,
          disclosedTo: proposer === 'iran' ? ['us'] : [],
          expectedVersion: text.clauses[1]!.version,
          at,
        }),
      )!;
    }
    text = outcome(
      withdrawAlternative(text, chair, {
        clauseId: 'sl-2',
        alternativeId: 'sl-2-a2',
        expectedVersion: text.clauses[1]!.version,
        at,
      }),
    )!;
    text = outcome(
      setClauseStatus(text, chair, {
        clauseId: 'sl-2',
        to: 'agreed-ad-referendum',
        alternativeId: 'sl-2-a1',
        expectedVersion: text.clauses[1]!.version,
        at,
      }),
    )!;
    const empty = emptyText('sequencing');
    for (const stored of [text, empty]) {
      await db.query('INSERT INTO talks_texts (expert_group, version, text) VALUES ($1, $2, $3)', [
        stored.group,
        stored.version,
        JSON.stringify(stored),
      ]);
    }
    expect((await migrate(db)).applied).toContain(6);
    const repo = new TalksRepository(db);
    expect(await repo.text('sanctions-lifting')).toEqual(text);
    expect(await repo.texts()).toEqual([text, empty]);
    const [rows] = await db.query<{ clauses: number; alternatives: number }>(
      `SELECT (SELECT count(*)::int FROM talks_text_clauses) AS clauses,
              (SELECT count(*)::int FROM talks_text_alternatives) AS alternatives`,
    );
    expect(rows).toEqual({ clauses: 2, alternatives: 3 });
  });
});
