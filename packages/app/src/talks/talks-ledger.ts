import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  type AuditEntry,
  type AuditValue,
  appendEntry,
  authorize,
  delegationOf,
  type PolicyResource,
  type TalksAction,
  type TalksResult,
  VersionConflict,
} from '@lockstep/core';
import { type Database, TalksRepository } from '@lockstep/store';
import { TalksError } from './talks-error.ts';

/** SHA-256 in hex by node:crypto: the audit chain's hash (core's pure one gives the same digests, slower). */
export function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A fresh opaque id: it says nothing of who made the object, since others may see it. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A core rule's outcome, or the error the API answers with. */
export function unwrap<T>(result: TalksResult<T>): T {
  if (result.ok) return result.value;
  const error = result.error;
  if (error instanceof VersionConflict) throw new TalksError(409, error.message, error.field, error.current);
  const status = error.code === 'not-found' ? 404 : error.code === 'forbidden' ? 403 : 422;
  throw new TalksError(status, error.message, error.field);
}

/** Refuses with the policy's answer (403, or 404 when the actor may not know the object exists). */
export function allow(actor: Actor, action: TalksAction, resource?: PolicyResource): void {
  const decision = authorize(actor, action, resource);
  if (!decision.allowed) throw refusalOf(actor, action, decision, resource);
}

/**
 * The policy's refusal as an error. Its reason for a paper may name the author delegation ("only the
 * "iran" delegation may ..."), which a recipient of an unattributed relay must not learn: only the
 * author's delegates and the coordinator are told it.
 */
export function refusalOf(
  actor: Actor,
  action: TalksAction,
  decision: { readonly status: 403 | 404; readonly reason: string },
  resource?: PolicyResource,
): TalksError {
  const namesAuthor =
    resource?.kind === 'document' &&
    actor.role !== 'coordinator' &&
    delegationOf(actor) !== resource.author &&
    decision.reason.includes(`"${resource.author}"`);
  return new TalksError(
    decision.status,
    namesAuthor ? `only the delegation that wrote this paper may ${action} it` : decision.reason,
  );
}

/** The `NOTIFY` channel on which a committed write's audit seq is announced to other servers. */
export const talksChannel = 'lockstep_talks';

/** What one write did, for the audit entry: ids, names and versions only, never a paper's text. */
export interface Done<T> {
  readonly value: T;
  readonly target: string;
  readonly detail?: { readonly [key: string]: AuditValue };
}

/**
 * The talks' store with its record: every write runs in one transaction that locks the audit head first and
 * appends its entry, so writes are ordered, each sees the one before, and an acknowledged write has its entry.
 */
export class TalksLedger {
  private readonly committed: ((entry: AuditEntry) => void)[] = [];

  constructor(
    readonly db: Database,
    private readonly clock: () => Date,
  ) {}

  /** Calls `listener` with each write's audit entry once the write has committed (the live events). */
  onCommit(listener: (entry: AuditEntry) => void): void {
    this.committed.push(listener);
  }

  now(): string {
    return this.clock().toISOString();
  }

  /** The clock in milliseconds (for throttles). */
  nowMs(): number {
    return this.clock().getTime();
  }

  /** Runs `work` in one transaction with the audit head locked, and records it as `action` by `actor`. */
  async write<T>(
    actor: Actor,
    action: string,
    work: (repo: TalksRepository, at: string) => Promise<Done<T>>,
  ): Promise<T> {
    const { value, entry } = await this.db.transaction(async (tx) => {
      const repo = new TalksRepository(tx);
      const head = await repo.lockAuditHead();
      const at = this.now();
      const done = await work(repo, at);
      const record = { at, actor, action, target: done.target, detail: done.detail ?? {} };
      const entry = appendEntry(head.seq === 0 ? undefined : head, record, nodeSha256);
      await repo.appendAudit([entry]);
      // Other servers on the same PostgreSQL hear of the entry when it commits (their live events read it).
      if (this.db.kind === 'postgres')
        await tx.query('SELECT pg_notify($1, $2)', [talksChannel, String(entry.seq)]);
      return { value: done.value, entry };
    });
    for (const listener of this.committed) listener(entry);
    return value;
  }

  read<T>(work: (repo: TalksRepository) => Promise<T>): Promise<T> {
    return work(new TalksRepository(this.db));
  }
}
