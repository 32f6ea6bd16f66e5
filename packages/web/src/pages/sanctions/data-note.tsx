import type { HistoryResult, SanctionsSnapshot } from '@lockstep/contract';
import { sanctionsExportUrl } from '../../api.ts';
import { formatNumber } from '../nuclear/format.ts';

/** Downloads of the chosen snapshot in CSV and JSON. */
export function Exports({ snapshot }: { snapshot: SanctionsSnapshot | undefined }) {
  if (!snapshot) return null;
  return (
    <div className="exports" data-testid="exports">
      <span className="field-label">Export {snapshot.dataset}</span>
      <a href={sanctionsExportUrl(snapshot.dataset, 'csv')} download className="button-link">
        CSV
      </a>
      <a href={sanctionsExportUrl(snapshot.dataset, 'json')} download className="button-link">
        JSON
      </a>
    </div>
  );
}

/**
 * What the data is: the stored list snapshots and their dates, and that every designation date is an
 * interval between two snapshots, not a day.
 */
export function DataNote({
  history,
  snapshots,
}: {
  history: HistoryResult | undefined;
  snapshots: readonly SanctionsSnapshot[];
}) {
  const counts = new Map(snapshots.map((s) => [s.dataset, s.entryCount]));
  return (
    <section className="panel data-note" aria-labelledby="data-note-heading" data-testid="data-note">
      <div className="panel-head">
        <h2 id="data-note-heading">A note on the data</h2>
        {history && (
          <p className="muted small">
            {formatNumber(history.entries)} entries across {history.snapshots.length} snapshots
          </p>
        )}
      </div>
      <p>
        The lists are OFAC’s own files, stored as dated snapshots. OFAC does not publish when each program was
        added to an entry, so a designation’s date comes from <strong>comparing snapshots</strong>: a program
        first seen on one snapshot and absent from the one before was imposed in the interval between them
        (“after 2018-12-19 and on or before 2021-08-18”). The rules compare these intervals with the dates
        that matter (2017-01-01, the withdrawal on 2018-05-08); when an interval straddles a date the
        classification is marked uncertain.
      </p>
      {history ? (
        <>
          <table className="grid compact snapshots" aria-label="Stored snapshots">
            <thead>
              <tr>
                <th>Snapshot</th>
                <th>List</th>
                <th>List date</th>
                <th className="num">Entries</th>
              </tr>
            </thead>
            <tbody>
              {history.snapshots.map((s) => (
                <tr key={s.label}>
                  <td>
                    <code>{s.label}</code>
                  </td>
                  <td>{s.label.includes('consolidated') ? 'Consolidated (non-SDN)' : 'SDN'}</td>
                  <td>
                    {s.earliestDate ? (
                      <>
                        between {s.earliestDate} and {s.date}
                      </>
                    ) : (
                      s.date
                    )}
                  </td>
                  <td className="num">{formatNumber(counts.get(s.label))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            History events:{' '}
            {Object.entries(history.events)
              .map(([kind, count]) => `${formatNumber(count)} ${kind}`)
              .join(', ')}
            . {formatNumber(history.relistingLinks.length)} re-listings linked (an entry removed and listed
            again under a new number, with the evidence for each link);{' '}
            {history.discrepancies === 0
              ? 'the change-log replay agrees with every snapshot.'
              : `${formatNumber(history.discrepancies)} entries where the change-log replay did not give the next snapshot.`}
          </p>
        </>
      ) : (
        <p className="muted">Loading the designation history…</p>
      )}
    </section>
  );
}
