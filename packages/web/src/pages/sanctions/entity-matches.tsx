import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type EntityMatch, entityPath } from './categories.ts';

/** The choices of a filter: each value with how many matches have it, most first. */
function counts(values: readonly string[]): [string, number][] {
  const byValue = new Map<string, number>();
  for (const value of values) byValue.set(value, (byValue.get(value) ?? 0) + 1);
  return [...byValue].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Search results as a ranked list: each match's score (a bar and the number), the name it matched and where
 * that name comes from, and why it matched, line by line; with filters by type and program when the
 * matches have more than one of either.
 */
export function EntityMatches({
  matches,
  snapshot,
  current,
  floor,
}: {
  matches: readonly EntityMatch[];
  snapshot: string | undefined;
  current?: number;
  /** The search's floor, for the answer with no candidate. */
  floor?: number;
}) {
  const [type, setType] = useState('');
  const [program, setProgram] = useState('');
  if (matches.length === 0)
    return (
      <p className="muted">
        No candidate scores at or above the floor{floor === undefined ? '' : ` of ${floor}`}: no name on the
        list, or carried to it from an older list, comes near enough.
      </p>
    );
  const types = counts(matches.map((m) => m.type));
  const programs = counts(matches.flatMap((m) => m.programs));
  const shown = matches.filter(
    (m) => (type === '' || m.type === type) && (program === '' || m.programs.includes(program)),
  );
  return (
    <>
      {matches.length > 1 && (types.length > 1 || programs.length > 1) && (
        <fieldset className="match-filters" aria-label="Filter the matches">
          <label>
            <span className="field-label">Type</span>
            <select value={type} onChange={(event) => setType(event.target.value)} name="type">
              <option value="">all types ({matches.length})</option>
              {types.map(([value, n]) => (
                <option key={value} value={value}>
                  {value} ({n})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="field-label">Program</span>
            <select value={program} onChange={(event) => setProgram(event.target.value)} name="program">
              <option value="">all programs</option>
              {programs.map(([value, n]) => (
                <option key={value} value={value}>
                  {value} ({n})
                </option>
              ))}
            </select>
          </label>
          {shown.length < matches.length && (
            <span className="muted small" role="status">
              {shown.length} of {matches.length} shown
            </span>
          )}
        </fieldset>
      )}
      {shown.length === 0 && <p className="muted">No match of that type and program.</p>}
      <ol className="matches" data-testid="matches">
        {shown.map((match, rank) => (
          <li key={match.entryNumber} className={match.entryNumber === current ? 'current' : undefined}>
            <span className="match-rank" aria-hidden="true">
              {rank + 1}
            </span>
            <div className="match-body">
              <div className="match-head">
                <Link to={entityPath(match.entryNumber, match.name, snapshot)} className="strong">
                  {match.name}
                </Link>
                <span className="muted small">
                  #{match.entryNumber} · {match.type} · {match.list}
                </span>
                {match.layered && <span className="flag flag-layered">layered</span>}
                <span
                  className="score"
                  title="Share of the query found, weighted by closeness (0 to 1)"
                  data-testid="score"
                >
                  <span className="score-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(match.score * 100)}%` }} />
                  </span>
                  {match.score.toFixed(2)}
                </span>
              </div>
              <div className="small">
                Matched “{match.matchedName}”{match.aliasType ? ` (${match.aliasType})` : ''}:{' '}
                <span className="name-source" data-testid="name-source">
                  {match.nameSource}
                </span>
                ; programs{' '}
                {match.programs.map((p) => (
                  <code key={p} className="chip">
                    {p}
                  </code>
                ))}
              </div>
              <ul className="why-lines small muted">
                {match.why.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
