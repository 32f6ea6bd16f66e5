import './sanctions.css';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { fetchClassification, fetchSanctionsEntity, fetchSanctionsHistory } from '../../api.ts';
import { useApi } from '../../use-api.ts';
import { snapshotSearch } from './categories.ts';
import { EntityDetails } from './entity-details.tsx';
import { EntityMatches } from './entity-matches.tsx';
import { EntitySearch } from './entity-search.tsx';
import { useSanctionsVocabulary, WithSanctionsVocabulary } from './sanctions-vocabulary.tsx';

/** The name to look a party up by: the one in the address, or its name in the register of `position`. */
async function nameOf(
  entryNumber: number,
  given: string | undefined,
  position: string,
  snapshot: string | undefined,
  signal: AbortSignal,
) {
  if (given) return given;
  const register = await fetchClassification({ position, snapshot, limit: 100000 }, signal);
  const found = register.entities.find((e) => e.entryNumber === entryNumber);
  if (!found) throw new Error(`entry ${entryNumber} is not an Iran-related party on this list`);
  return found.name;
}

/**
 * The entity view: `/sanctions/entity?q=NAME` lists the matches of a name search; `/sanctions/entity/N`
 * shows party N in full. Position labels and defaults come from the server (`GET /api/sanctions/positions`).
 */
export function EntityPage() {
  return (
    <WithSanctionsVocabulary>
      <EntityView />
    </WithSanctionsVocabulary>
  );
}

function EntityView() {
  const { defaults } = useSanctionsVocabulary();
  const { entryNumber: entryText } = useParams();
  const [params] = useSearchParams();
  const snapshot = params.get('snapshot') ?? undefined;
  const q = params.get('q') ?? undefined;
  const givenName = params.get('name') ?? undefined;
  const entryNumber = entryText === undefined ? undefined : Number(entryText);

  const search = useApi(async (signal) => {
    if (entryNumber !== undefined) {
      const name = await nameOf(entryNumber, givenName, defaults.register, snapshot, signal);
      return fetchSanctionsEntity({ q: name, snapshot }, signal);
    }
    if (q) return fetchSanctionsEntity({ q, snapshot }, signal);
    return undefined;
  }, `${entryNumber}:${givenName}:${q}:${snapshot}`);
  const history = useApi((signal) => fetchSanctionsHistory(signal), 'history');

  const result = search.status === 'ready' ? search.data : undefined;
  const match =
    entryNumber === undefined ? undefined : result?.matches.find((m) => m.entryNumber === entryNumber);

  return (
    <section className="sanctions">
      <header className="sanctions-head">
        <p className="small">
          <Link to={`/sanctions${snapshotSearch(snapshot)}`}>← Sanctions</Link>
        </p>
        <h1>{match ? match.name : 'Find a party'}</h1>
        <EntitySearch initial={q ?? ''} snapshot={snapshot} />
        {result && (
          <p className="muted small">
            Searched {result.snapshot.dataset} (list of {result.snapshot.date})
            {q ? ` for “${result.query}”` : ''}.
          </p>
        )}
      </header>
      <div className="sanctions-main">
        {search.status === 'loading' && <p role="status">Looking the party up…</p>}
        {search.status === 'error' && (
          <p role="alert" className="error">
            The party could not be looked up: {search.message}.
          </p>
        )}
        {result && entryNumber === undefined && (
          <section className="panel" aria-labelledby="matches-heading">
            <div className="panel-head">
              <h2 id="matches-heading">Matches</h2>
              <p className="muted small">
                {result.matches.length} at or above the floor of {result.minScore}
              </p>
            </div>
            <EntityMatches matches={result.matches} snapshot={snapshot} floor={result.minScore} />
          </section>
        )}
        {result && entryNumber !== undefined && !match && (
          <p role="alert" className="error">
            Entry {entryNumber} is not among the matches for its name on {result.snapshot.dataset}.
          </p>
        )}
        {match && (
          <>
            <EntityDetails match={match} history={history.status === 'ready' ? history.data : undefined} />
            {result && result.matches.length > 1 && (
              <details className="panel">
                <summary>Other parties with a similar name ({result.matches.length - 1})</summary>
                <EntityMatches
                  matches={result.matches.filter((m) => m.entryNumber !== entryNumber)}
                  snapshot={snapshot}
                />
              </details>
            )}
            <details className="panel">
              <summary>Why this party matched its name</summary>
              <EntityMatches matches={[match]} snapshot={snapshot} current={match.entryNumber} />
            </details>
          </>
        )}
      </div>
    </section>
  );
}
