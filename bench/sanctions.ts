/**
 * Sanctions cases for `npm run bench`: parse throughput of the 2024-05-03 sdn.csv against csv-parse on the
 * same file, importing that snapshot into the embedded store, and entity search latency over that list.
 */
import { copyFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from '@lockstep/app';
import { buildEntityIndex, searchEntities } from '@lockstep/core';
import { readLegacyOfacList } from '@lockstep/formats';
import { SanctionsRepository } from '@lockstep/store';
import { parse } from 'csv-parse/sync';
import type { Emit } from './emit.ts';

const sdn2024 = new URL('../data/sanctions/ofac/2024-05-03/sdn.csv', import.meta.url).pathname;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Changes a name's spelling the way transliterations differ: o/u, a/e, doubled letters. */
function respell(name: string): string {
  return name.replace(/o/g, 'u').replace(/MM/g, 'M').replace(/EE/g, 'I').replace(/ou/gi, 'oo');
}

export async function sanctionsCases(emit: Emit): Promise<void> {
  const megabytes = statSync(sdn2024).size / 1e6;
  const ours = async () => {
    let entries = 0;
    for await (const _ of readLegacyOfacList({
      primary: { chunks: createReadStream(sdn2024), file: 'sdn.csv' },
    }))
      entries++;
    return entries;
  };
  const peer = () =>
    parse(readFileSync(sdn2024, 'latin1'), { relax_quotes: true, relax_column_count: true }).length;
  await ours(); // warm-up
  peer();
  let best = Number.POSITIVE_INFINITY;
  let peerBest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    await ours();
    best = Math.min(best, performance.now() - t);
    t = performance.now();
    peer();
    peerBest = Math.min(peerBest, performance.now() - t);
  }
  emit({
    bench: 'sanctions',
    case: 'parse the 2024-05-03 sdn.csv (3.9 MB) into entries, streaming, with remarks aliases',
    value: Math.round((megabytes / (best / 1000)) * 10) / 10,
    unit: 'MB/s',
    peer: {
      case: 'csv-parse (sync, fields only)',
      value: Math.round((megabytes / (peerBest / 1000)) * 10) / 10,
      unit: 'MB/s',
    },
  });

  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-import-'));
  const workbench = await Workbench.open({ inMemory: true });
  try {
    copyFileSync(sdn2024, join(dir, 'sdn.csv'));
    const started = performance.now();
    const result = await workbench.call('sanctions.import', {
      paths: [dir],
      asOf: '2024-05-03',
      name: 'bench-sdn-2024',
    });
    const importMs = performance.now() - started;
    emit({
      bench: 'sanctions',
      case: `import the 2024-05-03 snapshot (${result.entries} entries) into the embedded store (target < 5 s)`,
      value: Math.round(importMs),
      unit: 'ms',
      peer: { case: 'parsing alone', value: Math.round(best), unit: 'ms' },
    });

    const entries = await new SanctionsRepository(workbench.db).entries('ofac-sdn-2024-05-03');
    const index = buildEntityIndex(entries);
    const iranian = entries.filter((e) => e.programs.some((p) => /IRAN|IFSR|IRGC/.test(p))).slice(0, 300);
    const time = (queries: string[]) =>
      queries
        .map((q) => {
          const t = performance.now();
          searchEntities(index, q);
          return performance.now() - t;
        })
        .sort((a, b) => a - b);
    time(iranian.slice(0, 50).map((e) => e.name)); // warm-up
    const respelled = time(iranian.map((e) => respell(e.name)));
    const exact = time(iranian.map((e) => e.name));
    emit({
      bench: 'sanctions',
      case: `entity search p50 over the 2024 list with all aliases (${index.names.count} names), respelled Iran-program names (target < 5 ms)`,
      value: Math.round(percentile(respelled, 0.5) * 100) / 100,
      unit: 'ms',
      peer: {
        case: 'the same names spelled as listed',
        value: Math.round(percentile(exact, 0.5) * 100) / 100,
        unit: 'ms',
      },
    });
    emit({
      bench: 'sanctions',
      case: 'entity search p99, respelled Iran-program names',
      value: Math.round(percentile(respelled, 0.99) * 100) / 100,
      unit: 'ms',
      peer: {
        case: 'the same names spelled as listed',
        value: Math.round(percentile(exact, 0.99) * 100) / 100,
        unit: 'ms',
      },
    });

    // History and classification through the workbench, as the CLI and API run them (each built once).
    let t = performance.now();
    const history = await workbench.call('sanctions.history', {});
    const historyMs = performance.now() - t;
    emit({
      bench: 'sanctions',
      case: `history across ${history.snapshots.length} snapshots and the change log (${history.entries} entries) (target < 15 s)`,
      value: Math.round(historyMs),
      unit: 'ms',
      peer: { case: 'importing the 2024 snapshot', value: Math.round(importMs), unit: 'ms' },
    });
    t = performance.now();
    const classified = await workbench.call('sanctions.classify', { position: 'us-2021', limit: 0 });
    const classifyMs = performance.now() - t;
    t = performance.now();
    await workbench.call('sanctions.classify', { position: 'iran-2021', limit: 0 });
    emit({
      bench: 'sanctions',
      case: `classification and layering of every Iran-related entry under us-2021 (${classified.totals.designations} designations) (target < 200 ms)`,
      value: Math.round(classifyMs),
      unit: 'ms',
      peer: { case: 'the same under iran-2021', value: Math.round(performance.now() - t), unit: 'ms' },
    });
  } finally {
    await workbench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
