import type { NuclearOverview } from '@lockstep/contract';
import { formatKg, formatMonths, formatMonthsGain, formatNumber } from './format.ts';
import { SourceList } from './source-link.tsx';

/** The concrete steps back to the limits, each with the breakout time it restores. */
export function StepsTable({ overview }: { overview: NuclearOverview }) {
  const { steps } = overview;
  const full = steps.breakoutFullSet;
  const met = steps.goal.metByFullSet;
  return (
    <section className="panel" aria-labelledby="steps-heading">
      <div className="panel-head">
        <h2 id="steps-heading">Steps back to the limits</h2>
      </div>
      <div className="steps-summary" data-testid="steps-summary">
        <div>
          <span className="label">Breakout now</span>
          <strong>{formatMonths(steps.breakoutNow)}</strong>
        </div>
        <span className="arrow" aria-hidden="true">
          →
        </span>
        <div>
          <span className="label">With all {steps.steps.length} steps</span>
          <strong>{formatMonths(full)}</strong>
        </div>
        <div className={`goal goal-${met === null ? 'unknown' : met ? 'met' : 'missed'}`}>
          <span className="label">{steps.goal.months}-month goal</span>
          <strong>
            {met === null ? 'unknown' : met ? 'met by the full set' : 'not met by the full set'}
          </strong>
        </div>
      </div>
      <div className="table-scroll">
        <table className="grid wrap-head" aria-label="Steps back">
          <thead>
            <tr>
              <th>Step (stable id) and action</th>
              <th>Restores</th>
              <th className="num" title="Breakout time if this step alone were taken">
                Breakout, this step alone
              </th>
              <th className="num" title="Breakout alone minus breakout now">
                Gain alone
              </th>
              <th className="num" title="How much shorter the full set's breakout would be without this step">
                Lost if left out of the full set
              </th>
              <th>Sources</th>
            </tr>
          </thead>
          <tbody>
            {steps.steps.map((step) => (
              <tr key={step.id} data-testid={`step-${step.id}`}>
                <td className="step">
                  <code className="step-id">{step.id}</code>
                  <span className="muted small">
                    {' '}
                    {step.kind.replace(/-/g, ' ')} · because {step.because}
                  </span>
                  <div>{step.action}</div>
                  {step.quantity && (
                    <div className="muted small">
                      {step.quantity.unit === 'kg U'
                        ? formatKg(step.quantity.value)
                        : `${formatNumber(step.quantity.value)} ${step.quantity.unit}`}
                    </div>
                  )}
                </td>
                <td>
                  {step.restores.map((id) => (
                    <a key={id} href={`#limit-${id}`} className="chip">
                      {id}
                    </a>
                  ))}
                </td>
                <td className="num">{formatMonths(step.breakoutAlone)}</td>
                <td className="num">{formatMonthsGain(step.gainAlone)}</td>
                <td className="num marginal">
                  {formatMonthsGain(step.marginalInFullSet)}
                  {full !== null && full > 0 && step.marginalInFullSet !== null && (
                    <span className="bar" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, (step.marginalInFullSet / full) * 100)}%` }} />
                    </span>
                  )}
                </td>
                <td className="source-cell">
                  <SourceList rows={step.sources} compact />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {steps.notes.length > 0 && (
        <ul className="chart-notes">
          {steps.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
