import type { HistoryResult } from '@lockstep/contract';
import type { EntityMatch } from './categories.ts';
import { ClassificationList } from './classification-list.tsx';
import { EntityTimeline } from './entity-timeline.tsx';
import { positionLabel, useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

/** Re-listing links that join this party's lineage, with the evidence for each. */
function Lineage({ match, history }: { match: EntityMatch; history: HistoryResult | undefined }) {
  const earlier = match.lineage.filter((n) => n !== match.entryNumber);
  if (earlier.length === 0)
    return (
      <p className="muted small">No earlier entry number: the party was never re-listed under a new one.</p>
    );
  const numbers = new Set(match.lineage);
  const links = (history?.relistingLinks ?? []).filter((l) => numbers.has(l.from) && numbers.has(l.to));
  return (
    <div>
      <p>
        Earlier entry numbers: {earlier.map((n) => `#${n}`).join(', ')} → #{match.entryNumber}
      </p>
      {links.map((link) => (
        <div key={`${link.from}-${link.to}`} className="small">
          #{link.from} → #{link.to}, confidence {link.confidence.toFixed(2)}:
          <ul className="evidence">
            {link.evidence.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
      {!history && <p className="muted small">Loading the re-listing evidence…</p>}
    </div>
  );
}

/** One party: programs, layering, lineage, designations with their dating, timeline, and each position's view. */
export function EntityDetails({
  match,
  history,
}: {
  match: EntityMatch;
  history: HistoryResult | undefined;
}) {
  const vocabulary = useSanctionsVocabulary();
  return (
    <div className="entity-details" data-testid="entity-details">
      <section className="panel" aria-labelledby="entity-heading">
        <div className="panel-head">
          <h2 id="entity-heading">
            {match.name} <span className="muted small">#{match.entryNumber}</span>
          </h2>
          <p className="muted small">
            {match.type} · {match.list}
          </p>
        </div>
        <dl className="facts">
          <div>
            <dt>Programs now</dt>
            <dd>
              {match.programs.map((p) => (
                <code key={p} className="chip">
                  {p}
                </code>
              ))}
            </dd>
          </div>
          <div>
            <dt>Layered</dt>
            <dd>
              {match.layered ? (
                <span className="flag flag-layered">
                  layered: non-nuclear labels on a nuclear designation
                </span>
              ) : (
                'no'
              )}
            </dd>
          </div>
          {match.positions.map((p) => (
            <div key={p.position}>
              <dt>Under {positionLabel(vocabulary, p.position)}</dt>
              <dd>
                <span className={`relief relief-${p.relieved ? 'relieved' : 'none'}`}>
                  {p.relieved ? 'relieved' : 'not relieved'}
                </span>
              </dd>
            </div>
          ))}
        </dl>
        <h3>Lineage</h3>
        <Lineage match={match} history={history} />
        <div className="two-col">
          <div>
            <h3>Designations and when they were imposed</h3>
            <table className="grid compact" aria-label="Designations">
              <thead>
                <tr>
                  <th>Program</th>
                  <th>Imposed</th>
                </tr>
              </thead>
              <tbody>
                {match.designations.map((d) => (
                  <tr key={d.program}>
                    <td>
                      <code>{d.program}</code>
                    </td>
                    <td className="small">{d.imposed ?? <span className="unknown">not dated</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>Past designations</h3>
            {match.pastDesignations.length === 0 ? (
              <p className="muted small">None ended in the stored snapshots.</p>
            ) : (
              <table className="grid compact" aria-label="Past designations">
                <thead>
                  <tr>
                    <th>Program</th>
                    <th>Ended</th>
                    <th>How</th>
                  </tr>
                </thead>
                <tbody>
                  {match.pastDesignations.map((d) => (
                    <tr key={`${d.program}-${d.ended}`}>
                      <td>
                        <code>{d.program}</code>
                      </td>
                      <td className="small">{d.ended}</td>
                      <td className="small">{d.how}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      </section>
      <section className="panel" aria-labelledby="timeline-heading">
        <div className="panel-head">
          <h2 id="timeline-heading">Programs across the snapshots</h2>
        </div>
        <EntityTimeline match={match} />
      </section>
      <div className="position-grid">
        {match.positions.map((p) => (
          <section
            key={p.position}
            className="panel"
            aria-labelledby={`position-${p.position}`}
            data-testid={`entity-position-${p.position}`}
          >
            <div className="panel-head">
              <h2 id={`position-${p.position}`}>{positionLabel(vocabulary, p.position)}</h2>
              <span className={`relief relief-${p.relieved ? 'relieved' : 'none'}`}>
                {p.relieved ? 'relieved: every designation lifted' : 'not relieved'}
              </span>
            </div>
            <ClassificationList items={p.classifications} />
          </section>
        ))}
      </div>
    </div>
  );
}
