import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SanctionsSnapshot } from '@lockstep/contract';
import type { EntityIndex, OfacEntry } from '@lockstep/core/sanctions-search';
import type { EntityDetails } from './entity-answer.ts';

/**
 * What `sanctions.entity` needs to answer on the default list without the store: the list's search index (its
 * own names and those carried from older lists), the snapshot as answers name it, and the details of every
 * entry. The command line keeps it in the data directory, under the store's published version, so a
 * one-shot `lockstep sanctions entity` on a warm data directory reads two files instead of opening the
 * database and rebuilding the model (see "CLI start-up" in docs/ARCHITECTURE.md).
 */
export interface EntityPackContent {
  /** The model's label of the list searched: a `--snapshot` naming another list is not answered from it. */
  readonly label: string;
  readonly snapshot: SanctionsSnapshot;
  readonly index: EntityIndex;
  readonly details: ReadonlyMap<number, EntityDetails>;
}

/** A pack read back: the details of an entry are read from the file when asked for. */
export interface EntityPack {
  readonly label: string;
  readonly snapshot: SanctionsSnapshot;
  /**
   * The index to search: its entries hold what a search reads (number, name, type, programs, list) and no
   * aliases, addresses or identifiers, so it is not one to give `findByIdentifier`.
   */
  readonly index: EntityIndex;
  details(entryNumbers: readonly number[]): Map<number, EntityDetails>;
}

/** Bumped when the files' layout changes, so an older pack is not read. */
const packFormat = 2;
const indexFile = 'index.v8';
const detailsFile = 'details.json';

interface PackHead {
  readonly format: number;
  readonly label: string;
  readonly snapshot: SanctionsSnapshot;
  readonly index: EntityIndex;
  /** Entry numbers, ascending, and where each one's details are in the details file (bytes). */
  readonly numbers: Int32Array;
  readonly starts: Float64Array;
}

/**
 * Writes `content` into directory `dir` (made if missing): written beside and renamed into place, so a
 * reader finds a whole pack or none.
 */
export function writeEntityPack(dir: string, content: EntityPackContent): void {
  const numbers = Int32Array.from([...content.details.keys()].sort((a, b) => a - b));
  const starts = new Float64Array(numbers.length + 1);
  const chunks: Buffer[] = [];
  let at = 0;
  numbers.forEach((n, i) => {
    const chunk = Buffer.from(JSON.stringify(content.details.get(n)), 'utf8');
    starts[i] = at;
    at += chunk.length;
    chunks.push(chunk);
  });
  starts[numbers.length] = at;
  // A search reads of an entry only its number, name, type, programs and list; the rest (aliases, addresses,
  // remarks, identifiers) is a third of the file and most of the time it takes to read back.
  const entries = content.index.entries.map(
    (e): OfacEntry => ({
      entryNumber: e.entryNumber,
      name: e.name,
      type: e.type,
      programs: e.programs,
      list: e.list,
      aliases: [],
      addresses: [],
    }),
  );
  const head: PackHead = {
    format: packFormat,
    label: content.label,
    snapshot: content.snapshot,
    index: { ...content.index, entries },
    numbers,
    starts,
  };
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    writeFileSync(join(staging, detailsFile), Buffer.concat(chunks));
    writeFileSync(join(staging, indexFile), serialize(head));
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The pack in `dir`, or undefined when there is none (or one of another format). */
export function readEntityPack(dir: string): EntityPack | undefined {
  let head: PackHead;
  try {
    head = deserialize(readFileSync(join(dir, indexFile))) as PackHead; // written by writeEntityPack
  } catch {
    return undefined;
  }
  if (head?.format !== packFormat) return undefined;
  return {
    label: head.label,
    snapshot: head.snapshot,
    index: head.index,
    details(entryNumbers) {
      const out = new Map<number, EntityDetails>();
      const fd = openSync(join(dir, detailsFile), 'r');
      try {
        for (const n of entryNumbers) {
          const i = binarySearch(head.numbers, n);
          if (i < 0) continue;
          const start = head.starts[i]!;
          const bytes = Buffer.alloc(head.starts[i + 1]! - start);
          readSync(fd, bytes, 0, bytes.length, start);
          out.set(n, JSON.parse(bytes.toString('utf8')) as EntityDetails); // written by writeEntityPack
        }
      } finally {
        closeSync(fd);
      }
      return out;
    },
  };
}

function binarySearch(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle]!;
    if (found < value) low = middle + 1;
    else if (found > value) high = middle - 1;
    else return middle;
  }
  return -1;
}
