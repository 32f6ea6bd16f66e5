import type { Actor } from './roles.ts';

/** A JSON value, as audit details hold. */
export type AuditValue =
  | string
  | number
  | boolean
  | null
  | readonly AuditValue[]
  | { readonly [key: string]: AuditValue };

/**
 * One thing done or read, before it is chained. `detail` says what, by ids and version numbers: it must never
 * carry a document's text, since the record outlives and outreaches the document's confidentiality.
 */
export interface AuditRecord {
  /** ISO 8601 instant. */
  readonly at: string;
  readonly actor: Actor;
  /** The policy action (`document.read`, `text.set-status`). */
  readonly action: string;
  /** What it was done to (`document:d-17`, `clause:sanctions-lifting/sl-3`). */
  readonly target: string;
  readonly detail: { readonly [key: string]: AuditValue };
}

/** An audit entry in the append-only, hash-chained log. */
export interface AuditEntry extends AuditRecord {
  /** 1, 2, 3… with no gap. */
  readonly seq: number;
  /** The previous entry's hash; `genesisHash` for the first. */
  readonly prevHash: string;
  /** sha256 of the canonical serialisation of every other field, in lowercase hex. */
  readonly hash: string;
}

/** A SHA-256 digest of a string's UTF-8 bytes, as 64 lowercase hex digits (`sha256` here, or node:crypto's). */
export type Sha256 = (text: string) => string;

/** The `prevHash` of the first entry. */
export const genesisHash = '0'.repeat(64);

/** The last entry as recorded apart from the log (by the store), so that truncating the tail is detected too. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** How a chain was tampered with, at the first point it goes wrong. */
export type ChainProblem = 'edited' | 'removed' | 'reordered' | 'inserted';

/**
 * The outcome of verifying a chain. On failure, `firstBad` is the seq of the first entry not intact in its
 * place: the edited entry, the first missing one, the first out of order, or the seq the inserted one carries;
 * `position` is the index in the list given where the fault shows.
 */
export type ChainVerification =
  | { readonly ok: true; readonly count: number }
  | {
      readonly ok: false;
      readonly problem: ChainProblem;
      readonly firstBad: number;
      readonly position: number;
      readonly message: string;
    };

/** JSON with object keys sorted at every depth and no whitespace: the same entry always gives the same text. */
export function canonicalJson(value: AuditValue | AuditRecord | Omit<AuditEntry, 'hash'>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: AuditValue) => canonicalJson(v)).join(',')}]`;
  const fields = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${fields.join(',')}}`;
}

