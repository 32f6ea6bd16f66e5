/**
 * Screening cases for `npm run bench` (alone: BENCH_ONLY=screening): the query set bench/screening-queries.csv
 * (how it was built: screening-queries.md) run through three searchers over the same names of the complete
 * 2023-12-28 SDN list (every entry's primary name and all its aliases, strong and weak):
 * - Lockstep's `searchEntities` at its default floor;
 * - fuse.js over the names (a peer, not a product dependency), results folded to one per entry;
 * - a plain Jaro-Winkler baseline: the whole folded name against the whole folded query, best name per entry.
 * For each: recall@1 and recall@3 (the expected entry among the first 1 or 3 entries shown above the floor),
 * per kind of variant, the false-positive rate on the made-up names (any entry shown above the floor), search
 * latency p50/p99 (warm: one untimed pass, then five timed passes for Lockstep, one for each peer) and index build time. Then a batch:
 * 10,000 real names sampled from the 2021-04-25 list screened through Lockstep's search.
 * Lockstep's misses (query, expected entry, what came first, where the expected entry ranked with no floor)
 * go to stderr for the search's author, with the per-kind table of all three.
 */
import { createReadStream, existsSync } from 'node:fs';
import {
  buildEntityIndex,
  defaultSearchMinScore,
  type EntityIndex,
  jaroWinkler,
  nameTokens,
  type OfacEntry,
  searchEntities,
} from '@lockstep/core';
import { readLegacyOfacList } from '@lockstep/formats';
import Fuse from 'fuse.js';
import type { Emit } from './emit.ts';
import { readScreeningQueries, type ScreeningQuery } from './screening-queries.ts';

const root = new URL('..', import.meta.url).pathname;
const listDir = `${root}data/sanctions/ofac/2023-12-28`;
/** The batch's names: the 2021-04-25 list where it is shipped, else the 2019-01 one. */
const batchDirs = [`${root}data/sanctions/ofac/2021-04-25`, `${root}data/sanctions/ofac/2019-01`];
const batchSize = 10_000;

/** fuse.js returns only names within this threshold (0 exact, 1 anything): its floor. */
const fuseThreshold = 0.35;
/** The Jaro-Winkler baseline shows an entry whose best name is at least this alike: its floor. */
const jaroWinklerFloor = 0.9;
/** Timed passes of the query set after the untimed one: Lockstep's search is fast enough for five; the peers,
 * at tenths of a second to seconds a query, get one (the bench would otherwise take minutes of a shared machine). */
const timedPasses = { lockstep: 5, peer: 1 };

async function readList(dir: string): Promise<OfacEntry[]> {
  const entries: OfacEntry[] = [];
  const source = (name: string) => ({ chunks: createReadStream(`${dir}/${name}`), file: name });
  for await (const entry of readLegacyOfacList({
    primary: source('sdn.csv'),
    aliases: source('alt.csv'),
    addresses: source('add.csv'),
  })) {
    entries.push(entry);
  }
  return entries;
}

/** One entry shown for a query, and how strongly (each searcher's own scale, higher is closer). */
interface Hit {
  readonly entry: number;
  readonly score: number;
  readonly name: string;
}

/** A searcher under test: `search` gives the entries above its floor, best first; `rank` the same without a floor. */
interface Searcher {
  readonly name: string;
  readonly floor: string;
  readonly buildMs: number;
  search(query: string, limit: number): Hit[];
  rank(query: string, limit: number): Hit[];
}

function lockstep(entries: readonly OfacEntry[]): Searcher {
  const started = performance.now();
  const index: EntityIndex = buildEntityIndex(entries);
  const buildMs = performance.now() - started;
  const run = (query: string, limit: number, minScore: number) =>
    searchEntities(index, query, { limit, minScore }).map((m) => ({
      entry: m.entry.entryNumber,
      score: m.score,
      name: m.matchedName,
    }));
  return {
    name: 'Lockstep searchEntities',
    floor: `score >= ${defaultSearchMinScore} (defaultSearchMinScore)`,
    buildMs,
    search: (query, limit) => run(query, limit, defaultSearchMinScore),
    rank: (query, limit) => run(query, limit, 0),
  };
}

