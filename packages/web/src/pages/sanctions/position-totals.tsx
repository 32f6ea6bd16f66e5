import type { ClassifyResult } from '@lockstep/contract';
import { formatNumber } from '../nuclear/format.ts';
import { CategoryChart } from './category-chart.tsx';
import { CategoryChip } from './category-chip.tsx';
import { useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

type Totals = ClassifyResult['totals'] & {
  entitiesPartlyRelieved?: number;
  uncertain?: number;
  unknownPrograms?: readonly string[];
};
type Position = ClassifyResult['position'] & {
  name?: string;
  holder?: string;
  date?: string;
  description?: string;
  sources?: readonly string[];
};

function PositionCard({ result }: { result: ClassifyResult }) {
  const totals = result.totals as Totals;
  const position = result.position as Position;
  const { categories } = useSanctionsVocabulary();
  return (
    <article className="position-card" data-testid={`totals-${position.id}`}>
      <h3>
        {position.name} <code className="muted small">{position.id}</code>
      </h3>
      <p className="muted small">
        Held by {position.holder ?? 'unknown'}
        {position.date && (
          <>
            , stated <time dateTime={position.date}>{position.date}</time>
          </>
        )}
        . Applied to {formatNumber(totals.entities)} Iran-related parties and{' '}
        {formatNumber(totals.designations)} designations.
      </p>
      <ul className="category-totals">
        {categories.map((category) => (
          <li key={category.id} data-testid={`total-${category.id}`}>
            <CategoryChip category={category.id} />
            <strong>{formatNumber(totals.byCategory[category.id])}</strong>
            <span className="muted small">{category.label}</span>
          </li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>Parties effectively relieved</dt>
          <dd data-testid="relieved">{formatNumber(totals.entitiesRelieved)}</dd>
        </div>
        <div>
          <dt>Partly relieved</dt>
          <dd>{formatNumber(totals.entitiesPartlyRelieved)}</dd>
        </div>
        <div>
          <dt>Layered parties</dt>
          <dd>{formatNumber(totals.layeredEntities)}</dd>
        </div>
        <div>
          <dt>Layered, left sanctioned</dt>
          <dd>{formatNumber(totals.layeredLeftSanctioned)}</dd>
        </div>
        <div>
          <dt>Uncertain classifications</dt>
          <dd>{formatNumber(totals.uncertain)}</dd>
        </div>
      </dl>
      {totals.unknownPrograms && totals.unknownPrograms.length > 0 && (
        <p className="chart-notes">Programs no rule knows: {totals.unknownPrograms.join(', ')}.</p>
      )}
      {position.description && <p className="position-description">{position.description}</p>}
      {position.sources && position.sources.length > 0 && (
        <>
          <span className="label">Sources</span>
          <ul className="position-sources">
            {position.sources.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/** Each position's totals side by side: designations per category and the parties each actually relieves. */
export function PositionTotals({ results }: { results: readonly ClassifyResult[] }) {
  const snapshot = results[0]?.snapshot;
  return (
    <section className="panel" aria-labelledby="totals-heading">
      <div className="panel-head">
        <h2 id="totals-heading">Category totals per position</h2>
        {snapshot && (
          <p className="muted small">
            {snapshot.dataset}, list of {snapshot.date}
          </p>
        )}
      </div>
      <CategoryChart results={results} />
      <div className="position-grid">
        {results.map((result) => (
          <PositionCard key={result.position.id} result={result} />
        ))}
      </div>
      <p className="muted small">
        A party is effectively relieved only when every one of its designations is lifted; a layered party (a
        non-nuclear label added after the 2018 withdrawal to a nuclear designation) keeps its sanctions when
        only the nuclear designation goes.
      </p>
    </section>
  );
}
