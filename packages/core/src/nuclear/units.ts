import type { Brand } from '../units.ts';
import { NuclearInputError } from './nuclear-input-error.ts';

/**
 * An assay: the fraction of U-235 in uranium, strictly between 0 and 1 (0.00711 for natural uranium).
 * Fractions inside the code, percent at the edges: build one with `assayFromPercent(3.67)` and show it
 * with `assayToPercent`.
 */
export type Assay = Brand<number, 'Assay'>;

/** A mass of uranium in kilograms of uranium (kg U, not kg UF6), finite and non-negative. */
export type KgU = Brand<number, 'KgU'>;

/** Separative work in SWU (kg-SWU), finite and non-negative. */
export type Swu = Brand<number, 'Swu'>;

/** Enrichment capacity in SWU per year, finite and non-negative. */
export type SwuPerYear = Brand<number, 'SwuPerYear'>;

/** A duration in months of `daysPerMonth` days each, finite and non-negative. */
export type Months = Brand<number, 'Months'>;

/** A duration in days, finite and non-negative. */
export type Days = Brand<number, 'Days'>;

/** Days in the average Gregorian month (365.25 / 12 = 30.4375): how months and days convert here. */
export const daysPerMonth = 365.25 / 12;

/** Months in a year: capacities are per year, breakout times in months. */
export const monthsPerYear = 12;

/**
 * The mass fraction of uranium in UF6 (238.03 / 352.02 = 0.676): 300 kg of UF6 hold 202.8 kg of uranium,
 * the JCPOA stockpile cap as the IAEA states it.
 */
export const uraniumFractionOfUf6 = 0.676;

function describe(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** Validates an assay given in percent U-235, strictly between 0 and 100 (`assayFromPercent(3.67)`). */
export function assayFromPercent(percent: number, parameter = 'assay'): Assay {
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100) {
    throw new NuclearInputError(
      parameter,
      `${describe(percent)} is not an assay: expected percent U-235 strictly between 0 and 100 (e.g. 3.67)`,
    );
  }
  return (percent / 100) as Assay; // checked above
}

/** Validates an assay given as a fraction of U-235, strictly between 0 and 1 (0.0367 for 3.67 %). */
export function assayFromFraction(fraction: number, parameter = 'assay'): Assay {
  if (!Number.isFinite(fraction) || fraction <= 0 || fraction >= 1) {
    throw new NuclearInputError(
      parameter,
      `${describe(fraction)} is not an assay: expected a fraction of U-235 strictly between 0 and 1 (e.g. 0.0367)`,
    );
  }
  return fraction as Assay; // checked above
}

/** An assay in percent U-235, for display and for the edges of the system. */
export function assayToPercent(assay: Assay): number {
  return assay * 100;
}

function nonNegative<T extends number>(value: number, parameter: string, unit: string): T {
  if (!Number.isFinite(value) || value < 0) {
    throw new NuclearInputError(
      parameter,
      `${describe(value)} is not accepted: expected a finite number ≥ 0 (${unit})`,
    );
  }
  return value as T; // checked above; T is one of the non-negative branded units of this file
}

/** Validates a mass in kg of uranium: finite and ≥ 0. */
export function kgU(value: number, parameter = 'kgU'): KgU {
  return nonNegative<KgU>(value, parameter, 'kg U');
}

/** Converts a mass of UF6 (kg) to kg of uranium (× 0.676). */
export function kgUFromKgUf6(kgUf6: number, parameter = 'kgUf6'): KgU {
  return kgU(nonNegative<number>(kgUf6, parameter, 'kg UF6') * uraniumFractionOfUf6, parameter);
}

/** Validates an amount of separative work in SWU: finite and ≥ 0. */
export function swu(value: number, parameter = 'swu'): Swu {
  return nonNegative<Swu>(value, parameter, 'SWU');
}

/** Validates an enrichment capacity in SWU per year: finite and ≥ 0. */
export function swuPerYear(value: number, parameter = 'swuPerYear'): SwuPerYear {
  return nonNegative<SwuPerYear>(value, parameter, 'SWU per year');
}

/** Validates a duration in months: finite and ≥ 0. */
export function months(value: number, parameter = 'months'): Months {
  return nonNegative<Months>(value, parameter, 'months');
}

/** Validates a duration in days: finite and ≥ 0. */
export function days(value: number, parameter = 'days'): Days {
  return nonNegative<Days>(value, parameter, 'days');
}

/** A duration in days as months of `daysPerMonth` days. */
export function monthsFromDays(value: Days): Months {
  return (value / daysPerMonth) as Months; // a non-negative finite number divided by a positive constant
}

/** A duration in months as days (`daysPerMonth` days a month). */
export function daysFromMonths(value: Months): Days {
  return (value * daysPerMonth) as Days; // a non-negative finite number times a positive constant
}
