import { describe, expect, it } from 'vitest';
import { type AuditEntry, appendEntry, entryHash, verifyChain, verifyStoredChain } from './audit-chain.ts';
import {
  type AuditCheckpoint,
  auditCheckpointFormat,
  checkCheckpoint,
  checkpointPayload,
  parseCheckpoint,
  type SignatureCheck,
} from './audit-checkpoint.ts';
import { sha256 } from './sha256.ts';
import { coordinator, memberOf } from './testing/actors.ts';

// The signature scheme is node:crypto's Ed25519 in the app (tested there); core needs only a check that
// fails for a wrong payload, signature or key, so a keyed hash stands in for it here.
const sign = (payload: string, key: string) => sha256(`${key}|${payload}`);
const verify: SignatureCheck = (payload, signature, publicKey) => sign(payload, publicKey) === signature;

function log(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const record = {
      at: `2021-04-06T10:00:${String(i).padStart(2, '0')}Z`,
      actor: i % 2 ? memberOf('iran') : coordinator,
      action: 'document.read',
      target: `document:d-${i}`,
      detail: { version: i },
    };
    entries.push(appendEntry(entries.at(-1), record, sha256));
  }
  return entries;
}

function checkpointOf(entries: readonly AuditEntry[], seq: number, key = 'key-1'): AuditCheckpoint {
  const unsigned = {
    format: auditCheckpointFormat,
    seq,
    hash: entries[seq - 1]!.hash,
    at: '2021-04-06T11:00:00Z',
    publicKey: key,
    keyId: `id-${key}`,
  } as const;
  return { ...unsigned, signature: sign(checkpointPayload(unsigned), key) };
}

const check = (checkpoint: AuditCheckpoint, entries: readonly AuditEntry[], trusted = ['id-key-1']) =>
  checkCheckpoint(
    checkpoint,
    { seq: entries.at(-1)?.seq ?? 0, hash: entries.at(-1)?.hash ?? '' },
    (seq) => entries.find((e) => e.seq === seq)?.hash,
    verify,
    trusted,
  );

/** What a database writer can do: rewrite entry `seq` and recompute every later hash, and so the head. */
function rewrittenFrom(entries: readonly AuditEntry[], seq: number): AuditEntry[] {
  const out: AuditEntry[] = entries.slice(0, seq - 1);
  for (const entry of entries.slice(seq - 1)) {
    const { hash: _old, seq: _seq, prevHash: _prev, ...record } = entry;
    const changed = entry.seq === seq ? { ...record, target: 'document:d-hidden' } : record;
    out.push(appendEntry(out.at(-1), changed, sha256));
  }
  return out;
}

describe('signed checkpoints of the audit head', () => {
  const entries = log(10);

  it('hold for the log they were made of, and for the log grown since', () => {
    expect(check(checkpointOf(entries, 6), entries)).toEqual({ ok: true, seq: 6, keyId: 'id-key-1' });
    expect(check(checkpointOf(entries, 6), [...entries, ...log(12).slice(10)]).ok).toBe(true);
  });

  it('catch a rewrite that recomputed every later hash and the head, which the chain alone passes', () => {
    const rewritten = rewrittenFrom(entries, 3);
    const last = rewritten.at(-1)!;
    expect(verifyChain(rewritten, sha256, { seq: last.seq, hash: last.hash }).ok).toBe(true);
    expect(check(checkpointOf(entries, 6), rewritten)).toMatchObject({ ok: false, problem: 'rewritten' });
  });

  it('catch a deleted tail and a log deleted whole', () => {
    expect(check(checkpointOf(entries, 8), entries.slice(0, 5))).toMatchObject({
      ok: false,
      problem: 'rolled-back',
      message: expect.stringContaining('the log ends at seq 5'),
    });
    expect(check(checkpointOf(entries, 8), [])).toMatchObject({ ok: false, problem: 'rolled-back' });
  });

  it('refuse a checkpoint forged or signed by a key the verifier does not trust', () => {
    const good = checkpointOf(entries, 6);
    expect(check({ ...good, seq: 7, hash: entries[6]!.hash }, entries)).toMatchObject({
      problem: 'bad-signature',
    });
    const rewritten = rewrittenFrom(entries, 3);
    const byOtherKey = checkpointOf(rewritten, 6, 'key-2');
    expect(check(byOtherKey, rewritten)).toMatchObject({ problem: 'unknown-key' });
  });

  it('parse only what has every field, naming the first one wrong', () => {
    const good = checkpointOf(entries, 6);
    expect(parseCheckpoint(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseCheckpoint({ ...good, format: 'x' })).toBe(`format: expected "${auditCheckpointFormat}"`);
    expect(parseCheckpoint({ ...good, seq: -1 })).toBe('seq: expected a whole number from 0');
    expect(parseCheckpoint({ ...good, hash: 'abc' })).toBe('hash: expected 64 hex digits');
    expect(parseCheckpoint({ ...good, signature: '' })).toBe('signature: expected a non-empty string');
    expect(parseCheckpoint(null)).toBe('a checkpoint is a JSON object');
  });
});

describe('the stored log', () => {
  it('counts a hash column changed on its own as an edit, and a seq column too', () => {
    const entries = log(5);
    const rows = entries.map((entry) => ({ seq: entry.seq, hash: entry.hash, entry }));
    expect(verifyStoredChain(rows, sha256).ok).toBe(true);
    const hashEdited = rows.map((r) => (r.seq === 3 ? { ...r, hash: 'f'.repeat(64) } : r));
    expect(verifyStoredChain(hashEdited, sha256)).toMatchObject({
      ok: false,
      problem: 'edited',
      firstBad: 3,
    });
    const seqEdited = rows.map((r) => (r.seq === 4 ? { ...r, seq: 40 } : r));
    expect(verifyStoredChain(seqEdited, sha256)).toMatchObject({
      ok: false,
      problem: 'edited',
      firstBad: 40,
    });
    // The entry's own hash field edited to match a recomputation is an edit of the entry, as before.
    const entry = rows[1]!.entry;
    const edited = { ...entry, target: 'document:other' };
    const rehashed = { ...edited, hash: entryHash(edited, sha256) };
    const both = rows.map((r) => (r.seq === 2 ? { seq: 2, hash: rehashed.hash, entry: rehashed } : r));
    expect(verifyStoredChain(both, sha256)).toMatchObject({ ok: false, problem: 'edited', firstBad: 2 });
  });
});
