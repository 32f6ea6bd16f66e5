/**
 * Nuclear model cases for `npm run bench`, on the shipped IAEA series parsed from data/ (no store):
 * SWU evaluations per second, the breakout Monte Carlo at 100,000 samples, and compliance + breakout +
 * projection over the whole series. Each case has its baseline measured in the same run.
 */
import { readFileSync } from 'node:fs';
import {
  assayFromPercent,
  assessCompliance,
  breakoutTime,
  machinesAt,
  months,
  projectWindow,
  separativeWorkPerKgProduct,
  stockpileAt,
  stocksFromStockpile,
} from '@lockstep/core';
import { parseCentrifugeEvents, parseJcpoaLimits, parseStockpileReports } from '@lockstep/formats';
import type { Emit } from './emit.ts';

const data = new URL('../data/nuclear/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, data), 'utf8');

function timeMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** Best of `runs` timings, so a stray pause does not count. */
function bestMs(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeMs(work));
  return best;
}

export function nuclearModelCases(emit: Emit): void {
  const limits = parseJcpoaLimits(read('jcpoa-limits.csv'), 'nuclear/jcpoa-limits.csv');
  const stockpile = parseStockpileReports(
    read('iaea-enriched-uranium-stockpile.csv'),
    'nuclear/iaea-enriched-uranium-stockpile.csv',
  );
  const centrifuges = parseCentrifugeEvents(read('centrifuge-events.csv'), 'nuclear/centrifuge-events.csv');

  // SWU per kg of product over a sweep of product assays; the baseline evaluates the same number of logs.
  const feed = assayFromPercent(0.711);
  const tails = assayFromPercent(0.3);
  const products = Array.from({ length: 1000 }, (_, i) => assayFromPercent(1 + (i % 89)));
  const evaluations = 5_000_000;
  let sink = 0;
  const swuMs = bestMs(3, () => {
    for (let i = 0; i < evaluations; i++)
      sink += separativeWorkPerKgProduct(products[i % 1000]!, feed, tails);
  });
  const logMs = bestMs(3, () => {
    for (let i = 0; i < evaluations; i++) sink += Math.log(products[i % 1000]! / (1 - products[i % 1000]!));
  });
  emit({
    bench: 'nuclear model',
    case: 'SWU evaluations per second (target >= 10 million)',
    value: Math.round(evaluations / (swuMs / 1000)),
    unit: 'evaluations/s',
    peer: {
      case: 'one Math.log per evaluation (baseline)',
      value: Math.round(evaluations / (logMs / 1000)),
      unit: 'evaluations/s',
    },
  });

  const latest = stockpileAt(stockpile, stockpile.at(-1)!.asOf)!;
  const stocks = stocksFromStockpile(
    { label: 'IAEA latest', byLevel: latest.byLevel, unspecifiedKgU: latest.unspecifiedKgU },
    assayFromPercent(5),
  );
  const machines = machinesAt(centrifuges, latest.asOf)
    .filter((m) => m.state === 'enriching')
    .map((m) => ({ machineType: m.machineType, count: m.machines }));
  const monteCarlo = (samples: number) => () => {
    breakoutTime({ stocks, capacity: { kind: 'machines', machines }, uncertainty: { seed: 1, samples } });
  };
  emit({
    bench: 'nuclear model',
    case: 'breakout Monte Carlo, 100,000 samples (target < 1 s)',
    value: Math.round(bestMs(3, monteCarlo(100_000)) * 10) / 10,
    unit: 'ms',
    peer: {
      case: 'single-value breakout (no sampling)',
      value: Math.round(bestMs(3, monteCarlo(1)) * 100) / 100,
      unit: 'ms',
    },
  });

  const dates = stockpile.map((r) => r.asOf);
  const whole = () => {
    for (const date of dates) {
      assessCompliance({ limits, stockpile, centrifuges }, date);
      const picture = stockpileAt(stockpile, date);
      if (!picture) continue;
      breakoutTime({
        stocks: stocksFromStockpile(
          { label: date, byLevel: picture.byLevel, unspecifiedKgU: picture.unspecifiedKgU },
          assayFromPercent(5),
        ),
        capacity: {
          kind: 'machines',
          machines: machinesAt(centrifuges, date)
            .filter((m) => m.state === 'enriching')
            .map((m) => ({ machineType: m.machineType, count: m.machines })),
        },
        uncertainty: { seed: 1, samples: 1000 },
      });
    }
    projectWindow({
      limits,
      stockpile,
      centrifuges,
      from: dates[0]!,
      until: dates.at(-1)!,
      reinstallationTime: months(6),
    });
  };
  emit({
    bench: 'nuclear model',
    case: `compliance + breakout (1,000 samples) at all ${dates.length} IAEA reports + projection over the series (target < 200 ms)`,
    value: Math.round(bestMs(3, whole) * 10) / 10,
    unit: 'ms',
    peer: {
      case: 'compliance alone at every report',
      value:
        Math.round(
          bestMs(3, () => {
            for (const d of dates) assessCompliance({ limits, stockpile, centrifuges }, d);
          }) * 10,
        ) / 10,
      unit: 'ms',
    },
  });
  if (sink === 42) process.stderr.write('');
}
