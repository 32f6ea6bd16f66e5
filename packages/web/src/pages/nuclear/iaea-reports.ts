import { IaeaReports } from '@lockstep/contract';
import { requestJson } from '../../api.ts';

export type IaeaReport = IaeaReports['reports'][number];

/** `GET /api/nuclear/reports`: every IAEA report on Iran, with the figures each gives and their rows. */
export function fetchIaeaReports(signal?: AbortSignal) {
  return requestJson('/api/nuclear/reports', IaeaReports, { signal });
}

/** `GOV/2021/10 · 23 Feb 2021 (quarterly)`: how the picker names a report. */
export function reportLabel(report: IaeaReport): string {
  const name = report.report.startsWith('IAEA ') ? report.report.replace(/^IAEA /, '') : report.report;
  return `${report.date} · ${name}${name.includes(report.kind) ? '' : ` (${report.kind})`}`;
}

/** How long after a verification date the report carrying it may be dated (as the server matches them). */
const reportLagDays = 45;

/** The report the page shows, and why: chosen by name, carrying figures verified on the date, or the latest before it. */
export interface ShownReport {
  readonly report: IaeaReport;
  readonly why: 'chosen' | 'carries' | 'latest-before';
}

/**
 * The report a date shows: the one chosen, when it is dated on that date; else, when the date is one the IAEA
 * verified figures on (`verified`, the stockpile reports' dates), the first report dated within 45 days after
 * it, which carries them; else the latest report dated on or before the date; undefined before the first.
 */
export function reportShown(
  reports: readonly IaeaReport[],
  asOf: string,
  chosen: string | undefined,
  verified: readonly string[] = [],
): ShownReport | undefined {
  const picked = reports.find((r) => r.report === chosen && r.date === asOf);
  if (picked) return { report: picked, why: 'chosen' };
  if (verified.includes(asOf)) {
    const limit = new Date(Date.parse(`${asOf}T00:00:00Z`) + reportLagDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const carrying = reports
      .filter((r) => r.date >= asOf && r.date <= limit)
      .sort((a, b) => (a.date < b.date ? -1 : 1))[0];
    if (carrying) return { report: carrying, why: carrying.date === asOf ? 'chosen' : 'carries' };
  }
  let latest: IaeaReport | undefined;
  for (const report of reports)
    if (report.date <= asOf && (!latest || report.date >= latest.date)) latest = report;
  return latest && { report: latest, why: latest.date === asOf ? 'chosen' : 'latest-before' };
}
