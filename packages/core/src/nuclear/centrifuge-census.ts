import type { IsoDate } from '../units.ts';
import { describeSourceRow, type SourceRow } from './source-row.ts';

/** The enrichment plants an IAEA report counts machines at. */
export const enrichmentSites = ['Natanz FEP', 'Natanz PFEP', 'Fordow FFEP'] as const;
export type EnrichmentSite = (typeof enrichmentSites)[number];

/**
 * What a report says of a site:
 * - `reported`: machine figures (installed, enriching, cascades) as the report gives them;
 * - `within-jcpoa-caps`: the JCPOA years (2016 to mid-2019), when reports stated compliance with the caps
 *   rather than counts: at most 5,060 IR-1 enriching at Natanz FEP, none at Fordow, R&D within the plan;
 * - `idle`: the report states the site does not enrich;
 * - `not-reported`: the report gives nothing for the site.
 */
export type CensusStatus = 'reported' | 'within-jcpoa-caps' | 'idle' | 'not-reported';
export const censusStatuses: readonly CensusStatus[] = [
  'reported',
  'within-jcpoa-caps',
  'idle',
  'not-reported',
];

/** One row of iaea-centrifuges.csv: machines of one type at one site, as one IAEA report states them. */
export interface CensusRow {
  /** The verification date when the source gives it, else the report's date. */
  readonly asOf: IsoDate;
  /** The report as the source names it. */
  readonly report: string;
  /** A site of `enrichmentSites`, or how the source names a place it does not pin down. */
  readonly site: string;
  readonly machineType: string;
  readonly installed: number | null;
  readonly enriching: number | null;
  readonly cascades: number | null;
  readonly status: CensusStatus;
  readonly sourceRow: SourceRow;
}

/** The JCPOA's cap on IR-1 machines enriching at Natanz FEP: the count taken for a `within-jcpoa-caps` row. */
export const jcpoaEnrichingCap = 5060;

/**
 * How far apart the rows of one report may be dated: a report gives each site's verification date, and the
 * sites of one report are verified within days of each other, while reports are weeks apart.
 */
export const sameReportDays = 20;

/** Machines of one type enriching at a site, with where the figure comes from. */
export interface CensusMachines {
  readonly site: string;
  readonly machineType: string;
  /** Machines enriching uranium. */
  readonly enriching: number;
  /** Machines installed, when the report says (≥ enriching). */
  readonly installed: number | null;
  /** The count is a bound the report states (`no more than`), not a count. */
  readonly bound: 'upper' | null;
  readonly asOf: IsoDate;
  readonly sourceRow: SourceRow;
}

/** One site at a date: its figures, or why there are none. */
export interface SiteCensus {
  readonly site: EnrichmentSite;
  /**
   * `current`: from the latest report (or stated idle in it); `carried`: the site's last figures, from an
   * earlier report, because the latest says nothing of it; `none`: no report on or before the date counts it.
   */
  readonly state: 'current' | 'carried' | 'none';
  /** The report status the figures come from, when there are any. */
  readonly status: Exclude<CensusStatus, 'not-reported'> | null;
  /** Date of the figures used (null when none). */
  readonly asOf: IsoDate | null;
  /** For `carried`: the first report after `asOf` that gives nothing for the site (missing since then). */
  readonly missingSince: IsoDate | null;
  readonly machines: readonly CensusMachines[];
}

/** Whether the capacity at a date rests on a count at every site. */
export interface CensusCoverage {
  /**
   * `complete`: every site has figures from the latest report on or before the date, or is stated idle in it;
   * `partial`: some site's figures are older, or missing (the capacity counts what is known and says so);
   * `none`: no report counts any site.
   */
  readonly verdict: 'complete' | 'partial' | 'none';
  /** The latest report's date on or before the date asked. */
  readonly latestReport: IsoDate | null;
  /** One sentence per site not counted by the latest report: what is used instead, and since when. */
  readonly missing: readonly string[];
}

/** The enrichment plant at a date, as the IAEA's reports counted it. */
export interface Census {
  readonly asOf: IsoDate;
  readonly sites: readonly SiteCensus[];
  readonly coverage: CensusCoverage;
  /** Every machine counted as enriching, by site and type (an empty list means none enriches). */
  readonly machines: readonly CensusMachines[];
  /** The rule the figures were read by, for the result's assumptions. */
  readonly basis: string;
}

const dayMs = 86_400_000;

function daysBetween(earlier: IsoDate, later: IsoDate): number {
  return (Date.parse(later) - Date.parse(earlier)) / dayMs;
}

function isSite(site: string): site is EnrichmentSite {
  return (enrichmentSites as readonly string[]).includes(site);
}

