import { type StockLevel, type StockpileReport, stockLevels } from './stockpile-report.ts';

/**
 * The highest enrichment band in which a report shows stock:
 * - `none`: the report shows no enriched stock at all;
 * - `band`: the highest band with stock is between `atLeast` and `atMost` (the same band when the report
 *   says exactly), as far as the report's empty cells allow;
 * - `unknown`: the report cannot tell.
 */
export type HighestBand =
  | { readonly kind: 'none' }
  | { readonly kind: 'band'; readonly atLeast: StockLevel; readonly atMost: StockLevel }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The highest band with non-zero stock in one report. An empty cell may hide stock, so a band above the
 * highest non-zero one that is empty widens the answer; a total larger than the known bands puts the
 * rest in the empty bands.
 */
export function highestBandWithStock(report: StockpileReport): HighestBand {
  const descending = [...stockLevels].reverse();
  const possible = descending.find((level) => report.byLevel[level.id] !== 0);
  const nonZero = descending.find((level) => (report.byLevel[level.id] ?? 0) > 0);
  const empty = stockLevels.filter((level) => report.byLevel[level.id] === null);
  const known = stockLevels.reduce((sum, level) => sum + (report.byLevel[level.id] ?? 0), 0);
  const remainderInEmptyBands = report.totalKgU !== null && report.totalKgU > known && empty.length > 0;
  const lowestEmpty = empty[0];
  if (remainderInEmptyBands && lowestEmpty !== undefined && possible !== undefined) {
    const atLeast =
      nonZero !== undefined && nonZero.upperPercent > lowestEmpty.upperPercent ? nonZero : lowestEmpty;
    return { kind: 'band', atLeast, atMost: possible };
  }
  if (nonZero !== undefined && possible !== undefined)
    return { kind: 'band', atLeast: nonZero, atMost: possible };
  if (empty.length === 0 || report.totalKgU === 0) return { kind: 'none' };
  return {
    kind: 'unknown',
    reason: `the report gives no figure for ${empty.map((level) => level.label).join(', ')} and no total that places the stock`,
  };
}
