import type { ClassifyResult } from '@lockstep/contract';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatNumber } from '../nuclear/format.ts';
import { entityPath, type RegisterEntity } from './categories.ts';
import { CategoryChip } from './category-chip.tsx';
import { ClassificationList } from './classification-list.tsx';
import { applyFilters, noFilters, optionsOf, type RegisterFilters, reliefOf } from './register-filters.ts';
import { useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

const pageSize = 50;

const reliefText = { relieved: 'relieved', partly: 'partly relieved', none: 'not relieved' } as const;

function RegisterRow({ entity, snapshot }: { entity: RegisterEntity; snapshot: string | undefined }) {
  const navigate = useNavigate();
  const path = entityPath(entity.entryNumber, entity.name, snapshot);
  const relief = reliefOf(entity);
  return (
    <tr
      data-testid={`party-${entity.entryNumber}`}
      className="clickable"
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a, details, button')) return;
        navigate(path);
      }}
    >
      <td className="num">{entity.entryNumber}</td>
      <td>
        <Link to={path} className="strong">
          {entity.name}
        </Link>
        <div className="muted small">{entity.type}</div>
      </td>
      <td className="designations">
        {entity.classifications.map((c) => (
          <div key={c.program} className="designation-line">
            <CategoryChip category={c.category} program={c.program} uncertain={c.uncertain} />
            <code className="rule-code">{c.rule}</code>
          </div>
        ))}
        <details className="why">
          <summary>Reasons and evidence</summary>
          <ClassificationList items={entity.classifications} />
        </details>
      </td>
      <td>
        {entity.layered ? (
          <span className="flag flag-layered">layered</span>
        ) : (
          <span className="muted">no</span>
        )}
      </td>
      <td>
        <span className={`relief relief-${relief}`}>{reliefText[relief]}</span>
      </td>
      <td>
        {entity.blockedBy.length === 0 ? (
          <span className="muted">nothing</span>
        ) : (
          entity.blockedBy.map((program) => (
            <code key={program} className="chip">
              {program}
            </code>
          ))
        )}
      </td>
    </tr>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      <span className="field-label">{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The register: every Iran-related party under the chosen position, filtered by program, basis, category,
 * layering, relief and name, 50 a page, each with its designations' categories and the rules that decided them.
 */
export function RegisterTable({
  result,
  position,
  onPosition,
  snapshot,
}: {
  result: ClassifyResult | undefined;
  position: string;
  onPosition: (position: string) => void;
  snapshot: string | undefined;
}) {
  const vocabulary = useSanctionsVocabulary();
  const [filters, setFilters] = useState<RegisterFilters>(noFilters);
  const [page, setPage] = useState(0);
  const entities = result?.entities ?? [];
  const options = useMemo(() => optionsOf(entities), [entities]);
  const shown = useMemo(() => applyFilters(entities, filters), [entities, filters]);
  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * pageSize, (current + 1) * pageSize);
  const set = (change: Partial<RegisterFilters>) => {
    setFilters((previous) => ({ ...previous, ...change }));
    setPage(0);
  };
  const filtered = Object.values(filters).some((value) => value !== '');

  return (
    <section className="panel" aria-labelledby="register-heading" data-testid="register">
      <div className="panel-head">
        <h2 id="register-heading">Register</h2>
        <p className="muted small" data-testid="register-count" aria-live="polite">
          {result
            ? `${formatNumber(shown.length)} of ${formatNumber(entities.length)} parties${filtered ? ' match the filters' : ''}`
            : 'Classifying every party…'}
        </p>
      </div>
      <form className="filters" aria-label="Register filters" onSubmit={(event) => event.preventDefault()}>
        <Select
          label="Position"
          value={position}
          options={vocabulary.positions.map((p) => [p.id, p.label] as const)}
          onChange={onPosition}
        />
        <Select
          label="Program"
          value={filters.program}
          options={[['', 'any'], ...options.programs.map((p) => [p, p] as const)]}
          onChange={(program) => set({ program })}
        />
        <Select
          label="Basis"
          value={filters.basis}
          options={[['', 'any'], ...options.bases.map((b) => [b, b] as const)]}
          onChange={(basis) => set({ basis })}
        />
        <Select
          label={filters.program ? `${filters.program} category` : 'Category (any designation)'}
          value={filters.category}
          options={[['', 'any'], ...vocabulary.categories.map((c) => [c.id, c.id] as const)]}
          onChange={(category) => set({ category: category as RegisterFilters['category'] })}
        />
        <Select
          label="Layered"
          value={filters.layered}
          options={[
            ['', 'any'],
            ['yes', 'yes'],
            ['no', 'no'],
          ]}
          onChange={(layered) => set({ layered: layered as RegisterFilters['layered'] })}
        />
        <Select
          label="Relief"
          value={filters.relief}
          options={[
            ['', 'any'],
            ['relieved', 'relieved'],
            ['partly', 'partly relieved'],
            ['none', 'not relieved'],
          ]}
          onChange={(relief) => set({ relief: relief as RegisterFilters['relief'] })}
        />
        <label className="name-filter">
          <span className="field-label">Name or entry number</span>
          <input
            type="search"
            value={filters.name}
            placeholder="e.g. bank markazi"
            onChange={(event) => set({ name: event.target.value })}
          />
        </label>
        {filtered && (
          <button type="button" className="link" onClick={() => set(noFilters)}>
            Clear filters
          </button>
        )}
      </form>
      {result && (
        <>
          <div className="table-scroll">
            <table className="grid register-table" aria-label="Parties and their designations">
              <thead>
                <tr>
                  <th className="num">Entry</th>
                  <th>Name and type</th>
                  <th>Designations: category and deciding rule</th>
                  <th>Layered</th>
                  <th>Relief</th>
                  <th>Blocked by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entity) => (
                  <RegisterRow key={entity.entryNumber} entity={entity} snapshot={snapshot} />
                ))}
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      No party matches these filters.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Register pages">
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              ← Previous
            </button>
            <span>
              Page {current + 1} of {pages}
              {shown.length > 0 &&
                ` (parties ${formatNumber(current * pageSize + 1)}–${formatNumber(current * pageSize + rows.length)})`}
            </span>
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Next →
            </button>
          </nav>
        </>
      )}
      <p className="muted small">
        Relief is per party: “relieved” when all its designations are lifted, “partly” when some are. “Blocked
        by” lists the programs whose designations stay. A “?” marks a classification the dating leaves
        uncertain.
      </p>
    </section>
  );
}
