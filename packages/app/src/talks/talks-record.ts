import type { AuditVerification, DocumentView, RenderedTextJson, TalksExport } from '@lockstep/contract';
import {
  type Actor,
  type AuditCheckpoint,
  type ChainHead,
  checkCheckpoint,
  delegationOf,
  deskOf,
  emptyRounds,
  inbox,
  progress,
  renderText,
  verifyStoredChain,
  visibleDocument,
} from '@lockstep/core';
import { type SqlExecutor, type StoredAuditRow, TalksRepository } from '@lockstep/store';
import { type AuditSigner, type StoredCheckpoint, verifyEd25519 } from './audit-signing.ts';
import type { TalksCaller } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import { allow, nodeSha256, type TalksLedger } from './talks-ledger.ts';
import { noteJson } from './talks-notes.ts';
import type { TalksRounds } from './talks-rounds.ts';
import type { TalksTexts } from './talks-texts.ts';

/**
 * The record: the hash-chained audit log (a page at a time, verified), its signed checkpoints, and the export
 * of everything a caller may see.
 */
export class TalksRecord {
  constructor(
    private readonly ledger: TalksLedger,
    private readonly texts: TalksTexts,
    private readonly rounds: TalksRounds,
    readonly auditSigner: AuditSigner | undefined,
  ) {}

  async auditPage(actor: Actor, after: number, limit: number) {
    allow(actor, 'audit.read');
    return this.ledger.read(async (repo) => ({
      entries: (await repo.audit(after, limit)) as never[],
      head: await repo.auditHead(),
    }));
  }

  /** Verifies the log, every hash recomputed, against its head and every checkpoint kept. */
  async verifyAudit(actor: Actor): Promise<AuditVerification> {
    allow(actor, 'audit.verify');
    const signer = this.auditSigner;
    return verifyAuditLog(this.ledger.db, {
      checkpoints: signer?.kept() ?? [],
      trustedKeyIds: signer ? [signer.keyId()] : [],
    });
  }

  /**
   * Everything the actor may see, in one JSON document: the texts, progress and rounds, its delegation's papers
   * (or, for the coordinator, those sent to it), every relay that reached it and its desk's private notes.
   * Recorded as a read of each paper and relay in it (not of the notes, whose reads are never recorded).
   */
  async exportFor(caller: TalksCaller): Promise<TalksExport> {
    const { actor } = caller;
    allow(actor, 'talks.export');
    return this.ledger.write(actor, 'talks.export', async (repo, at) => {
      const delegation = delegationOf(actor);
      const state = await repo.documents({
        ...(delegation ? { author: delegation } : {}),
        allDocuments: actor.role === 'coordinator',
      });
      const items = inbox(actor, state);
      const ids = [...new Set(items.flatMap((item) => (item.kind === 'received' ? [] : [item.documentId])))];
      const documents = ids.flatMap((id) => {
        const view = visibleDocument(actor, state, id);
        return view ? [view as DocumentView] : [];
      });
      const relays = items.flatMap((item) => {
        if (item.kind !== 'received') return [];
        const { kind: _kind, ...relay } = item;
        return [relay];
      });
      // The desk's notes, as its members list them (reads of notes are not recorded: they are the desk's own).
      const desk = deskOf(actor);
      const notes = desk ? (await repo.notes(desk, { includeDeleted: true })).map(noteJson) : [];
      const texts = await this.texts.all(repo.executor);
      const rounds = (await repo.rounds()) ?? emptyRounds;
      return {
        value: {
          exportedAt: at,
          exportedBy: caller.user,
          texts: texts.map((t) => renderText(actor, t) as RenderedTextJson),
          progress: progress(texts) as TalksExport['progress'],
          rounds: this.rounds.report(actor, rounds, texts),
          documents,
          relays,
          notes,
        },
        target: 'talks',
        detail: { documents: ids, relays: relays.map((r) => r.relayId) },
      };
    });
  }

  // Signed checkpoints

  /**
   * Signs a checkpoint of the audit head now and keeps it as a file outside the database (recorded in the log
   * as `audit.checkpoint`, before the head it signs). Refused (409) when no signing key is configured.
   */
  async checkpoint(actor: Actor): Promise<AuditCheckpoint> {
    allow(actor, 'audit.checkpoint');
    const signer = this.auditSigner;
    if (!signer) {
      throw new TalksError(
        409,
        'this server keeps no audit signing key: checkpoints need a data directory or LOCKSTEP_STATE_DIR',
      );
    }
    return this.ledger.write(actor, 'audit.checkpoint', async (repo, at) => {
      // The head before this entry: the entry recording the checkpoint follows it.
      const head = await repo.auditHead();
      const checkpoint = signer.sign(head, at);
      signer.keep(checkpoint);
      return {
        value: checkpoint,
        target: `audit:${head.seq}`,
        detail: { seq: head.seq, keyId: checkpoint.keyId },
      };
    });
  }