interface NameRow {
  readonly entry: number;
  readonly name: string;
}

function allNames(entries: readonly OfacEntry[]): NameRow[] {
  return entries.flatMap((e) => [
    { entry: e.entryNumber, name: e.name },
    ...e.aliases.map((a) => ({ entry: e.entryNumber, name: a.name })),
  ]);
}

/** Best hit per entry, in the order given (best first), at most `limit`. */
function firstPerEntry(hits: Iterable<Hit>, limit: number): Hit[] {
  const seen = new Set<number>();
  const out: Hit[] = [];
  for (const hit of hits) {
    if (seen.has(hit.entry)) continue;
    seen.add(hit.entry);
    out.push(hit);
    if (out.length === limit) break;
  }
  return out;
}

function fuse(entries: readonly OfacEntry[]): Searcher {
  const names = allNames(entries);
  const started = performance.now();
  // Fuzzy match anywhere in the name, case and diacritics ignored; the threshold is fuse's floor. A second,
  // loose instance (threshold 1) ranks without a floor, for the misses report only.
  const options = {
    keys: ['name'],
    includeScore: true,
    ignoreLocation: true,
    ignoreDiacritics: true,
    threshold: fuseThreshold,
  };
  const index = Fuse.createIndex(options.keys, names);
  const strict = new Fuse(names, options, index);
  const buildMs = performance.now() - started;
  const loose = new Fuse(names, { ...options, threshold: 1 }, index);
  const run = (engine: Fuse<NameRow>, query: string, limit: number) =>
    firstPerEntry(
      engine
        .search(query)
        .map((r) => ({ entry: r.item.entry, score: 1 - (r.score ?? 1), name: r.item.name })),
      limit,
    );
  return {
    name: 'fuse.js',
    floor: `fuse score <= ${fuseThreshold} (shown as 1 - score >= ${1 - fuseThreshold})`,
    buildMs,
    search: (query, limit) => run(strict, query, limit),
    rank: (query, limit) => run(loose, query, limit),
  };
}