/** The hash an entry should carry: sha256 of the canonical JSON of all its fields but `hash`. */
export function entryHash(
  entry: Omit<AuditEntry, 'hash'> & { readonly hash?: string },
  sha256: Sha256,
): string {
  const { hash: _own, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

/** The entry that follows `tail` (the log's last entry or its recorded head, or undefined for an empty log). */
export function appendEntry(tail: ChainHead | undefined, record: AuditRecord, sha256: Sha256): AuditEntry {
  const unhashed = { ...record, seq: (tail?.seq ?? 0) + 1, prevHash: tail?.hash ?? genesisHash };
  return { ...unhashed, hash: entryHash(unhashed, sha256) };
}

/**
 * Verifies a whole log from seq 1: every hash, every link and the numbering, and, given the head recorded
 * apart, the tail. Any edited, removed, reordered or inserted entry is reported with the first one at fault.
 * An entry rewritten with a recomputed hash shows as a broken link from its successor and is named as edited.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  sha256: Sha256,
  head?: ChainHead,
): ChainVerification {
  const seen = new Set<number>();
  let expectedSeq = 1;
  let expectedPrev = genesisHash;
  for (const [i, entry] of entries.entries()) {
    // Named by the seq its place calls for: an edit may have changed the seq field itself.
    if (entryHash(entry, sha256) !== entry.hash) return broken('edited', expectedSeq, i);
    if (entry.seq !== expectedSeq || entry.prevHash !== expectedPrev) {
      return diagnose(entries, i, { seq: expectedSeq, prevHash: expectedPrev, seen, head });
    }
    seen.add(entry.seq);
    expectedSeq += 1;
    expectedPrev = entry.hash;
  }
  return head ? checkHead(entries, head) : { ok: true, count: entries.length };
}

/** An entry as a store keeps it: the seq and hash columns beside the entry they should repeat. */
export interface StoredAuditEntry {
  readonly seq: number;
  readonly hash: string;
  readonly entry: AuditEntry;
}

/**
 * Verifies a log as stored: each row's seq and hash columns must repeat its entry's (a hash column edited on
 * its own is an edit too), then the chain itself with `verifyChain`, every hash recomputed.
 */
export function verifyStoredChain(
  rows: readonly StoredAuditEntry[],
  sha256: Sha256,
  head?: ChainHead,
): ChainVerification {
  for (const [i, row] of rows.entries()) {
    if (row.seq !== row.entry.seq || row.hash !== row.entry.hash) return broken('edited', row.seq, i);
  }
  return verifyChain(
    rows.map((r) => r.entry),
    sha256,
    head,
  );
}

interface Expected {
  readonly seq: number;
  readonly prevHash: string;
  readonly seen: ReadonlySet<number>;
  readonly head: ChainHead | undefined;
}

/** Names the fault at `i`, the first entry that is whole but does not follow on from the one before. */
function diagnose(entries: readonly AuditEntry[], i: number, expected: Expected): ChainVerification {
  const entry = entries[i]!;
  const next = entries[i + 1];
  const nextResumes = next !== undefined && next.seq === expected.seq && next.prevHash === expected.prevHash;
  if (expected.seen.has(entry.seq)) return duplicate(entries, i);
  // Past the head recorded apart: appended behind the store's back.
  if (expected.head !== undefined && entry.seq > expected.head.seq) return broken('inserted', entry.seq, i);
  if (entry.seq === expected.seq) {
    if (nextResumes || i === 0) return broken(nextResumes ? 'inserted' : 'edited', entry.seq, i);
    // The link from this entry is broken: the one before it was rewritten and its hash recomputed.
    return broken('edited', entries[i - 1]!.seq, i - 1);
  }
  // Linked to its predecessor but misnumbered: only a forged entry can be.
  if (entry.prevHash === expected.prevHash) return broken('inserted', entry.seq, i);
  if (entries.slice(i + 1).some((e) => e.seq === expected.seq)) {
    return nextResumes && !linkedElsewhere(entries, i)
      ? broken('inserted', entry.seq, i)
      : broken('reordered', expected.seq, i);
  }
  return entry.seq > expected.seq ? broken('removed', expected.seq, i) : broken('inserted', entry.seq, i);
}

/** An entry whose seq was already passed: it, or the entry just before it, was inserted. */
function duplicate(entries: readonly AuditEntry[], i: number): ChainVerification {
  const entry = entries[i]!;
  const previous = entries[i - 1]!;
  const beforePrevious = i >= 2 ? entries[i - 2]!.hash : genesisHash;
  const previousForged =
    previous.seq === entry.seq && previous.hash !== entry.hash && entry.prevHash === beforePrevious;
  return previousForged ? broken('inserted', previous.seq, i - 1) : broken('inserted', entry.seq, i);
}

/** Whether the entry at `i` is part of the chain elsewhere: some entry links to it, or it to a non-neighbour. */
function linkedElsewhere(entries: readonly AuditEntry[], i: number): boolean {
  const entry = entries[i]!;
  return entries.some(
    (other, j) =>
      j !== i && (other.prevHash === entry.hash || (j !== i - 1 && other.hash === entry.prevHash)),
  );
}

function checkHead(entries: readonly AuditEntry[], head: ChainHead): ChainVerification {
  const last = entries.at(-1);
  const lastSeq = last?.seq ?? 0;
  if (lastSeq < head.seq) return broken('removed', lastSeq + 1, entries.length);
  if (lastSeq > head.seq) return broken('inserted', head.seq + 1, head.seq);
  if (last && last.hash !== head.hash) return broken('edited', last.seq, entries.length - 1);
  return { ok: true, count: entries.length };
}

const explanations: { readonly [P in ChainProblem]: string } = {
  edited: 'was changed after it was written',
  removed: 'is missing',
  reordered: 'is out of order',
  inserted: 'was inserted into the log',
};

function broken(problem: ChainProblem, firstBad: number, position: number): ChainVerification {
  return {
    ok: false,
    problem,
    firstBad,
    position,
    message: `audit entry ${firstBad} ${explanations[problem]}`,
  };
}
