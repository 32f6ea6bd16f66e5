import type { SourceRow } from '@lockstep/contract';
import { Link } from 'react-router-dom';

/** `nuclear/iaea-enriched-uranium-stockpile.csv line 24`: the words a tooltip or caption cites a row by. */
export function sourceRowText(row: SourceRow): string {
  return `${row.file} line ${row.line}: ${row.source}${row.note ? ` (note: ${row.note})` : ''}`;
}

/**
 * Where a figure came from: the data file and line (linked to its dataset on the Data sources page), the
 * row's own source text and, when the row has one, its note.
 */
export function SourceLink({ row, compact = false }: { row: SourceRow; compact?: boolean }) {
  return (
    <span className="source-link">
      <Link to={`/data#${row.dataset}`} title={`data/${row.file}, line ${row.line} (dataset ${row.dataset})`}>
        <code>
          {row.file.split('/').pop()} line {row.line}
        </code>
      </Link>
      {!compact && <span className="source-text"> {row.source}</span>}
      {!compact && row.note && <span className="source-note"> Note: {row.note}</span>}
    </span>
  );
}

/** Several rows, one per line, without repeating a row. */
export function SourceList({ rows, compact = false }: { rows: readonly SourceRow[]; compact?: boolean }) {
  const seen = new Set<string>();
  const unique = rows.filter((row) => {
    const key = `${row.dataset}:${row.file}:${row.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return <span className="muted">no row in the data</span>;
  return (
    <ul className="source-list">
      {unique.map((row) => (
        <li key={`${row.dataset}:${row.file}:${row.line}`}>
          <SourceLink row={row} compact={compact} />
        </li>
      ))}
    </ul>
  );
}
