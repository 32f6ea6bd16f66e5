import { Link } from 'react-router-dom';
import { type EntityMatch, entityPath } from './categories.ts';

/** Search results: each match's score and why it matched, line by line. */
export function EntityMatches({
  matches,
  snapshot,
  current,
}: {
  matches: readonly EntityMatch[];
  snapshot: string | undefined;
  current?: number;
}) {
  if (matches.length === 0) return <p className="muted">No party on the list matches that name.</p>;
  return (
    <ul className="matches" data-testid="matches">
      {matches.map((match) => (
        <li key={match.entryNumber} className={match.entryNumber === current ? 'current' : undefined}>
          <div className="match-head">
            <Link to={entityPath(match.entryNumber, match.name, snapshot)} className="strong">
              {match.name}
            </Link>
            <span className="muted small">
              #{match.entryNumber} · {match.type} · {match.list}
            </span>
            <span className="score" title="Share of the query found, weighted by closeness">
              score {match.score.toFixed(2)}
            </span>
            {match.layered && <span className="flag flag-layered">layered</span>}
          </div>
          <div className="small">
            Matched the {match.matchedAs}
            {match.aliasType ? ` (${match.aliasType})` : ''} “{match.matchedName}”; programs{' '}
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
        </li>
      ))}
    </ul>
  );
}
