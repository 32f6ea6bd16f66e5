import type { IsoDate } from '../units.ts';
import type { SourceRow } from './source-row.ts';

/** One JCPOA nuclear limit, as a row of jcpoa-limits.csv states it. */
export interface JcpoaLimit {
  /** Stable id, kebab-case (`stockpile`, `enrichment-level`, `natanz-ir1`). */
  readonly id: string;
  /** The limit in words (`enriched uranium stockpile`). */
  readonly description: string;
  /** The limit's value in `unit`. */
  readonly value: number;
  /** The unit as the text states it (`kg uranium (300 kg as UF6)`, `percent U-235`). */
  readonly unit: string;
  /** How long the limit runs, in years from `countedFrom`; null when the text sets no end. */
  readonly years: number | null;
  /** The event the duration counts from (`Implementation Day`). */
  readonly countedFrom: string;
  /** The paragraph of the JCPOA (`Annex I section J para 56`). */
  readonly whereInJcpoa: string;
  readonly sourceRow: SourceRow;
}

/**
 * JCPOA Implementation Day, 16 January 2016: the day the IAEA verified Iran's initial steps and the
 * durations of most limits start (IAEA report GOV/INF/2016/1).
 */
export const implementationDay = '2016-01-16' as IsoDate; // a valid calendar date literal

/** The dates a limit runs between, or null when its `countedFrom` is not an event this model dates. */
export function limitPeriod(
  limit: JcpoaLimit,
): { readonly from: IsoDate; readonly until: IsoDate | null } | null {
  if (limit.countedFrom.trim().toLowerCase() !== 'implementation day') return null;
  if (limit.years === null) return { from: implementationDay, until: null };
  const year = Number(implementationDay.slice(0, 4)) + limit.years;
  return { from: implementationDay, until: `${year}${implementationDay.slice(4)}` as IsoDate }; // same day, later year
}
