/** How the Nuclear page writes its figures: kg with thousands separators, months (days under a month). */

const daysPerMonth = 365.25 / 12;
const kgFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const plainFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** `9,247.6 kg U`; null is `unknown`, never 0. */
export function formatKg(kg: number | null | undefined, unit = 'kg U'): string {
  return kg === null || kg === undefined ? 'unknown' : `${kgFormat.format(kg)} ${unit}`;
}

/** A number with thousands separators and at most two decimals. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? 'unknown' : plainFormat.format(value);
}

function daysText(days: number): string {
  if (days < 1) return `${(days * 24).toFixed(days * 24 < 10 ? 1 : 0)} hours`;
  return `${days.toFixed(days < 10 ? 1 : 0)} days`;
}

function monthsText(months: number): string {
  // Two decimals from ten months on, so that 11.97 months is not read as the 12-month goal.
  return `${months.toFixed(months < 10 ? 1 : 2)} months`;
}

/** Breakout time: `4.0 days` under a month, `1.4 months`, `11.97 months`. */
export function formatMonths(months: number | null | undefined): string {
  if (months === null || months === undefined) return 'unknown';
  if (months < 1) return daysText(months * daysPerMonth);
  return monthsText(months);
}

/** A range in one unit: `3.5–4.8 days` or `1.3–1.6 months`. */
export function formatMonthsRange(low: number, high: number): string {
  if (high < 1) {
    const [a, b] = [low * daysPerMonth, high * daysPerMonth];
    return `${a.toFixed(b < 10 ? 1 : 0)}–${daysText(b)}`;
  }
  return `${low.toFixed(high < 10 ? 1 : 2)}–${monthsText(high)}`;
}

/** A change in breakout time: `+1.49 months`, `+6.3 hours`, `0`. */
export function formatMonthsGain(months: number | null | undefined): string {
  if (months === null || months === undefined) return 'unknown';
  if (months === 0) return 'none';
  const sign = months > 0 ? '+' : '−';
  const size = Math.abs(months);
  return `${sign}${size < 1 ? daysText(size * daysPerMonth) : monthsText(size)}`;
}

/** `1 limit`, `3 limits`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
