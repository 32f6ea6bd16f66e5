import type { NuclearOverview } from '@lockstep/contract';
import { useMemo } from 'react';
import { formatMonths, formatMonthsRange } from './format.ts';
import { compareWithLockstep, type Estimate, estimateText } from './published-record.ts';

/**
 * "Lockstep vs published": each published estimate beside Lockstep's breakout at the latest IAEA report on or
 * before its date, the ratio of the two, and the stated reasons they can differ. The estimates are a record to
 * compare against, never a target Lockstep is tuned to.
 */
export function PublishedComparison({
  overview,
  estimates,
}: {
  overview: NuclearOverview;
  estimates: readonly Estimate[];
}) {
  const rows = useMemo(() => compareWithLockstep(estimates, overview), [estimates, overview]);
  if (rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="published-heading">
      <div className="panel-head">
        <h2 id="published-heading">Lockstep vs published estimates</h2>
      </div>
      <p className="muted">
        Each estimate as its author published it, beside Lockstep's breakout (p50, p5–p95) at the latest IAEA
        stockpile report on or before its date, under the assumptions on this page. Ratio: Lockstep over the
        middle of the estimate (above 1, Lockstep gives more time). Hover an author for their words.
      </p>
      <div className="table-scroll">
        <table className="data-table" data-testid="published-comparison">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Author</th>
              <th scope="col">Published</th>
              <th scope="col">Lockstep (report)</th>
              <th scope="col">Ratio</th>
              <th scope="col">Why they can differ</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.estimate.date}-${row.estimate.source.line}`} data-testid="published-row">
                <td>
                  <time dateTime={row.estimate.date}>{row.estimate.date}</time>
                </td>
                <td title={`"${row.estimate.quote}"\nsource: ${row.estimate.source.source}`}>
                  {row.estimate.author}
                </td>
                <td>{estimateText(row.estimate)}</td>
                <td>
                  {row.lockstep
                    ? `${formatMonths(row.lockstep.p50)}${
                        row.lockstep.p5 !== null && row.lockstep.p95 !== null
                          ? ` (${formatMonthsRange(row.lockstep.p5, row.lockstep.p95)})`
                          : ''
                      }`
                    : row.unreachableReason
                      ? `none: ${row.unreachableReason}`
                      : 'no report'}
                  {row.reportAsOf && <span className="muted"> · {row.reportAsOf}</span>}
                </td>
                <td>{row.ratio === null ? '–' : `${row.ratio.toFixed(1)}×`}</td>
                <td>{row.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
