import type { ShownReport } from './iaea-reports.ts';
import { SourceLink } from './source-link.tsx';

const statusClass: Record<string, string> = {
  reported: 'status-within',
  'within-jcpoa-caps': 'status-within',
  'none-produced': 'status-within',
  idle: 'status-within',
  'not-reported': 'status-unknown',
  'not-verified': 'status-unknown',
};

interface Props {
  readonly shown: ShownReport | undefined;
  /** The date the page shows, when it is not the report's own. */
  readonly asOf: string;
}

/**
 * The IAEA report the page is read as of: its number, date, kind and source, and every figure it gives (or
 * does not) with the data row each comes from. A figure matched by date (the stockpile series names no
 * report) says so.
 */
export function ReportCard({ shown, asOf }: Props) {
  if (!shown) {
    return (
      <section className="report-card" data-testid="report-card">
        <h2>IAEA report</h2>
        <p className="muted">No IAEA report in the data is dated on or before {asOf}.</p>
      </section>
    );
  }
  const { report, why } = shown;
  return (
    <section className="report-card" data-testid="report-card" aria-labelledby="report-card-title">
      <details open>
        <summary>
          <h2 id="report-card-title">
            IAEA report{' '}
            {report.report.startsWith('IAEA ') ? `(${report.report.replace(/^IAEA /, '')})` : report.report}
          </h2>
          <span className="muted">
            {' '}
            {report.kind}, dated {report.date}
            {why === 'carries' &&
              `; it carries the figures the IAEA verified on ${asOf}, the date the page shows`}
            {why === 'latest-before' && `; the latest report on or before ${asOf}, the date the page shows`}
          </span>
        </summary>
        <p className="report-source">
          Source: <SourceLink row={report.source} />
        </p>
        {report.figures.length === 0 ? (
          <p className="muted">No figure from this report is in the data.</p>
        ) : (
          <table className="report-figures" aria-label="The figures this report gives, each with its row">
            <thead>
              <tr>
                <th scope="col">Of</th>
                <th scope="col">Figure</th>
                <th scope="col">Row</th>
              </tr>
            </thead>
            <tbody>
              {report.figures.map((figure) => (
                <tr key={`${figure.source.file}:${figure.source.line}`} data-testid="report-figure">
                  <th scope="row">{figure.what}</th>
                  <td className={statusClass[figure.status] ?? ''}>
                    {figure.text}
                    {figure.matchedBy === 'date' && (
                      <span
                        className="muted"
                        title="The stockpile series names no report: its row is matched to the first report dated within 45 days after the verification date"
                      >
                        {' '}
                        (matched by date)
                      </span>
                    )}
                  </td>
                  <td>
                    <SourceLink row={figure.source} compact />
                    {figure.source.note && <div className="source-note">{figure.source.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </section>
  );
}
