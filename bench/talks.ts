/**
 * Talks cases for `npm run bench`: verifying the hash-chained audit log (target: 100,000 entries in < 5 s),
 * with node:crypto's SHA-256 and, as the peer in the same run, core's pure TypeScript SHA-256 (what a
 * verifier without node:crypto would take).
 */
import { createHash } from 'node:crypto';
import { verifyAuditLog } from '@lockstep/app';
import { type AuditEntry, appendEntry, type Sha256, sha256, verifyChain } from '@lockstep/core';
import { migrate, openPgliteDatabase, shippedMigrations, TalksRepository } from '@lockstep/store';
import type { Emit } from './emit.ts';

const nodeSha256: Sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** A log shaped like a busy round: reads and writes of papers and clauses by delegations and the coordinator. */
function buildLog(count: number): AuditEntry[] {
  const delegations = ['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu'] as const;
  const actions = ['document.read', 'document.version', 'document.relay', 'text.propose', 'text.set-status'];
  const entries: AuditEntry[] = [];
  let tail: AuditEntry | undefined;
  for (let i = 0; i < count; i++) {
    const delegation = delegations[i % delegations.length]!;
    tail = appendEntry(
      tail,
      {
        at: new Date(Date.UTC(2021, 3, 6) + i * 1000).toISOString(),
        actor: { userId: `u-${delegation}-${i % 3}`, role: 'member', delegation },
        action: actions[i % actions.length]!,
        target: `document:d-${i % 500}`,
        detail: { version: (i % 7) + 1, channel: `coordinator-${delegation}` },
      },
      nodeSha256,
    );
    entries.push(tail);
  }
  return entries;
}

function seconds(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

export function talksCases(emit: Emit): void {
  const count = 100_000;
  const log = buildLog(count);
  const head = { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash };
  let ok = false;
  const withNode = seconds(() => {
    ok = verifyChain(log, nodeSha256, head).ok;
  });
  const pure = seconds(() => {
    verifyChain(log, sha256, head);
  });
  emit({
    bench: 'talks',
    case: `verify a hash-chained audit log of ${count.toLocaleString('en')} entries, node:crypto SHA-256 (target < 5 s)`,
    value: Math.round(withNode * 1000),
    unit: 'ms',
    verified: ok,
    peer: {
      case: 'the same with core’s pure TypeScript SHA-256',
      value: Math.round(pure * 1000),
      unit: 'ms',
    },
  });
}

/**
 * The same 100,000 entries stored in the embedded store and verified as `lockstep talks audit verify` does:
 * read every row back in seq order, re-hash, check the links and the head kept apart.
 */
export async function storedAuditCase(emit: Emit): Promise<void> {
  const count = 100_000;
  const log = buildLog(count);
  const db = await openPgliteDatabase();
  try {
    await migrate(db, shippedMigrations());
    const repo = new TalksRepository(db);
    for (let i = 0; i < log.length; i += 5_000) await repo.appendAudit(log.slice(i, i + 5_000));
    const head = { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash };
    const inMemory = seconds(() => verifyChain(log, nodeSha256, head));
    const started = performance.now();
    const result = await verifyAuditLog(db);
    const elapsed = performance.now() - started;
    emit({
      bench: 'talks',
      case: `audit verify of ${count.toLocaleString('en')} entries read from the embedded store (target < 5 s)`,
      value: Math.round(elapsed),
      unit: 'ms',
      verified: result.ok,
      entries: result.count,
      peer: { case: 'the same chain verified in memory', value: Math.round(inMemory * 1000), unit: 'ms' },
    });
  } finally {
    await db.close();
  }
}
