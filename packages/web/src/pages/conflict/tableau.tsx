import type {
  ConflictAnalysisResult,
  ConflictOptionView,
  ConflictReferenceJson,
  StabilityDefinitionName,
} from '@lockstep/contract';
import { Link } from 'react-router-dom';
import { definitions, dmColour } from './conflict-view.ts';
import { SourceQuote } from './source-quote.tsx';

const reversibilityNote: Record<ConflictOptionView['reversibility'], string | undefined> = {
  both: undefined,
  fwd: 'once taken, cannot be withdrawn',
  back: 'can only be withdrawn',
};

/** What a reference's link leads to and says. */
function referenceLink(reference: ConflictReferenceJson, redLines: ReadonlyMap<string, string>) {
  switch (reference.kind) {
    case 'red-line':
      return {
        to: '/sequencing?scenario=jcpoa-2021',
        label: `red line ${reference.id}`,
        title: redLines.get(reference.id) ?? 'a stated red line of the Sequencing area',
      };
    case 'nuclear-step':
      return {
        to: '/nuclear',
        label: `nuclear step ${reference.id}`,
        title: 'a step back to the JCPOA limits',
      };
    case 'sanctions-step':
      return { to: '/sanctions', label: `sanctions step ${reference.id}`, title: 'a sanctions step' };
  }
}

/** "2 red lines and 3 nuclear steps". */
function referenceCount(references: readonly ConflictReferenceJson[]): string {
  const words = {
    'red-line': 'red line',
    'nuclear-step': 'nuclear step',
    'sanctions-step': 'sanctions step',
  };
  const counts = (['red-line', 'nuclear-step', 'sanctions-step'] as const)
    .map((kind) => [kind, references.filter((r) => r.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${words[kind]}${n === 1 ? '' : 's'}`);
  return counts.join(', ');
}

/** The option's cell: its name, reversibility, what it refers to in the workbench and its source. */
function OptionCell({
  option,
  redLines,
}: {
  option: ConflictOptionView;
  redLines: ReadonlyMap<string, string>;
}) {
  const note = reversibilityNote[option.reversibility];
  return (
    <th scope="row" className="option-cell" data-testid={`option-${option.id}`}>
      <span className="option-name">{option.name}</span>
      {note && <span className="badge option-note">{note}</span>}
      {option.refersTo && option.refersTo.length > 0 && (
        <details className="option-refs">
          <summary className="small">refers to {referenceCount(option.refersTo)}</summary>
          {option.refersTo.map((reference) => {
            const link = referenceLink(reference, redLines);
            return (
              <Link
                key={`${reference.kind}:${reference.id}`}
                to={link.to}
                title={link.title}
                className="ref-link"
              >
                {link.label}
              </Link>
            );
          })}
        </details>
      )}
      {option.source && (
        <details className="option-source">
          <summary className="small">source</summary>
          <SourceQuote source={option.source} compact />
        </details>
      )}
    </th>
  );
}

/**
 * The tableau as GMCR+ draws it: options as rows grouped by side, states as columns of Y and N, then a row per
 * definition marking the equilibria, then each side's stable states under the chosen definition. A state's
 * column header selects it.
 */
export function Tableau({
  analysis,
  definition,
  selected,
  onSelect,
  redLines,
}: {
  analysis: ConflictAnalysisResult;
  definition: StabilityDefinitionName;
  selected: number | undefined;
  onSelect: (state: number) => void;
  redLines: ReadonlyMap<string, string>;
}) {
  const { states, options } = analysis;
  const chosen = definitions.find((d) => d.id === definition)!;
  const cellClass = (id: number) =>
    `${selected === id ? 'selected ' : ''}${analysis.statusQuo === id ? 'status-quo' : ''}`.trim() ||
    undefined;
  return (
    <div className="table-scroll">
      <table className="data-table tableau" data-testid="tableau">
        <thead>
          <tr>
            <th scope="col">Side</th>
            <th scope="col">Option</th>
            {states.map((state) => (
              <th key={state.id} scope="col" className={cellClass(state.id)}>
                <button
                  type="button"
                  className="state-button"
                  onClick={() => onSelect(state.id)}
                  aria-pressed={selected === state.id}
                  title={`state ${state.id} (decimal ${state.decimal})${analysis.statusQuo === state.id ? ': the status quo' : ''}`}
                >
                  {state.id}
                </button>
                {analysis.statusQuo === state.id && <span className="sq-mark">SQ</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {analysis.decisionMakers.map((dm, d) =>
            options
              .filter((option) => option.dm === dm.id)
              .map((option, k, owned) => (
                <tr key={option.id} className={k === owned.length - 1 ? 'dm-last' : undefined}>
                  {k === 0 && (
                    <th
                      scope="rowgroup"
                      rowSpan={owned.length}
                      className="dm-cell"
                      style={{ borderLeftColor: dmColour(d) }}
                    >
                      {dm.name}
                    </th>
                  )}
                  <OptionCell option={option} redLines={redLines} />
                  {states.map((state) => {
                    const taken = state.yn[option.bit] === 'Y';
                    return (
                      <td
                        key={state.id}
                        className={`yn ${taken ? 'yes' : 'no'} ${cellClass(state.id) ?? ''}`}
                      >
                        {taken ? 'Y' : 'N'}
                      </td>
                    );
                  })}
                </tr>
              )),
          )}
          {definitions.map(({ id, name, long }, i) => {
            const equilibria = new Set(analysis.equilibria[id]);
            return (
              <tr key={id} className={i === 0 ? 'section-start' : undefined} data-testid={`equilibria-${id}`}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={definitions.length} className="dm-cell">
                    Equilibria
                  </th>
                )}
                <th scope="row" title={long}>
                  {name}
                </th>
                {states.map((state) => (
                  <td key={state.id} className={`mark ${cellClass(state.id) ?? ''}`}>
                    {equilibria.has(state.id) ? (
                      <span className="eq-mark" title={`state ${state.id}: ${name} equilibrium`}>
                        ●
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {analysis.decisionMakers.map((dm, d) => {
            const stable = new Set(dm.stable[definition]);
            return (
              <tr key={dm.id} className={d === 0 ? 'section-start' : undefined}>
                {d === 0 && (
                  <th scope="rowgroup" rowSpan={analysis.decisionMakers.length} className="dm-cell">
                    Stable ({chosen.name})
                  </th>
                )}
                <th scope="row">{dm.name}</th>
                {states.map((state) => (
                  <td key={state.id} className={`mark ${cellClass(state.id) ?? ''}`}>
                    {stable.has(state.id) ? <span style={{ color: dmColour(d) }}>s</span> : ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
