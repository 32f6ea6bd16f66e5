import type { GapResult } from '@lockstep/contract';
import { Link } from 'react-router-dom';
import { formatNumber } from '../nuclear/format.ts';
import { type Classification, entityPath } from './categories.ts';
import { CategoryChip } from './category-chip.tsx';
import { positionLabel, useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

function Side({ item }: { item: Classification | null }) {
  if (!item) return <span className="muted">not classified</span>;
  return (
    <div className="gap-side">
      <CategoryChip category={item.category} uncertain={item.uncertain} />{' '}
      <code className="rule-code">{item.rule}</code>
      <div className="small">{item.reason}</div>
      {item.evidence.length > 0 && (
        <details className="why">
          <summary>Evidence ({item.evidence.length})</summary>
          <ul className="evidence">
            {item.evidence.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function movesText(moves: Record<string, number>): string {
  return Object.entries(moves)
    .map(([move, count]) => `${formatNumber(count)} ${move.replace('->', '→')}`)
    .join(', ');
}

/** The gap between two positions: which designations move category, by program, and the first of them. */
export function GapView({ gap, snapshot }: { gap: GapResult; snapshot: string | undefined }) {
  const vocabulary = useSanctionsVocabulary();
  const first = positionLabel(vocabulary, gap.first);
  const second = positionLabel(vocabulary, gap.second);
  return (
    <section className="panel gap" aria-labelledby="gap-heading" data-testid="gap">
      <div className="panel-head">
        <h2 id="gap-heading">
          The gap: {first} against {second}
        </h2>
        <p className="muted small">
          {formatNumber(gap.designations)} designations classified differently ({gap.snapshot.dataset})
        </p>
      </div>
      <dl className="facts">
        {Object.entries(gap.moves).map(([move, count]) => (
          <div key={move}>
            <dt>{move.replace('->', '→')}</dt>
            <dd className="num-big">{formatNumber(count)}</dd>
          </div>
        ))}
        <div>
          <dt>Parties relieved only by {first}</dt>
          <dd className="num-big">{formatNumber(gap.relievedOnlyByFirst)}</dd>
        </div>
        <div>
          <dt>Parties relieved only by {second}</dt>
          <dd className="num-big">{formatNumber(gap.relievedOnlyBySecond)}</dd>
        </div>
      </dl>
      <p className="muted small">
        A move reads “category under {first} → category under {second}”.
      </p>
      <div className="two-col">
        <div>
          <h3>By program</h3>
          <div className="table-scroll">
            <table className="grid compact" aria-label="Gap by program">
              <thead>
                <tr>
                  <th>Program</th>
                  <th>Basis</th>
                  <th className="num">Designations</th>
                  <th>Moves</th>
                </tr>
              </thead>
              <tbody>
                {gap.byProgram.map((row) => (
                  <tr key={row.program}>
                    <td>
                      <code>{row.program}</code>
                    </td>
                    <td>{row.basis}</td>
                    <td className="num">{formatNumber(row.designations)}</td>
                    <td className="small">{movesText(row.moves)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <h3>
            The first {formatNumber(gap.items.length)} of {formatNumber(gap.designations)} designations
          </h3>
          <div className="table-scroll gap-items">
            <table className="grid compact" aria-label="Designations classified differently">
              <thead>
                <tr>
                  <th>Designation</th>
                  <th>{first}</th>
                  <th>{second}</th>
                </tr>
              </thead>
              <tbody>
                {gap.items.map((item) => (
                  <tr key={`${item.entryNumber}-${item.program}`}>
                    <td>
                      <Link to={entityPath(item.entryNumber, item.name, snapshot)}>{item.name}</Link>
                      <div className="muted small">
                        #{item.entryNumber} · <code>{item.program}</code>
                      </div>
                    </td>
                    <td>
                      <Side item={item.first} />
                    </td>
                    <td>
                      <Side item={item.second} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
