import type { Assumption, NuclearOverview } from '@lockstep/contract';

interface Row {
  readonly assumption: Assumption;
  readonly usedBy: string[];
}

/** Every assumption the figures on the page rest on, once, with the results that use it. */
export function AssumptionsList({ overview }: { overview: NuclearOverview }) {
  const rows: Row[] = [];
  const lists: [string, readonly Assumption[]][] = [
    ['breakout', overview.breakout.assumptions],
    ['steps back', overview.steps.assumptions],
    ['projection', overview.projection.assumptions],
  ];
  for (const [result, list] of lists) {
    for (const assumption of list) {
      const same = rows.find(
        (row) =>
          row.assumption.name === assumption.name &&
          row.assumption.value === assumption.value &&
          row.assumption.basis === assumption.basis,
      );
      if (same) same.usedBy.push(result);
      else rows.push({ assumption, usedBy: [result] });
    }
  }
  return (
    <section className="panel" aria-labelledby="assumption-list-heading">
      <div className="panel-head">
        <h2 id="assumption-list-heading">What the figures rest on</h2>
        <p className="muted small">The assumptions each result states, as used for the figures above.</p>
      </div>
      <div className="table-scroll">
        <table className="grid compact" aria-label="Assumptions used">
          <thead>
            <tr>
              <th>Assumption</th>
              <th>Value</th>
              <th>Unit</th>
              <th>Basis</th>
              <th>Used by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ assumption, usedBy }) => (
              <tr key={`${assumption.name}|${assumption.value}|${assumption.basis}`}>
                <td className="strong">{assumption.name}</td>
                <td className={typeof assumption.value === 'number' ? 'num' : undefined}>
                  {String(assumption.value)}
                </td>
                <td>{assumption.unit === '-' ? '' : assumption.unit}</td>
                <td className="basis">{assumption.basis}</td>
                <td className="muted small">{usedBy.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
