import type {
  ConflictAnalysisResult,
  ConflictChainRule,
  ConflictFileJson,
  ShippedConflictSummary,
  StabilityDefinitionName,
} from '@lockstep/contract';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../use-api.ts';
import {
  analyseConflict,
  fetchRedLineScenario,
  fetchShippedConflict,
  fetchShippedConflicts,
} from './conflict-api.ts';
import { definitions, equilibriaChanges } from './conflict-view.ts';
import { PreferencesPanel } from './preferences-panel.tsx';
import { StateExplanation } from './state-explanation.tsx';
import { StateGraph } from './state-graph.tsx';
import { StatusQuoPaths } from './status-quo-paths.tsx';
import { Tableau } from './tableau.tsx';
import './conflict.css';

/** An analysis and how long the round trip took, in milliseconds. */
interface Analysed {
  readonly result: ConflictAnalysisResult;
  readonly ms: number;
  /** The edit count it answers. */
  readonly version: number;
}

/**
 * Analyses `file` whenever it changes (every edit, at once), cancelling a request an edit overtook; the last
 * answer stays shown while the next is on its way.
 */
function useAnalysis(file: ConflictFileJson, chain: ConflictChainRule, version: number) {
  const [analysed, setAnalysed] = useState<Analysed | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    const started = performance.now();
    analyseConflict(file, chain, controller.signal).then(
      (result) => {
        setAnalysed({ result, ms: performance.now() - started, version });
        setError(undefined);
      },
      (failure: Error) => {
        if (failure.name !== 'AbortError') setError(failure.message);
      },
    );
    return () => controller.abort();
  }, [file, chain, version]);
  return { analysed, error };
}

/** The stated red lines by id, with their words, for the options that refer to them. */
function useRedLines(): ReadonlyMap<string, string> {
  const scenario = useApi((signal) => fetchRedLineScenario(signal), 'red-lines');
  return useMemo(() => {
    if (scenario.status !== 'ready') return new Map();
    const lines = (scenario.data.scenario.redLines ?? []) as readonly { id: string; text?: string }[];
    return new Map(lines.map((line) => [line.id, line.text ?? line.id]));
  }, [scenario]);
}

/** One model being worked on: its analysis, re-run at every edit of a preference. */
function ConflictWorkspace({
  summary,
  original,
}: {
  summary: ShippedConflictSummary;
  original: ConflictFileJson;
}) {
  const [file, setFile] = useState(original);
  const [edits, setEdits] = useState<string[]>([]);
  const [chain, setChain] = useState<ConflictChainRule>('standard');
  const [definition, setDefinition] = useState<StabilityDefinitionName>('seq');
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const { analysed, error } = useAnalysis(file, chain, edits.length);
  // The model as shipped, under the same rule: what the edits are compared with.
  const baseline = useApi(
    (signal) => analyseConflict(original, chain, signal),
    `baseline:${summary.id}:${chain}`,
  );
  const redLines = useRedLines();
  const analysis = analysed?.result;
  useEffect(() => {
    if (selected === undefined && analysis?.statusQuo !== undefined) setSelected(analysis.statusQuo);
  }, [analysis, selected]);

  const edit = (next: ConflictFileJson, what: string) => {
    if (next === file) return;
    setFile(next);
    setEdits((before) => [...before, what]);
  };
  const changes =
    analysis && baseline.status === 'ready' && edits.length > 0
      ? equilibriaChanges(baseline.data.equilibria, analysis.equilibria)
      : [];

  return (
    <>
      <div className="conflict-controls panel">
        <label>
          <span className="field-label">Coalition rule</span>
          <select name="chain" value={chain} onChange={(e) => setChain(e.target.value as ConflictChainRule)}>
            <option value="standard">standard (no side moves twice in a row)</option>
            <option value="gmcr-plus">GMCR+ (each opponent moves once)</option>
          </select>
        </label>
        <label>
          <span className="field-label">Definition shown</span>
          <select
            name="definition"
            value={definition}
            onChange={(e) => setDefinition(e.target.value as StabilityDefinitionName)}
          >
            {definitions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}: {d.long}
              </option>
            ))}
          </select>
        </label>
        <p className="status-line small" data-testid="analysis-status">
          {analysed
            ? `${analysed.result.states.length} states analysed in ${Math.round(analysed.ms)} ms`
            : 'Analysing…'}
          {edits.length > 0 && (
            <>
              {' · '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setFile(original);
                  setEdits([]);
                }}
              >
                undo all edits
              </button>
            </>
          )}
        </p>
      </div>
      {error && (
        <p role="alert" className="error" data-testid="analysis-error">
          {error}
        </p>
      )}
      {edits.length > 0 && (
        <div className="what-if" data-testid="conflict-what-if">
          <strong>What if:</strong> {edits.join('; ')}.{' '}
          {changes.length > 0 ? (
            <span data-testid="equilibria-changes">Against the model as shipped: {changes.join('. ')}.</span>
          ) : (
            <span data-testid="equilibria-changes">
              The equilibria are the same as in the model as shipped.
            </span>
          )}
        </div>
      )}
      {analysis && (
        <>
          <section className="panel" aria-labelledby="equilibria-heading">
            <h2 id="equilibria-heading">Which outcomes are stable</h2>
            <ul className="sentences" data-testid="analysis-sentences">
              {analysis.sentences.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
            {analysis.conflict.notAnalysed.length > 0 && (
              <p className="small muted">Read but not analysed: {analysis.conflict.notAnalysed.join(' ')}</p>
            )}
          </section>
          <section aria-labelledby="tableau-heading">
            <h2 id="tableau-heading">Tableau</h2>
            <p className="small muted">
              Options as rows by side, the {analysis.states.length} feasible states as columns (GMCR+
              numbering); ● marks an equilibrium, s a state stable for that side. Click a state to see why.
            </p>
            <Tableau
              analysis={analysis}
              definition={definition}
              selected={selected}
              onSelect={setSelected}
              redLines={redLines}
            />
          </section>
          <div className="conflict-layout">
            <section aria-labelledby="graph-heading" className="conflict-graph-section">
              <h2 id="graph-heading">States and moves</h2>
              <StateGraph
                analysis={analysis}
                definition={definition}
                selected={selected}
                onSelect={setSelected}
              />
              {analysis.statusQuoPaths && (
                <StatusQuoPaths analysis={analysis} paths={analysis.statusQuoPaths} />
              )}
            </section>
            <aside className="conflict-aside">
              {selected !== undefined ? (
                <StateExplanation file={file} state={selected} chain={chain} version={edits.length} />
              ) : (
                <p className="muted">
                  Click a state in the tableau or the graph to see why it is or is not stable.
                </p>
              )}
            </aside>
          </div>
          <section aria-labelledby="preferences-heading">
            <h2 id="preferences-heading">Preferences</h2>
            <p className="small muted">
              Reorder a side’s statements or move a state in its ranking: the analysis runs again at once.
            </p>
            <PreferencesPanel
              analysis={analysis}
              file={file}
              onEdit={edit}
              onSelect={setSelected}
              selected={selected}
            />
          </section>
          <p className="small muted">Model: {summary.file}</p>
        </>
      )}
    </>
  );
}

