import type { ConflictSourceJson } from '@lockstep/contract';

/** A statement's source: the public words, quoted, and the report that carries them. */
export function SourceQuote({ source, compact }: { source: ConflictSourceJson; compact?: boolean }) {
  return (
    <figure className={`source-quote${compact ? ' compact' : ''}`}>
      <blockquote>“{source.quote}”</blockquote>
      <figcaption className="small muted">{source.report}</figcaption>
    </figure>
  );
}
