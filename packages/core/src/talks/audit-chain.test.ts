import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  type AuditRecord,
  appendEntry,
  type ChainHead,
  canonicalJson,
  entryHash,
  genesisHash,
  verifyChain,
} from './audit-chain.ts';
import { sha256 } from './sha256.ts';
import { coordinator, memberOf } from './testing/actors.ts';

function record(i: number): AuditRecord {
  return {
    at: `2021-04-06T10:00:${String(i % 60).padStart(2, '0')}Z`,
    actor: i % 2 === 0 ? memberOf('us') : coordinator,
    action: i % 3 === 0 ? 'document.read' : 'document.relay',
    target: `document:d-${i % 5}`,
    detail: { version: i, to: ['iran'] },
  };
}

function chainOf(records: readonly AuditRecord[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const r of records) entries.push(appendEntry(entries.at(-1), r, sha256));
  return entries;
}

function headOf(entries: readonly AuditEntry[]): ChainHead {
  const last = entries.at(-1)!;
  return { seq: last.seq, hash: last.hash };
}

/** An entry an attacker made up, with a hash that is right for its own content. */
function forged(seq: number, prevHash: string): AuditEntry {
  const unhashed = { ...record(99), action: 'document.read', target: 'document:d-secret', seq, prevHash };
  return { ...unhashed, hash: entryHash(unhashed, sha256) };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}',
    );
    const withUndefined = {
      ...record(1),
      actor: { userId: 'u', role: 'observer' as const, delegation: undefined },
    };
    expect(canonicalJson(withUndefined)).toBe(
      canonicalJson({ ...record(1), actor: { role: 'observer', userId: 'u' } }),
    );
  });
});

describe('the audit chain', () => {
  it('numbers and links entries from the genesis hash', () => {
    const entries = chainOf([record(0), record(1), record(2)]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(genesisHash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    expect(verifyChain(entries, sha256, headOf(entries))).toEqual({ ok: true, count: 3 });
    expect(verifyChain([], sha256)).toEqual({ ok: true, count: 0 });
  });

  it('names an entry rewritten with a recomputed hash, in the middle or at the tail', () => {
    const entries = chainOf([0, 1, 2, 3].map(record));
    const rewrite = (e: AuditEntry): AuditEntry => {
      const changed = { ...e, target: 'document:d-other' };
      return { ...changed, hash: entryHash(changed, sha256) };
    };
    const middle = entries.map((e, i) => (i === 1 ? rewrite(e) : e));
    expect(verifyChain(middle, sha256)).toMatchObject({ ok: false, problem: 'edited', firstBad: 2 });
    const tail = entries.map((e, i) => (i === 3 ? rewrite(e) : e));
    expect(verifyChain(tail, sha256, headOf(entries))).toMatchObject({
      ok: false,
      problem: 'edited',
      firstBad: 4,
    });
    expect(verifyChain(entries.slice(0, 3), sha256, headOf(entries))).toMatchObject({
      ok: false,
      problem: 'removed',
      firstBad: 4,
      message: 'audit entry 4 is missing',
    });
  });

  const chainArb = fc
    .integer({ min: 2, max: 12 })
    .map((n) => chainOf(Array.from({ length: n }, (_, i) => record(i))));

  it('detects any single edit and names the edited entry', () => {
    const edits: readonly ((e: AuditEntry) => AuditEntry)[] = [
      (e) => ({ ...e, action: 'document.create' }),
      (e) => ({ ...e, target: `${e.target}x` }),
      (e) => ({ ...e, at: '2021-04-07T00:00:00Z' }),
      (e) => ({ ...e, detail: { ...e.detail, version: -1 } }),
      (e) => ({ ...e, actor: { ...e.actor, userId: 'someone-else' } }),
      (e) => ({ ...e, seq: e.seq + 1 }),
      (e) => ({ ...e, prevHash: genesisHash.replace(/^0/, '1') }),
      (e) => ({ ...e, hash: sha256(e.hash) }),
    ];
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.nat({ max: edits.length - 1 }), (entries, pick, which) => {
        const k = pick % entries.length;
        const tampered = entries.map((e, i) => (i === k ? edits[which]!(e) : e));
        expect(verifyChain(tampered, sha256, headOf(entries))).toMatchObject({
          ok: false,
          problem: 'edited',
          firstBad: k + 1,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('detects any single removal and names the missing entry', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (entries, pick) => {
        const k = pick % entries.length;
        const tampered = entries.filter((_, i) => i !== k);
        expect(verifyChain(tampered, sha256, headOf(entries))).toMatchObject({
          ok: false,
          problem: 'removed',
          firstBad: k + 1,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('detects any swap of two entries and names the first out of place', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.nat(), (entries, a, b) => {
        const i = a % entries.length;
        const j = b % entries.length;
        fc.pre(i !== j);
        const tampered = [...entries];
        [tampered[i], tampered[j]] = [tampered[j]!, tampered[i]!];
        expect(verifyChain(tampered, sha256, headOf(entries))).toMatchObject({
          ok: false,
          problem: 'reordered',
          firstBad: Math.min(i, j) + 1,
          position: Math.min(i, j),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('detects any single forged entry inserted, however it is numbered and linked', () => {
    fc.assert(
      fc.property(
        chainArb,
        fc.nat(),
        fc.option(fc.integer({ min: 0, max: 16 })),
        fc.boolean(),
        (entries, pick, seqChoice, linked) => {
          const k = pick % (entries.length + 1);
          const prevHash = linked ? (entries[k - 1]?.hash ?? genesisHash) : sha256(`junk-${pick}`);
          const fake = forged(seqChoice ?? k + 1, prevHash);
          const tampered = [...entries.slice(0, k), fake, ...entries.slice(k)];
          expect(verifyChain(tampered, sha256, headOf(entries))).toMatchObject({
            ok: false,
            problem: 'inserted',
            firstBad: fake.seq,
            position: k,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