/** The machines a report's rows for one site count as enriching. */
function machinesOf(site: EnrichmentSite, rows: readonly CensusRow[]): CensusMachines[] {
  const out: CensusMachines[] = [];
  for (const row of rows) {
    if (row.status === 'idle' || row.status === 'not-reported') continue;
    if (row.status === 'within-jcpoa-caps') {
      // The reports state the caps were kept, not how many machines ran: Natanz FEP is taken at its cap, an
      // upper bound; Fordow and the R&D lines accumulated no enriched uranium under the deal.
      const enriching = row.enriching ?? (site === 'Natanz FEP' ? jcpoaEnrichingCap : 0);
      if (enriching > 0)
        out.push({
          site,
          machineType: row.machineType === '' ? 'IR-1' : row.machineType,
          enriching,
          installed: row.installed,
          bound: row.enriching === null ? 'upper' : null,
          asOf: row.asOf,
          sourceRow: row.sourceRow,
        });
      continue;
    }
    if (row.enriching === null || row.enriching === 0) continue;
    out.push({
      site,
      machineType: row.machineType,
      enriching: row.enriching,
      installed: row.installed,
      bound: null,
      asOf: row.asOf,
      sourceRow: row.sourceRow,
    });
  }
  return out;
}

/**
 * A site's figures at `date`, built report by report in date order: a statement about the whole site (idle,
 * or within the JCPOA's caps) replaces what was known of it; a count of one machine type replaces that type's
 * earlier count (and any whole-site statement), so an interim report that counts only the new machines keeps
 * the older counts of the others. Also: the latest date of a statement, the machine types whose count is older
 * than the site's latest report (carried), and the first later report that gives nothing for the site.
 */
function siteFigures(
  rows: readonly CensusRow[],
  site: EnrichmentSite,
  date: IsoDate,
): {
  rows: CensusRow[];
  asOf: IsoDate | null;
  carriedTypes: CensusRow[];
  /** Later rows that give a type's installed machines or cascades but no count enriching. */
  uncountedLater: CensusRow[];
  silentSince: IsoDate | null;
} {
  const known = rows
    .filter((r) => r.site === site && r.asOf <= date)
    .sort((a, b) => (a.asOf === b.asOf ? a.sourceRow.line - b.sourceRow.line : a.asOf < b.asOf ? -1 : 1));
  const state = new Map<string, CensusRow>();
  const uncountedLater: CensusRow[] = [];
  let latest: IsoDate | null = null;
  for (const r of known) {
    if (r.status === 'not-reported') continue;
    latest = r.asOf;
    if (r.status === 'idle' || r.status === 'within-jcpoa-caps') {
      state.clear();
      state.set('', r);
      continue;
    }
    // A count of installed machines or cascades alone does not replace the type's last count enriching.
    const before = state.get(r.machineType);
    if (r.enriching === null && before !== undefined && before.enriching !== null) {
      uncountedLater.push(r);
      continue;
    }
    state.delete('');
    state.set(r.machineType, r);
  }
  if (latest === null)
    return { rows: [], asOf: null, carriedTypes: [], uncountedLater: [], silentSince: null };
  const figures = [...state.values()];
  const last = latest;
  const carriedTypes = figures.filter((r) => daysBetween(r.asOf, last) > sameReportDays);
  const silent = known
    .filter((r) => r.status === 'not-reported' && daysBetween(last, r.asOf) > sameReportDays)
    .map((r) => r.asOf);
  // Rows that came after the count used for their type: the type's count is older than what is known of it.
  const later = uncountedLater.filter((u) => u.asOf > (state.get(u.machineType)?.asOf ?? u.asOf));
  return {
    rows: figures,
    asOf: last,
    // A carried count of none enriching changes no figure; one that later rows speak of is named with them.
    carriedTypes: carriedTypes.filter(
      (r) => (r.enriching ?? 0) > 0 && !later.some((u) => u.machineType === r.machineType),
    ),
    uncountedLater: later,
    silentSince: silent[0] ?? null,
  };
}

/**
 * The enrichment plant on `date` from the IAEA's per-report, per-site counts. The latest report on or before
 * `date` sets the bar: a site it counts (or states idle, or within the JCPOA's caps) is `current`; a site it
 * says nothing of keeps its last figures, `carried` and named in the coverage, so a partial count is shown
 * as partial and never as a smaller programme; a site never counted is `none`. Only machines stated to
 * enrich are counted.
 */
