import type { SequencingPlanJson } from '@lockstep/contract';
import { formatNumber } from './format.ts';
import {
  editedNumber,
  type MeasureField,
  measureKey,
  type RedLineEdits,
  type ScenarioMeasure,
  type ScenarioView,
} from './scenario-view.ts';

function Figure({ measure, field, children }: { measure: ScenarioMeasure; field: string; children: string }) {
  const assumed = measure.assumed?.includes(field) ?? false;
  return (
    <>
      {children}
      {assumed && (
        <span className="chip seq-assumed" title="An assumption, not derived from data">
          assumed
        </span>
      )}
    </>
  );
}

/** A figure the user may change as a what-if: a number input showing the edited or the scenario's value. */
function EditableFigure({
  measure,
  field,
  label,
  edits,
  onChange,
}: {
  measure: ScenarioMeasure;
  field: MeasureField;
  label: string;
  edits: RedLineEdits;
  onChange: (edits: RedLineEdits) => void;
}) {
  const key = measureKey(measure.id, field);
  const text = edits.measures[key] ?? String(measure[field]);
  const invalid = editedNumber(text) === undefined;
  const changed = !invalid && editedNumber(text) !== measure[field];
  return (
    <>
      <input
        className={`seq-figure${changed ? ' changed' : ''}`}
        name={`measure-${field}-${measure.id}`}
        type="number"
        min={0}
        step="any"
        value={text}
        aria-label={`${label} of ${measure.id}`}
        aria-invalid={invalid}
        title={changed ? `was ${formatNumber(measure[field])}` : undefined}
        onChange={(event) =>
          onChange({ ...edits, measures: { ...edits.measures, [key]: event.target.value } })
        }
      />
      {measure.assumed?.includes(field) && (
        <span className="chip seq-assumed" title="An assumption, not derived from data">
          assumed
        </span>
      )}
    </>
  );
}

/** A fact's camelCase key in words: `breakoutMonthsAlone` -> `breakout months alone`. */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Every measure of the scenario with its figures (days, value in the value unit), who verifies it, where
 * it comes from and which figures are assumptions; with the plan's phase and days when there is a plan.
 */
export function MeasuresTable({
  scenario,
  plan,
  edits,
  onChange,
}: {
  scenario: ScenarioView;
  plan: SequencingPlanJson | undefined;
  edits: RedLineEdits;
  onChange: (edits: RedLineEdits) => void;
}) {
  const name = new Map(scenario.parties.map((p) => [p.id, p.name]));
  const scheduled = new Map(plan?.measures.map((s) => [s.measure, s]));
  const unit = scenario.valueUnit;
  const assumedCount = scenario.measures.filter((m) => (m.assumed?.length ?? 0) > 0).length;
  return (
    <section className="panel" aria-labelledby="measures-heading">
      <div className="panel-head">
        <h2 id="measures-heading">Measures</h2>
        <p className="muted small">
          {scenario.measures.length} measures · values in {unit}
          {scenario.valueBasis && ` (${scenario.valueBasis.label})`} · days from the start of the plan
          {assumedCount > 0 && ` · ${assumedCount} with assumed figures`} · change a duration or value to
          solve again
        </p>
      </div>
      <div className="table-scroll">
        <table className="grid compact wrap-head seq-measures" data-testid="measures-table">
          <thead>
            <tr>
              <th>Measure</th>
              <th>Party · kind</th>
              <th className="num">Duration (days)</th>
              <th className="num">Value ({unit})</th>
              <th className="num">Reversal (days)</th>
              <th>Verification</th>
              {plan && <th className="num">Plan: phase, days start → complete → verified</th>}
            </tr>
          </thead>
          <tbody>
            {scenario.measures.map((m) => {
              const s = scheduled.get(m.id);
              return (
                <tr key={m.id} className={`seq-party-${m.party}`}>
                  <td>
                    <code className="step-id">{m.id}</code>
                    <div className="small">{m.text}</div>
                    <div className="muted small seq-source">
                      Source: {m.source ?? 'not stated'}
                      {m.facts && (
                        <div>
                          {Object.entries(m.facts)
                            .map(([k, v]) => `${words(k)}: ${typeof v === 'number' ? formatNumber(v) : v}`)
                            .join(' · ')}
                        </div>
                      )}
                    </div>
                    {m.note && (
                      <details className="muted small">
                        <summary>How the figures were chosen</summary>
                        {m.note}
                      </details>
                    )}
                  </td>
                  <td>
                    {name.get(m.party) ?? m.party}
                    <div className="muted small">{m.kind}</div>
                  </td>
                  <td className="num">
                    <EditableFigure
                      measure={m}
                      field="durationDays"
                      label="Duration (days)"
                      edits={edits}
                      onChange={onChange}
                    />
                  </td>
                  <td className="num">
                    <EditableFigure
                      measure={m}
                      field="value"
                      label={`Value (${unit})`}
                      edits={edits}
                      onChange={onChange}
                    />
                  </td>
                  <td className="num">
                    <Figure measure={m} field="reversalDays">
                      {formatNumber(m.reversalDays ?? 0)}
                    </Figure>
                  </td>
                  <td>
                    {m.verifiedBy ? (
                      <Figure measure={m} field="verificationDays">
                        {`${m.verifiedBy}, ${formatNumber(m.verificationDays ?? 0)} days`}
                      </Figure>
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </td>
                  {plan && (
                    <td className="num">
                      {s ? (
                        <>
                          phase {s.phase + 1}:
                          <div className="nowrap">
                            {s.startDay} → {s.completeDay} → {s.verifiedDay}
                          </div>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
