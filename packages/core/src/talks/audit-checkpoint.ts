import { type ChainHead, canonicalJson } from './audit-chain.ts';

/** The format tag of a checkpoint file; a verifier refuses any other. */
export const auditCheckpointFormat = 'lockstep-audit-checkpoint/1';

/**
 * A signed statement that the audit log's head was `seq`/`hash` at `at`. It is signed with an Ed25519 key
 * kept outside the database, so that whoever can write to the database (and so rewrite the whole chain and
 * its head) cannot make a checkpoint agree with the rewritten log. Kept as a file outside the database too.
 */
export interface AuditCheckpoint {
  readonly format: typeof auditCheckpointFormat;
  readonly seq: number;
  readonly hash: string;
  /** When the checkpoint was made (ISO 8601 instant). */
  readonly at: string;
  /** The Ed25519 public key, raw 32 bytes in base64. */
  readonly publicKey: string;
  /** The first 16 hex digits of the SHA-256 of the raw public key: how the key is named to a person. */
  readonly keyId: string;
  /** Ed25519 signature of `checkpointPayload`, in base64. */
  readonly signature: string;
}

/** The text a checkpoint's signature covers: the canonical JSON of every field but the signature. */
export function checkpointPayload(checkpoint: Omit<AuditCheckpoint, 'signature'>): string {
  const { format, seq, hash, at, publicKey, keyId } = checkpoint;
  return canonicalJson({ format, seq, hash, at, publicKey, keyId });
}

/** Checks an Ed25519 signature (base64) of `payload` under a raw public key (base64): node:crypto's, in app. */
export type SignatureCheck = (payload: string, signature: string, publicKey: string) => boolean;

/** Why a checkpoint does not hold against a log. */
export type CheckpointProblem = 'malformed' | 'unknown-key' | 'bad-signature' | 'rolled-back' | 'rewritten';

/** The outcome of checking one checkpoint. */
export type CheckpointVerdict =
  | { readonly ok: true; readonly seq: number; readonly keyId: string }
  | { readonly ok: false; readonly problem: CheckpointProblem; readonly message: string };

/** A parsed value as a checkpoint, or the reason it is not one (names the field). */
export function parseCheckpoint(value: unknown): AuditCheckpoint | string {
  if (value === null || typeof value !== 'object') return 'a checkpoint is a JSON object';
  const c = value as { readonly [key: string]: unknown };
  if (c.format !== auditCheckpointFormat) return `format: expected "${auditCheckpointFormat}"`;
  if (typeof c.seq !== 'number' || !Number.isSafeInteger(c.seq) || c.seq < 0) {
    return 'seq: expected a whole number from 0';
  }
  if (typeof c.hash !== 'string' || !/^[0-9a-f]{64}$/.test(c.hash)) return 'hash: expected 64 hex digits';
  if (typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at))) return 'at: expected an ISO 8601 instant';
  for (const field of ['publicKey', 'keyId', 'signature'] as const) {
    if (typeof c[field] !== 'string' || c[field] === '') return `${field}: expected a non-empty string`;
  }
  return c as unknown as AuditCheckpoint;
}

/**
 * Whether the log still holds what a checkpoint says it held: the signature is good under a trusted key, the
 * log has not lost entries since (its head is at or past the checkpoint), and the entry at the checkpoint's
 * seq has the checkpoint's hash. With the chain itself verified (every link from seq 1), a matching entry at
 * `seq` vouches for every entry up to it, so a rewrite of the history before the checkpoint, even with every
 * later hash and the head recomputed, is caught.
 *
 * @param entryHashAt the stored entry's hash at a seq (undefined when the log has no such entry)
 * @param trustedKeyIds the key ids a verifier accepts; a checkpoint signed by another key is refused
 */
export function checkCheckpoint(
  checkpoint: AuditCheckpoint,
  head: ChainHead,
  entryHashAt: (seq: number) => string | undefined,
  verifySignature: SignatureCheck,
  trustedKeyIds: readonly string[],
): CheckpointVerdict {
  const fail = (problem: CheckpointProblem, message: string): CheckpointVerdict => ({
    ok: false,
    problem,
    message,
  });
  if (!trustedKeyIds.includes(checkpoint.keyId)) {
    return fail(
      'unknown-key',
      `the checkpoint of seq ${checkpoint.seq} is signed by key ${checkpoint.keyId}, which is not a trusted key (${trustedKeyIds.join(', ') || 'none given'})`,
    );
  }
  if (!verifySignature(checkpointPayload(checkpoint), checkpoint.signature, checkpoint.publicKey)) {
    return fail(
      'bad-signature',
      `the checkpoint of seq ${checkpoint.seq} has a signature that does not verify`,
    );
  }
  if (head.seq < checkpoint.seq) {
    return fail(
      'rolled-back',
      `the log ends at seq ${head.seq}, but a checkpoint signed at ${checkpoint.at} saw seq ${checkpoint.seq}: entries were removed`,
    );
  }
  if (checkpoint.seq === 0) return { ok: true, seq: 0, keyId: checkpoint.keyId };
  const stored = entryHashAt(checkpoint.seq);
  if (stored !== checkpoint.hash) {
    return fail(
      'rewritten',
      stored === undefined
        ? `audit entry ${checkpoint.seq}, signed in a checkpoint at ${checkpoint.at}, is missing`
        : `audit entry ${checkpoint.seq} is not the one signed in a checkpoint at ${checkpoint.at}: the log was rewritten up to it`,
    );
  }
  return { ok: true, seq: checkpoint.seq, keyId: checkpoint.keyId };
}
