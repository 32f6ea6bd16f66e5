import type { LimitAssessment, NuclearOverview } from '@lockstep/contract';
import { formatNumber } from './format.ts';
import { SourceLink, SourceList } from './source-link.tsx';
import { StatusBadge } from './status-badge.tsx';

function LimitRow({ limit }: { limit: LimitAssessment }) {
  return (
    <tr id={`limit-${limit.id}`} data-testid={`limit-${limit.id}`} className={`status-${limit.status}`}>
      <td>
        <div className="strong">{limit.description}</div>
        <code className="muted small">{limit.id}</code>
        {limit.inForce === false && <div className="muted small">not in force on this date</div>}
      </td>
      <td className="num">
        {formatNumber(limit.limit)}
        <div className="muted small unit">{limit.unit}</div>
      </td>
      <td className="num">
        {limit.actual === null ? (
          <span className="unknown">unknown</span>
        ) : (
          <span className="strong">{formatNumber(limit.actual)}</span>
        )}
        {limit.figureAsOf && (
          <div className="muted small nowrap">
            as of <time dateTime={limit.figureAsOf}>{limit.figureAsOf}</time>
          </div>
        )}
      </td>
      <td className="num">
        {limit.excess === null ? <span className="unknown">unknown</span> : formatNumber(limit.excess)}
      </td>
      <td>
        <StatusBadge status={limit.status} />
      </td>
      <td className="reason">
        <div className="small">{limit.measure}</div>
        <div>{limit.reason}</div>
        {limit.caveats.length > 0 && (
          <details className="caveats">
            <summary>
              {limit.caveats.length} caveat{limit.caveats.length === 1 ? '' : 's'}
            </summary>
            <ul>
              {limit.caveats.map((caveat) => (
                <li key={caveat}>{caveat}</li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td className="source-cell">
        <span className="label">Figure</span>
        <SourceList rows={limit.sources} />
        <span className="label">Limit</span>
        <SourceLink row={limit.limitSource} />
      </td>
    </tr>
  );
}

/** Every JCPOA limit on the date: the limit, the latest figure, the excess and where each came from. */
export function ComplianceTable({ overview }: { overview: NuclearOverview }) {
  const { limits } = overview.compliance;
  const count = (status: LimitAssessment['status']) => limits.filter((l) => l.status === status).length;
  return (
    <section className="panel" aria-labelledby="compliance-heading">
      <div className="panel-head">
        <h2 id="compliance-heading">Compliance with the JCPOA limits</h2>
        <p className="muted small">
          As of <time dateTime={overview.compliance.asOf}>{overview.compliance.asOf}</time>: {count('breach')}{' '}
          in breach, {count('within')} within, {count('unknown')} unknown
        </p>
      </div>
      <div className="table-scroll">
        <table className="grid wrap-head" aria-label="JCPOA limits">
          <thead>
            <tr>
              <th>Limit</th>
              <th className="num">JCPOA limit</th>
              <th className="num">Actual</th>
              <th className="num">Excess</th>
              <th>Status</th>
              <th>Measure, reason and caveats</th>
              <th>Sources (figure, limit)</th>
            </tr>
          </thead>
          <tbody>
            {limits.map((limit) => (
              <LimitRow key={limit.id} limit={limit} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        “Actual” is the latest reported figure on or before the date, in the limit’s unit; “unknown” means no
        figure is in the data (never zero).
      </p>
    </section>
  );
}