  /**
   * Signs and keeps a checkpoint when the head moved since the last one kept (the server does this on a
   * timer and when it stops), without writing to the log. Returns it, or undefined when there was nothing new.
   */
  async checkpointIfMoved(): Promise<AuditCheckpoint | undefined> {
    const signer = this.auditSigner;
    if (!signer) return undefined;
    const head = await this.ledger.read((repo) => repo.auditHead());
    if (head.seq === 0) return undefined;
    const latest = signer.latest();
    if (latest && latest.seq === head.seq && latest.hash === head.hash) return undefined;
    const checkpoint = signer.sign(head, this.ledger.now());
    signer.keep(checkpoint);
    return checkpoint;
  }
}

/** What to check a log against besides its head: signed checkpoints, and the keys trusted to sign them. */
export interface CheckpointCheck {
  readonly checkpoints: readonly StoredCheckpoint[];
  readonly trustedKeyIds: readonly string[];
}

/**
 * Verifies the whole audit log: every stored hash recomputed and compared with its column, every link, the
 * head kept apart, and each signed checkpoint (which a database writer cannot forge, so a rewrite of the
 * whole chain and its head fails here). The first edited, removed, reordered or inserted entry is named.
 * Run by `lockstep talks audit verify` directly on the store.
 */
export async function verifyAuditLog(
  db: SqlExecutor,
  against: CheckpointCheck = { checkpoints: [], trustedKeyIds: [] },
): Promise<AuditVerification> {
  const { head, rows } = await exportAuditLog(db);
  return verifyStoredLog(rows, head, against);
}

/** The audit log as stored, with its head: what `lockstep talks audit export` writes for offline checks. */
export async function exportAuditLog(db: SqlExecutor): Promise<{ head: ChainHead; rows: StoredAuditRow[] }> {
  const repo = new TalksRepository(db);
  return { head: await repo.auditHead(), rows: await repo.storedAudit() };
}

/** `verifyAuditLog` on rows and a head already read (from the store, or from an exported file offline). */
export function verifyStoredLog(
  rows: readonly StoredAuditRow[],
  head: ChainHead,
  against: CheckpointCheck = { checkpoints: [], trustedKeyIds: [] },
): AuditVerification {
  const chain = verifyStoredChain(rows, nodeSha256, head);
  const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
  const results = against.checkpoints.map((stored) =>
    checkpointResult(stored, head, hashes, against.trustedKeyIds),
  );
  const failed = results.find((c) => !c.ok);
  // Every checkpoint is checked; the answer lists the failing ones and the newest few (one is kept every ten
  // minutes of activity, so the whole list would grow without bound).
  const newest = results.filter((c) => c.ok).slice(-shownCheckpoints);
  const checkpoints = [...results.filter((c) => !c.ok), ...newest];
  const checkpointsChecked = results.length;
  if (chain.ok && !failed) {
    const signed = checkpointsChecked > 0 ? `; ${checkpointsChecked} signed checkpoint(s) hold` : '';
    return {
      ok: true,
      count: chain.count,
      head,
      checkpoints,
      checkpointsChecked,
      message: `${chain.count} entries verified: every hash and link holds, up to the recorded head (seq ${head.seq})${signed}`,
    };
  }
  if (!chain.ok) {
    return {
      ok: false,
      count: rows.length,
      head,
      problem: chain.problem,
      firstBad: chain.firstBad,
      checkpoints,
      checkpointsChecked,
      message: chain.message,
    };
  }
  return {
    ok: false,
    count: rows.length,
    head,
    checkpoints,
    checkpointsChecked,
    message: `the chain holds on its own, but a signed checkpoint does not: ${failed!.message}`,
  };
}

/** How many of the checkpoints that hold a verification lists (the newest). */
const shownCheckpoints = 5;

function checkpointResult(
  stored: StoredCheckpoint,
  head: { seq: number; hash: string },
  hashes: ReadonlyMap<number, string>,
  trustedKeyIds: readonly string[],
): AuditVerification['checkpoints'][number] {
  if ('error' in stored) {
    return {
      file: stored.file,
      seq: 0,
      at: '',
      keyId: '',
      ok: false,
      problem: 'malformed',
      message: `${stored.file}: ${stored.error}`,
    };
  }
  const { checkpoint } = stored;
  const verdict = checkCheckpoint(checkpoint, head, (seq) => hashes.get(seq), verifyEd25519, trustedKeyIds);
  return {
    ...(stored.file ? { file: stored.file } : {}),
    seq: checkpoint.seq,
    at: checkpoint.at,
    keyId: checkpoint.keyId,
    ok: verdict.ok,
    ...(verdict.ok ? {} : { problem: verdict.problem }),
    message: verdict.ok
      ? `the log still holds entry ${checkpoint.seq} as signed at ${checkpoint.at}`
      : verdict.message,
  };
}
