/** How the Sequencing page writes its figures. */

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A number with thousands separators and at most two decimals. */
export function formatNumber(value: number): string {
  return numberFormat.format(Math.abs(value) < 1e-9 ? 0 : value);
}

/** `12.5 points`. */
export function formatValue(value: number, unit: string): string {
  return `${formatNumber(value)} ${unit}`;
}

/** `1 day`, `45 days`. */
export function formatDays(days: number): string {
  return `${formatNumber(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** Seconds of solving: `0.42 s`, `12.3 s`. */
export function formatSeconds(seconds: number): string {
  return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
}

/** `3 phases`, `1 phase`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

const fallbackColors = ['#b7791f', '#6b46c1', '#c53030', '#2c7a7b', '#975a16'];

/** Each party's colour: the workbench's US and Iran colours, then a fixed palette. */
export function partyColors(parties: readonly { id: string }[]): Map<string, string> {
  const named: Record<string, string> = { us: '#2b6cb0', iran: '#2f855a' };
  let next = 0;
  return new Map(
    parties.map((p) => [p.id, named[p.id] ?? fallbackColors[next++ % fallbackColors.length]!] as const),
  );
}
