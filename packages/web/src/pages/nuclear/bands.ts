/** The IAEA's enrichment bands, lowest first, as the page names and colours them. */
export const bands = [
  { key: 'up-to-2pct', label: 'up to 2 %', color: '#bcd7ea' },
  { key: 'up-to-5pct', label: 'up to 5 %', color: '#6fa8d0' },
  { key: 'up-to-20pct', label: 'up to 20 %', color: '#e9a23b' },
  { key: 'up-to-60pct', label: 'up to 60 %', color: '#c0392b' },
] as const;

/** The part of a reported total that no reported band accounts for. */
export const unreportedBand = { key: 'level-not-reported', label: 'level not reported', color: '#a7adb8' };

/** `up to 60 %` for `up-to-60pct`; an unexpected key is shown as it is. */
export function bandLabel(key: string): string {
  return bands.find((band) => band.key === key)?.label ?? key;
}

/** Dates as the API gives them (YYYY-MM-DD), as UTC midnight. */
export function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