export function censusAt(rows: readonly CensusRow[], date: IsoDate): Census {
  const upTo = rows.filter((r) => r.asOf <= date);
  const latestReport = upTo.reduce<IsoDate | null>((a, r) => (a === null || r.asOf > a ? r.asOf : a), null);
  const sites: SiteCensus[] = enrichmentSites.map((site) => {
    const figures = siteFigures(rows, site, date);
    if (figures.asOf === null)
      return { site, state: 'none', status: null, asOf: null, missingSince: null, machines: [] };
    const current = latestReport !== null && daysBetween(figures.asOf, latestReport) <= sameReportDays;
    const status = figures.rows.some((r) => r.status === 'reported')
      ? 'reported'
      : figures.rows.some((r) => r.status === 'within-jcpoa-caps')
        ? 'within-jcpoa-caps'
        : 'idle';
    return {
      site,
      state: current ? 'current' : 'carried',
      status,
      asOf: figures.asOf,
      missingSince: current ? null : (figures.silentSince ?? latestReport),
      machines: machinesOf(site, figures.rows),
    };
  });
  const missing: string[] = sites.flatMap((s) => {
    if (s.state === 'current') return [];
    if (s.state === 'none')
      return [`${s.site}: no report on or before ${date} counts its machines; none are counted there`];
    const count = s.machines.reduce((sum, m) => sum + m.enriching, 0);
    return [
      `${s.site}: not counted by the reports since ${s.missingSince}; its last count (${s.asOf}, ${count} machines enriching${s.machines[0] ? `, ${describeSourceRow(s.machines[0].sourceRow)}` : ''}) is carried forward`,
    ];
  });
  // A machine type counted only by an older report than the site's latest, and a report that gives
  // cascades or installed machines but no count enriching, leave gaps too.
  const carried = sites.flatMap((s) =>
    siteFigures(rows, s.site, date).carriedTypes.map(
      (r) =>
        `${s.site}: its ${r.machineType} machines were last counted on ${r.asOf} (${describeSourceRow(r.sourceRow)}); later reports count other machines there, so that count is carried forward`,
    ),
  );
  missing.push(...carried);
  const installedOnly = sites.flatMap((s) =>
    siteFigures(rows, s.site, date).uncountedLater.map((r) => {
      const used = siteFigures(rows, s.site, date).rows.find((f) => f.machineType === r.machineType)!;
      return `${s.site}: the report of ${r.asOf} gives ${r.installed !== null ? `${r.installed} ${r.machineType} installed` : `${r.cascades} cascade(s) of ${r.machineType}`} but no count enriching (${describeSourceRow(r.sourceRow)}); the last count enriching, ${used.enriching} on ${used.asOf} (${describeSourceRow(used.sourceRow)}), is used`;
    }),
  );
  missing.push(...installedOnly);
  const uncounted = sites.flatMap((s) =>
    s.state !== 'current'
      ? []
      : siteFigures(rows, s.site, date)
          .rows.filter((r) => r.status === 'reported' && r.enriching === null)
          .map(
            (r) =>
              `${s.site}: the report of ${r.asOf} gives ${r.installed !== null ? `${r.installed} ${r.machineType} installed` : `${r.cascades} cascade(s) of ${r.machineType}`} but no count enriching (${describeSourceRow(r.sourceRow)}); not counted`,
          ),
  );
  missing.push(...uncounted);
  const verdict =
    latestReport === null || sites.every((s) => s.state === 'none')
      ? 'none'
      : missing.length === 0
        ? 'complete'
        : 'partial';
  // Rows for places the source does not pin to a plant are not counted; say so when one is in range.
  const unplaced = upTo.filter(
    (r) =>
      !isSite(r.site) &&
      r.status === 'reported' &&
      (r.enriching ?? 0) > 0 &&
      latestReport !== null &&
      daysBetween(r.asOf, latestReport) <= sameReportDays,
  );
  const unplacedNotes = unplaced.map(
    (r) =>
      `${describeSourceRow(r.sourceRow)}: ${r.enriching} ${r.machineType} enriching at "${r.site}" are not counted (the source names no plant)`,
  );
  return {
    asOf: date,
    sites,
    coverage: { verdict, latestReport, missing: [...missing, ...unplacedNotes] },
    machines: sites.flatMap((s) => s.machines),
    basis: `per site, the machines enriching in the latest IAEA report on or before the date that counts the site (rows within ${sameReportDays} days of each other are one report); a site a later report says nothing of keeps its last count, and the coverage says so; reports of the JCPOA years that state the caps were kept count Natanz FEP at its cap of ${jcpoaEnrichingCap} IR-1 (an upper bound) and Fordow at none`,
  };
}

/**
 * The census as machine figures per plant and type (the shape compliance, the projection and the steps read):
 * each type counted enriching, with the coverage lines about its plant as caveats, so a partial count is
 * named wherever a figure rests on it.
 */
export function censusFigures(census: Census): {
  site: string;
  machineType: string;
  machines: number;
  state: 'enriching';
  asOf: IsoDate;
  sourceRow: SourceRow;
  caveats: string[];
}[] {
  return census.machines.map((m) => ({
    site: m.site,
    machineType: m.machineType,
    machines: m.enriching,
    state: 'enriching' as const,
    asOf: m.asOf,
    sourceRow: m.sourceRow,
    caveats: [
      ...(m.bound === 'upper'
        ? [
            `${m.asOf}: the report states the JCPOA's caps were kept, not a count: ${m.enriching} is the cap, an upper bound`,
          ]
        : []),
      ...census.coverage.missing.filter((line) => line.startsWith(`${m.site}:`)),
    ],
  }));
}