function jaroWinklerBaseline(entries: readonly OfacEntry[]): Searcher {
  const started = performance.now();
  const names = allNames(entries).map((n) => ({ ...n, folded: nameTokens(n.name).join(' ') }));
  const buildMs = performance.now() - started;
  const run = (query: string, limit: number, floor: number) => {
    const folded = nameTokens(query).join(' ');
    const best = new Map<number, Hit>();
    for (const n of names) {
      const score = jaroWinkler(folded, n.folded);
      if (score < floor) continue;
      const had = best.get(n.entry);
      if (!had || had.score < score) best.set(n.entry, { entry: n.entry, score, name: n.name });
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  };
  return {
    name: 'Jaro-Winkler baseline',
    floor: `whole-name Jaro-Winkler >= ${jaroWinklerFloor}`,
    buildMs,
    search: (query, limit) => run(query, limit, jaroWinklerFloor),
    rank: (query, limit) => run(query, limit, 0),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface KindScore {
  n: number;
  at1: number;
  at3: number;
}

interface Measured {
  readonly searcher: Searcher;
  readonly withExpected: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly falsePositives: number;
  readonly noneQueries: number;
  readonly byKind: Map<string, KindScore>;
  readonly p50: number;
  readonly p99: number;
  readonly passes: number;
  readonly results: Map<string, Hit[]>;
}

function measure(searcher: Searcher, queries: readonly ScreeningQuery[], passes: number): Measured {
  const results = new Map<string, Hit[]>();
  for (const q of queries) results.set(q.query, searcher.search(q.query, 3)); // the warm-up pass
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const q of queries) {
      const started = performance.now();
      searcher.search(q.query, 3);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const byKind = new Map<string, KindScore>();
  let withExpected = 0;
  let at1 = 0;
  let at3 = 0;
  let falsePositives = 0;
  let noneQueries = 0;
  for (const q of queries) {
    const hits = results.get(q.query)!;
    if (q.expected === undefined) {
      noneQueries++;
      if (hits.length > 0) falsePositives++;
      continue;
    }
    const first = hits[0]?.entry === q.expected ? 1 : 0;
    const top3 = hits.some((h) => h.entry === q.expected) ? 1 : 0;
    withExpected++;
    at1 += first;
    at3 += top3;
    const kind = byKind.get(q.kind) ?? { n: 0, at1: 0, at3: 0 };
    kind.n++;
    kind.at1 += first;
    kind.at3 += top3;
    byKind.set(q.kind, kind);
  }
  return {
    searcher,
    withExpected,
    recallAt1: at1 / withExpected,
    recallAt3: at3 / withExpected,
    falsePositives,
    noneQueries,
    byKind,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    passes,
    results,
  };
}

const percent = (share: number) => round(share * 100, 1);

function perKind(m: Measured): Record<string, { queries: number; recallAt1: number; recallAt3: number }> {
  return Object.fromEntries(
    [...m.byKind].map(([kind, s]) => [
      kind,
      { queries: s.n, recallAt1: percent(s.at1 / s.n), recallAt3: percent(s.at3 / s.n) },
    ]),
  );
}

function describe(hit: Hit | undefined): string {
  return hit ? `#${hit.entry} "${hit.name}" (${round(hit.score, 3)})` : 'nothing above the floor';
}

/** Lockstep's misses and false positives, and the per-kind table of all searchers, on stderr. */
function report(
  measured: readonly Measured[],
  queries: readonly ScreeningQuery[],
  entries: ReadonlyMap<number, OfacEntry>,
): void {
  const out: string[] = [];
  const ours = measured[0]!;
  out.push(
    `screening: ${ours.searcher.name} queries whose expected entry is not first above the floor (MISS: not in the first 3), and false positives:`,
  );
  for (const q of queries) {
    const hits = ours.results.get(q.query)!;
    if (q.expected === undefined) {
      if (hits.length > 0) out.push(`  FALSE POSITIVE [none] "${q.query}": first ${describe(hits[0])}`);
      continue;
    }
    const position = hits.findIndex((h) => h.entry === q.expected);
    if (position === 0) continue;
    const ranked = ours.searcher.rank(q.query, 20);
    const rank = ranked.findIndex((h) => h.entry === q.expected);
    const where =
      rank < 0
        ? 'not in the first 20 with no floor'
        : `rank ${rank + 1} with no floor, ${describe(ranked[rank])}`;
    out.push(
      `  ${position < 0 ? 'MISS' : `at ${position + 1}`} [${q.kind}] "${q.query}" -> expected #${q.expected} ${entries.get(q.expected)?.name ?? '?'}; first ${describe(hits[0])}; expected at ${where}`,
    );
  }
  const kinds = [...new Set(queries.filter((q) => q.expected !== undefined).map((q) => q.kind))];
  out.push('screening: recall@1 / recall@3 (%) per kind');
  out.push(
    `  ${'kind'.padEnd(20)}${'n'.padStart(4)}  ${measured.map((m) => m.searcher.name.padStart(24)).join('')}`,
  );
  for (const kind of kinds) {
    const n = ours.byKind.get(kind)?.n ?? 0;
    const cells = measured.map((m) => {
      const s = m.byKind.get(kind)!;
      return `${percent(s.at1 / s.n)} / ${percent(s.at3 / s.n)}`.padStart(24);
    });
    out.push(`  ${kind.padEnd(20)}${String(n).padStart(4)}  ${cells.join('')}`);
  }
  process.stderr.write(`${out.join('\n')}\n`);
}

/** A seeded sample of `size` names (primary names and aliases) of the list in `dir`. */
function sampleNames(entries: readonly OfacEntry[], size: number): string[] {
  const names = allNames(entries).map((n) => n.name);
  let state = 20210425;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  const out = names.slice(0, size);
  while (out.length < size) out.push(names[out.length % names.length]!);
  return out;
}

export async function screeningCases(emit: Emit): Promise<void> {
  if (!existsSync(`${listDir}/sdn.csv`)) {
    throw new Error(`screening bench: ${listDir}/sdn.csv is missing (the 2023-12-28 list must be shipped)`);
  }
  const entries = await readList(listDir);
  const byNumber = new Map(entries.map((e) => [e.entryNumber, e]));
  const queries = readScreeningQueries();
  const searchers = [lockstep(entries), fuse(entries), jaroWinklerBaseline(entries)];
  const measured = searchers.map((s, i) =>
    measure(s, queries, i === 0 ? timedPasses.lockstep : timedPasses.peer),
  );
  report(measured, queries, byNumber);

  const names = allNames(entries).length;
  const peersOf = (m: Measured, value: (p: Measured) => number, unit: string) =>
    measured.filter((p) => p !== m).map((p) => ({ case: p.searcher.name, value: value(p), unit }));
  for (const m of measured) {
    emit({
      bench: 'screening',
      case: `${m.searcher.name}: recall@3 over ${m.withExpected} screening queries on the 2023-12-28 list (${entries.length} entries, ${names} names) (target >= 95 %)`,
      value: percent(m.recallAt3),
      unit: '%',
      peer: peersOf(m, (p) => percent(p.recallAt3), '%'),
      searcher: m.searcher.name,
      floor: m.searcher.floor,
      recallAt1: percent(m.recallAt1),
      falsePositiveRate: percent(m.falsePositives / m.noneQueries),
      falsePositives: `${m.falsePositives} of ${m.noneQueries} made-up names shown above the floor`,
      byKind: perKind(m),
    });
    emit({
      bench: 'screening',
      case: `${m.searcher.name}: search latency p50 per query, warm (target < 5 ms; p99 < 20 ms)`,
      value: round(m.p50, 3),
      unit: 'ms',
      peer: peersOf(m, (p) => round(p.p50, 3), 'ms'),
      searcher: m.searcher.name,
      p99: round(m.p99, 3),
      p99Peers: peersOf(m, (p) => round(p.p99, 3), 'ms'),
      indexBuildMs: Math.round(m.searcher.buildMs),
      samples: `${m.passes} timed pass(es) of ${queries.length} queries after one untimed pass`,
    });
  }

  const batchDir = batchDirs.find((dir) => existsSync(`${dir}/sdn.csv`));
  if (batchDir === undefined)
    throw new Error(`screening bench: none of ${batchDirs.join(', ')} holds sdn.csv`);
  const batch = sampleNames(await readList(batchDir), batchSize);
  const ours = searchers[0]!;
  let shown = 0;
  const started = performance.now();
  for (const name of batch) if (ours.search(name, 3).length > 0) shown++;
  const seconds = (performance.now() - started) / 1000;
  // Peer: fuse.js on the first 50 of the same names, scaled to 10,000 (all of them would take minutes).
  const peerNames = batch.slice(0, 50);
  const peerStarted = performance.now();
  for (const name of peerNames) searchers[1]!.search(name, 3);
  const peerSeconds = ((performance.now() - peerStarted) / 1000) * (batchSize / peerNames.length);
  emit({
    bench: 'screening',
    case: `${ours.name}: screen ${batchSize.toLocaleString('en')} names sampled from the ${batchDir.split('/').at(-1)} list against the 2023-12-28 list (target < 30 s)`,
    value: round(seconds, 2),
    unit: 's',
    peer: {
      case: `fuse.js, ${peerNames.length} of the same names, scaled to ${batchSize.toLocaleString('en')}`,
      value: round(peerSeconds, 1),
      unit: 's',
    },
    namesWithAHit: shown,
  });
}
