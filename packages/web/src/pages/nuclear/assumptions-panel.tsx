import type { NuclearOverview } from '@lockstep/contract';
import type { ReactNode } from 'react';
import { type AssumptionValues, fieldOf, type ScalarField } from './assumption-values.ts';

interface Props {
  readonly values: AssumptionValues;
  readonly defaults: AssumptionValues;
  /** Where the default per-machine capacities come from. */
  readonly capacities: NuclearOverview['machineCapacities'];
  readonly pending: boolean;
  readonly error: { readonly message: string; readonly field: string | undefined } | undefined;
  readonly onChange: (values: AssumptionValues) => void;
  readonly onRecompute: () => void;
  readonly onReset: () => void;
}

function FieldError({ show, message }: { show: boolean; message: string | undefined }) {
  if (!show || !message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

function Row({
  id,
  label,
  unit,
  changed,
  hint,
  children,
  error,
}: {
  id: string;
  label: string;
  unit?: string;
  changed: boolean;
  hint?: string;
  children: ReactNode;
  error?: ReactNode;
}) {
  return (
    <div className={`field${changed ? ' changed' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <span className="field-input">
        {children}
        {unit && <span className="unit">{unit}</span>}
      </span>
      {hint && <span className="hint">{hint}</span>}
      {error}
    </div>
  );
}

/**
 * The what-if form: every editable assumption of the nuclear figures, with its default. Recompute asks the
 * server for every chart and table again with the values that differ from the defaults.
 */
export function AssumptionsPanel({
  values,
  defaults,
  capacities,
  pending,
  error,
  onChange,
  onRecompute,
  onReset,
}: Props) {
  const errorField = fieldOf(error?.field);
  const errorAt = (field: string) =>
    errorField !== undefined && (errorField === field || errorField.startsWith(`${field}.`));
  const matched =
    errorField !== undefined &&
    (['sq', 'capacityPoint', 'asOf'].includes(errorField) ||
      (Object.keys(values) as string[]).some((field) => errorAt(field)) ||
      Object.keys(values.machineCapacities).some((type) => errorAt(`machineCapacities.${type}`)) ||
      Object.keys(values.advancedMachineGrowth).some((type) => errorAt(`advancedMachineGrowth.${type}`)));
  const scalar = (field: ScalarField, label: string, unit: string, step = 'any') => (
    <Row
      id={`assumption-${field}`}
      label={label}
      unit={unit}
      changed={values[field].trim() !== defaults[field]}
      hint={`default ${defaults[field]}`}
      error={<FieldError show={errorAt(field)} message={error?.message} />}
    >
      <input
        id={`assumption-${field}`}
        type="number"
        name={field}
        step={step}
        value={values[field]}
        aria-invalid={errorAt(field) || undefined}
        onChange={(event) => onChange({ ...values, [field]: event.target.value })}
      />
    </Row>
  );
  return (
    <form
      className="assumptions-panel"
      aria-label="Assumptions (what-if)"
      onSubmit={(event) => {
        event.preventDefault();
        onRecompute();
      }}
    >
      <h2>Assumptions (what-if)</h2>
      <p className="muted small">
        Edit and recompute: every chart and table on the page is computed again on the server.
      </p>

      <fieldset>
        <legend>Breakout</legend>
        <Row id="assumption-sq" label="Significant quantity" changed={values.sq !== defaults.sq}>
          <select
            id="assumption-sq"
            name="sq"
            value={values.sq}
            onChange={(event) => onChange({ ...values, sq: event.target.value as AssumptionValues['sq'] })}
          >
            <option value="u235">IAEA: 25 kg U-235 contained</option>
            <option value="wgu">25 kg of 90 % uranium</option>
          </select>
        </Row>
        {scalar('tailsPercent', 'Tails assay', '% U-235')}
        {scalar('setUpMonths', 'Set-up time', 'months')}
        {scalar('unspecifiedAssayPercent', 'Assay of stock in no band', '% U-235')}
        <Row
          id="assumption-capacityPoint"
          label="Point of each capacity range"
          changed={values.capacityPoint !== defaults.capacityPoint}
          hint="for steps back and the projection"
        >
          <select
            id="assumption-capacityPoint"
            name="capacityPoint"
            value={values.capacityPoint}
            onChange={(event) =>
              onChange({ ...values, capacityPoint: event.target.value as AssumptionValues['capacityPoint'] })
            }
          >
            <option value="low">low</option>
            <option value="central">central</option>
            <option value="high">high</option>
          </select>
        </Row>
      </fieldset>

      <fieldset>
        <legend>Separative capacity per machine (SWU/yr)</legend>
        {Object.entries(values.machineCapacities).map(([type, range]) => {
          const fallback = defaults.machineCapacities[type];
          const info = capacities.find((c) => c.machineType === type);
          const field = `machineCapacities.${type}`;
          const changed =
            !fallback || range.low.trim() !== fallback.low || range.high.trim() !== fallback.high;
          const set = (end: 'low' | 'high', value: string) =>
            onChange({
              ...values,
              machineCapacities: { ...values.machineCapacities, [type]: { ...range, [end]: value } },
            });
          return (
            <div key={type} className={`field machine${changed ? ' changed' : ''}`} data-machine={type}>
              <span className="field-label">{type}</span>
              <span className="field-input range">
                <input
                  type="number"
                  step="any"
                  min="0"
                  name={`${type}-low`}
                  aria-label={`${type} low, SWU per year`}
                  value={range.low}
                  aria-invalid={errorAt(field) || undefined}
                  onChange={(event) => set('low', event.target.value)}
                />
                <span>–</span>
                <input
                  type="number"
                  step="any"
                  min="0"
                  name={`${type}-high`}
                  aria-label={`${type} high, SWU per year`}
                  value={range.high}
                  aria-invalid={errorAt(field) || undefined}
                  onChange={(event) => set('high', event.target.value)}
                />
              </span>
              {fallback && (
                <span className="hint">
                  default {fallback.low}–{fallback.high}
                </span>
              )}
              {info && (
                <details className="capacity-source">
                  <summary>source</summary>
                  <p>{info.source}</p>
                  <p className="muted">{info.note}</p>
                </details>
              )}
              <FieldError show={errorAt(field)} message={error?.message} />
            </div>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>Projection and goal</legend>
        {scalar('trendReports', 'Trend over the last', 'reports', '1')}
        {scalar('reinstallationMonths', 'Re-installing stored machines', 'months')}
        {scalar('goalMonths', 'Breakout goal', 'months')}
        <p className="muted small" id="growth-hint">
          Advanced machines added each month after the last IAEA count, enriching in the projection and stored
          after a return (default none: every plant keeps its latest count).
        </p>
        {Object.entries(values.advancedMachineGrowth).map(([type, perMonth]) => {
          const field = `advancedMachineGrowth.${type}`;
          const id = `assumption-growth-${type}`;
          return (
            <Row
              key={type}
              id={id}
              label={`${type} added`}
              unit="per month"
              changed={perMonth.trim() !== (defaults.advancedMachineGrowth[type] ?? '0')}
              hint="default 0"
              error={<FieldError show={errorAt(field)} message={error?.message} />}
            >
              <input
                id={id}
                type="number"
                min="0"
                step="any"
                name={`growth-${type}`}
                aria-describedby="growth-hint"
                value={perMonth}
                aria-invalid={errorAt(field) || undefined}
                onChange={(event) =>
                  onChange({
                    ...values,
                    advancedMachineGrowth: { ...values.advancedMachineGrowth, [type]: event.target.value },
                  })
                }
              />
            </Row>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>Monte Carlo</legend>
        {scalar('seed', 'Seed', '', '1')}
        {scalar('samples', 'Samples', '', '1')}
      </fieldset>

      {error && !matched && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Recomputing…' : 'Recompute'}
        </button>
        <button type="button" onClick={onReset} disabled={pending}>
          Reset to defaults
        </button>
      </div>
    </form>
  );
}
