import type { IsoDate } from '../units.ts';
import type { SourceRow } from './source-row.ts';
import type { KgU } from './units.ts';

/**
 * The enrichment bands the IAEA reports the stockpile in. Each band runs from the previous band's upper
 * bound (exclusive) to its own (inclusive): `up-to-5pct` is material above 2 % and up to 5 %.
 */
export const stockLevels = [
  { id: 'up-to-2pct', lowerPercent: 0, upperPercent: 2, label: 'up to 2 %' },
  { id: 'up-to-5pct', lowerPercent: 2, upperPercent: 5, label: 'up to 5 %' },
  { id: 'up-to-20pct', lowerPercent: 5, upperPercent: 20, label: 'up to 20 %' },
  { id: 'up-to-60pct', lowerPercent: 20, upperPercent: 60, label: 'up to 60 %' },
] as const;

/** One reporting band: `up-to-2pct`, `up-to-5pct`, `up-to-20pct`, `up-to-60pct`. */
export type StockLevel = (typeof stockLevels)[number];
/** A band's id, kebab-case. */
export type StockLevelId = StockLevel['id'];

/** Mass by band, kg U; null where the report gives no figure (unknown, never zero). */
export type StockpileByLevel = Readonly<Record<StockLevelId, KgU | null>>;

/** One IAEA stockpile figure: the enriched uranium stockpile by band at the IAEA's as-of date. */
export interface StockpileReport {
  /** The date the figures are as of (some are approximate: see the source row's note). */
  readonly asOf: IsoDate;
  /** Total enriched uranium, kg U (not UF6); null when not reported. */
  readonly totalKgU: KgU | null;
  readonly byLevel: StockpileByLevel;
  readonly sourceRow: SourceRow;
}
