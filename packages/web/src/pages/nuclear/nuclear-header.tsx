import type { NuclearOverview } from '@lockstep/contract';
import { formatKg, formatMonths, formatMonthsRange, plural } from './format.ts';
import { type IaeaReport, reportLabel, type ShownReport } from './iaea-reports.ts';

interface Props {
  readonly overview: NuclearOverview;
  /** The date asked for; undefined = the latest report. */
  readonly asOf: string | undefined;
  readonly onAsOf: (asOf: string | undefined) => void;
  readonly asOfError: string | undefined;
  /** What the edited assumptions are, in words, when the figures are a what-if. */
  readonly whatIf: readonly string[];
  /** Breakout with the default assumptions on the same date, to compare a what-if with. */
  readonly baselineMonths: number | null | undefined;
  readonly onReset: () => void;
  /** The IAEA's reports, oldest first (empty while they load). */
  readonly reports: readonly IaeaReport[];
  /** The report the page shows, if any. */
  readonly report: ShownReport | undefined;
  /** Choose a report: the page shows everything as of its date. */
  readonly onReport: (report: IaeaReport) => void;
}

/** The page's title, its date, and what the figures say in one line. */
export function NuclearHeader({
  overview,
  asOf,
  onAsOf,
  asOfError,
  whatIf,
  baselineMonths,
  onReset,
  reports: iaeaReports,
  report,
  onReport,
}: Props) {
  const { limits } = overview.compliance;
  const breach = limits.filter((l) => l.status === 'breach').length;
  const unknown = limits.filter((l) => l.status === 'unknown').length;
  const within = limits.filter((l) => l.status === 'within').length;
  const { breakout, steps } = overview;
  const reports = overview.stockpile.map((p) => p.asOf);
  const latest = reports[reports.length - 1];
  const stock = overview.compliance.stockpile;
  const range = breakout.monthsRange;
  const sqName = breakout.sq === 'u235' ? 'IAEA SQ, 25 kg U-235 contained' : 'SQ of 25 kg of 90 % uranium';
  return (
    <header className="nuclear-head">
      <div className="title-row">
        <div>
          <h1>Nuclear</h1>
          <p className="lede">
            Where Iran’s programme stands against each JCPOA limit, the steps that would bring it back, and
            the breakout time each step restores.
          </p>
        </div>
        <div className="as-of">
          <label>
            <span className="field-label">As of</span>
            <input
              type="date"
              name="asOf"
              value={asOf ?? overview.asOf}
              min={reports[0]}
              aria-invalid={asOfError ? true : undefined}
              onChange={(event) => {
                if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) onAsOf(event.target.value);
              }}
            />
          </label>
          <label>
            <span className="field-label">IAEA report</span>
            <select
              aria-label="Show everything as of an IAEA report"
              data-testid="report-picker"
              value={report && report.why !== 'latest-before' ? report.report.report : ''}
              onChange={(event) => {
                const chosen = iaeaReports.find((r) => r.report === event.target.value);
                if (chosen) onReport(chosen);
              }}
            >
              {!(report && report.why !== 'latest-before') && (
                <option value="">
                  {iaeaReports.length === 0 ? 'loading the reports…' : 'between reports'}
                </option>
              )}
              {[...iaeaReports].reverse().map((r) => (
                <option key={r.report} value={r.report}>
                  {reportLabel(r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="field-label">Stockpile report</span>
            <select
              aria-label="Jump to an IAEA report date"
              value={reports.includes(overview.asOf) ? overview.asOf : ''}
              onChange={(event) => onAsOf(event.target.value === latest ? undefined : event.target.value)}
            >
              {!reports.includes(overview.asOf) && <option value="">between reports</option>}
              {[...reports].reverse().map((date) => (
                <option key={date} value={date}>
                  {date}
                  {date === latest ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </label>
          {asOfError && (
            <p className="field-error" role="alert">
              {asOfError}
            </p>
          )}
        </div>
      </div>
      <p className="status-line" data-testid="status-line">
        <span>
          As of <strong>{overview.asOf}</strong>
          {stock && stock.asOf !== overview.asOf && <> (latest IAEA figures: {stock.asOf})</>}:{' '}
        </span>
        <span className="status-breach">{plural(breach, 'limit')} in breach</span>,{' '}
        <span className="status-unknown">{unknown} unknown</span>, {within} within.{' '}
        {stock && (
          <>
            Stockpile {formatKg(stock.totalKgU)} against a cap of {formatKg(overview.stockpileCapKgU)}.{' '}
          </>
        )}
        Breakout now{' '}
        <strong data-testid="breakout-now">
          {breakout.reachable ? formatMonths(breakout.months) : 'not reachable'}
        </strong>
        {range && <> (p5–p95 {formatMonthsRange(range.p5, range.p95)})</>} to one {sqName}. All{' '}
        {steps.steps.length} steps back give {formatMonths(steps.breakoutFullSet)}:{' '}
        {steps.goal.metByFullSet === null
          ? 'whether that meets the goal is unknown'
          : steps.goal.metByFullSet
            ? `the ${steps.goal.months}-month goal is met`
            : `short of the ${steps.goal.months}-month goal`}
        .
      </p>
      {whatIf.length > 0 && (
        <div className="what-if" role="status" data-testid="what-if">
          <strong>What-if.</strong> Computed with {whatIf.join('; ')}.
          {baselineMonths !== undefined && (
            <> With the defaults, breakout now is {formatMonths(baselineMonths)}.</>
          )}{' '}
          <button type="button" className="link" onClick={onReset}>
            Reset to defaults
          </button>
        </div>
      )}
    </header>
  );
}