/**
 * The Conflict work area (GMCR): a shipped conflict model's tableau, equilibria under Nash, GMR, SMR and SEQ,
 * each side's ranking and statements with their sources, the graph of states and moves with the status quo's
 * paths, a state's stability explained on click, and preferences that can be edited, re-analysed at once.
 */
export function ConflictPage() {
  const [search, setSearch] = useSearchParams();
  const list = useApi(fetchShippedConflicts, 'conflicts');
  const conflicts = list.status === 'ready' ? list.data.conflicts : [];
  const valid = conflicts.filter((c) => c.problem === undefined);
  const chosen = search.get('model') ?? valid.find((c) => c.id === 'jcpoa-2021')?.id ?? valid[0]?.id;
  const model = useApi(
    (signal) => (chosen ? fetchShippedConflict(chosen, signal) : Promise.reject(new Error('no model'))),
    `conflict:${chosen ?? ''}`,
  );

  return (
    <section className="conflict">
      <header className="conflict-head">
        <div>
          <h1>Conflict</h1>
          <p className="lede">
            Why neither side moves first: which outcomes are stable for whom and why, how the standoff can
            evolve from the status quo, and which change in a side’s position would shift it (Graph Model for
            Conflict Resolution).
          </p>
        </div>
        {conflicts.length > 0 && (
          <label className="conflict-model">
            <span className="field-label">Model</span>
            <select name="model" value={chosen ?? ''} onChange={(e) => setSearch({ model: e.target.value })}>
              {conflicts.map((c) => (
                <option key={c.id} value={c.id} disabled={c.problem !== undefined}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {list.status === 'error' && <p className="error">{list.message}</p>}
      {list.status === 'ready' && conflicts.length === 0 && (
        <p className="muted">No conflict model is shipped in conflicts/.</p>
      )}
      {model.status === 'error' && chosen && <p className="error">{model.message}</p>}
      {model.status === 'ready' && (
        <>
          <h2 className="conflict-title">{model.data.model.title}</h2>
          {model.data.model.description && <p className="lede">{model.data.model.description}</p>}
          <ConflictWorkspace
            key={model.data.summary.id}
            summary={model.data.summary}
            original={model.data.model}
          />
        </>
      )}
    </section>
  );
}
