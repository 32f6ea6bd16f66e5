import { formatNumber } from './format.ts';
import {
  editableField,
  editedNumber,
  type RedLineEdits,
  type RedLineField,
  type ScenarioRedLine,
  type ScenarioView,
} from './scenario-view.ts';

const fieldUnits = (field: RedLineField, valueUnit: string): string => {
  switch (field) {
    case 'limit':
    case 'allowance':
      return valueUnit;
    case 'share':
      return 'of its total (0–1)';
    case 'byDay':
      return 'day';
  }
};

const fieldNames: Record<RedLineField, string> = {
  limit: 'Limit',
  share: 'Share',
  allowance: 'Allowance',
  byDay: 'By day',
};

/** A red line's rule in words, from its fields. */
export function ruleOf(redLine: ScenarioRedLine, scenario: ScenarioView): string {
  const party = scenario.parties.find((p) => p.id === redLine.party)?.name ?? redLine.party;
  const unit = scenario.valueUnit;
  switch (redLine.kind) {
    case 'max-exposure':
      return redLine.limit !== undefined
        ? `${party} is never more than ${formatNumber(redLine.limit)} ${unit} ahead of what it has received`
        : `${party} is never ahead by more than ${formatNumber((redLine.share ?? 0) * 100)} % of all it delivers`;
    case 'other-starts-first':
      return `the other side has started before ${party} has delivered more than ${formatNumber(redLine.allowance ?? 0)} ${unit}`;
    case 'all-after-theirs':
      return `every measure of ${party} comes in a later phase than every measure of the other side`;
    case 'deadline':
      return `${(redLine.measures ?? []).join(', ')} ${redLine.anchor === 'verified' ? 'verified' : 'complete'} by day ${formatNumber(redLine.byDay ?? 0)}`;
    case 'same-phase':
      return `${(redLine.measures ?? []).join(', ')} in the same phase`;
    default:
      return redLine.kind;
  }
}

/**
 * Each side's red lines, with a switch to drop one and its value to edit (what-if). Changes re-solve after a
 * pause when automatic re-solving is on.
 */
export function RedLinesPanel({
  scenario,
  edits,
  invalid,
  onChange,
}: {
  scenario: ScenarioView;
  edits: RedLineEdits;
  /** Red line id → the server's or the page's complaint about its edited value. */
  invalid: ReadonlyMap<string, string>;
  onChange: (edits: RedLineEdits) => void;
}) {
  const name = new Map(scenario.parties.map((p) => [p.id, p.name]));
  return (
    <section className="panel seq-red-lines" aria-labelledby="red-lines-heading">
      <h2 id="red-lines-heading">Red lines</h2>
      <p className="muted small">
        Switch one off or change its value: the plan is solved again. Values in {scenario.valueUnit} unless
        stated.
      </p>
      <ul>
        {scenario.redLines.map((r) => {
          const on = !edits.off.includes(r.id);
          const field = editableField(r);
          const original = field === undefined ? undefined : r[field];
          const text = edits.values[r.id] ?? (original === undefined ? '' : String(original));
          const changed = (field !== undefined && editedNumber(text) !== original) || !on;
          const problem = invalid.get(r.id);
          return (
            <li
              key={r.id}
              className={`seq-red-line${on ? '' : ' off'}${changed ? ' changed' : ''}`}
              data-testid={`red-line-${r.id}`}
            >
              <label className="seq-switch">
                <input
                  type="checkbox"
                  name={`on-${r.id}`}
                  checked={on}
                  onChange={(event) =>
                    onChange({
                      ...edits,
                      off: event.target.checked
                        ? edits.off.filter((id) => id !== r.id)
                        : [...edits.off, r.id],
                    })
                  }
                />{' '}
                <code>{r.id}</code>
              </label>
              <span className="muted small">
                {' '}
                {name.get(r.party) ?? r.party} · {r.kind}
              </span>
              <p className="seq-rule">{ruleOf(r, scenario)}</p>
              {r.text && <blockquote className="seq-quote">{r.text}</blockquote>}
              {r.source && <p className="muted small">Source: {r.source}</p>}
              {field !== undefined && (
                <div className="seq-value">
                  <label htmlFor={`value-${r.id}`} className="field-label">
                    {fieldNames[field]}
                  </label>{' '}
                  <input
                    id={`value-${r.id}`}
                    name={`value-${r.id}`}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={text}
                    disabled={!on}
                    aria-invalid={problem !== undefined}
                    onChange={(event) =>
                      onChange({ ...edits, values: { ...edits.values, [r.id]: event.target.value } })
                    }
                  />{' '}
                  <span className="unit">{fieldUnits(field, scenario.valueUnit)}</span>
                  {changed && on && original !== undefined && (
                    <span className="hint"> (shipped: {formatNumber(original)})</span>
                  )}
                  {problem && (
                    <p className="field-error" role="alert">
                      {problem}
                    </p>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
