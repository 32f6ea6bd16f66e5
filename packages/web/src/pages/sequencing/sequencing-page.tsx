import {
  planJobMaxTimeLimitSeconds,
  type ScenarioJson,
  type ShippedScenarioSummary,
} from '@lockstep/contract';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../use-api.ts';
import { ConflictAccount } from './conflict-account.tsx';
import { ExposureChart } from './exposure-chart.tsx';
import { GanttChart } from './gantt-chart.tsx';
import { MeasuresTable } from './measures-table.tsx';
import { JobProgress, PlanStatus } from './plan-status.tsx';
import { RedLinesPanel } from './red-lines-panel.tsx';
import {
  applyEdits,
  describeEdits,
  editableField,
  editedNumber,
  noEdits,
  type RedLineEdits,
  scenarioView,
} from './scenario-view.ts';
import { fetchShippedScenario, fetchShippedScenarios } from './sequencing-api.ts';
import { StructureEditor } from './structure-editor.tsx';
import { usePlanJob } from './use-plan-job.ts';
import './sequencing.css';

const preferred = ['jcpoa-2021', 'sample-small'];
const resolveDelayMs = 700;

function defaultScenario(list: readonly ShippedScenarioSummary[]): string | undefined {
  const valid = list.filter((s) => s.problem === undefined);
  return preferred.find((id) => valid.some((s) => s.id === id)) ?? valid[0]?.id;
}

/** `redLines[3].limit` in a server error, as the id of the red line submitted at that index. */
function redLineAt(field: string | undefined, submitted: ScenarioJson | undefined): string | undefined {
  const match = field?.match(/^body\.scenario\.redLines\[(\d+)\]/);
  if (!match || !submitted) return undefined;
  return scenarioView(submitted).redLines[Number(match[1])]?.id;
}

/**
 * One scenario being worked on: its red lines edited as a what-if, solved through the job API, and the
 * answer: status, checker verdict, Gantt chart, exposure curves, or the conflict account.
 */
function ScenarioWorkspace({
  summary,
  scenario,
}: {
  summary: ShippedScenarioSummary;
  scenario: ScenarioJson;
}) {
  const view = useMemo(() => scenarioView(scenario), [scenario]);
  const [edits, setEdits] = useState<RedLineEdits>(noEdits);
  const [timeLimit, setTimeLimit] = useState('30');
  const [auto, setAuto] = useState(true);
  const { current, answered, error, submit, cancel, reattached, gone } = usePlanJob(summary.id);
  const submitted = useRef<ScenarioJson | undefined>(undefined);

  const localProblems = useMemo(() => {
    const problems = new Map<string, string>();
    for (const r of view.redLines) {
      const text = edits.values[r.id];
      if (text !== undefined && editableField(r) && editedNumber(text) === undefined) {
        problems.set(r.id, 'Enter a number.');
      }
    }
    for (const [key, text] of Object.entries(edits.measures)) {
      if (editedNumber(text) === undefined) problems.set(key, 'Enter a number.');
    }
    return problems;
  }, [view, edits]);
  const limitSeconds = editedNumber(timeLimit);
  const limitProblem =
    limitSeconds === undefined || limitSeconds <= 0 || limitSeconds > planJobMaxTimeLimitSeconds
      ? `A time limit above 0 and at most ${planJobMaxTimeLimitSeconds} s.`
      : undefined;

  const solve = () => {
    if (localProblems.size > 0 || limitProblem || limitSeconds === undefined) return;
    const edited = applyEdits(scenario, edits);
    submitted.current = edited;
    submit(edited, limitSeconds, describeEdits(view, edits));
  };
  const solveRef = useRef(solve);
  solveRef.current = solve;

  // Solve once on opening, then again after each pause in editing while automatic re-solving is on.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: edits are what trigger a re-solve
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!reattached) solveRef.current();
      return;
    }
    if (!auto) return;
    const timer = setTimeout(() => solveRef.current(), resolveDelayMs);
    return () => clearTimeout(timer);
  }, [edits, auto]);

  const invalid = new Map(localProblems);
  const errorRedLine = redLineAt(error?.field, submitted.current);
  if (error && errorRedLine && !invalid.has(errorRedLine)) invalid.set(errorRedLine, error.message);

  const inProgress = current && current.job.finishedAt === undefined ? current.job : undefined;
  const shown = answered;
  const shownView = shown ? scenarioView(shown.scenario) : undefined;
  const result = shown?.job.result;
  const latestWithoutAnswer =
    current && current.job.finishedAt !== undefined && current !== answered ? current : undefined;
  const statusOf = latestWithoutAnswer ?? (inProgress ? undefined : answered);
  const edited = describeEdits(view, edits);

  return (
    <>
      <div className="seq-controls panel">
        <label>
          <span className="field-label">Time limit</span>
          <span className="field-input">
            <input
              name="timeLimitSeconds"
              type="number"
              min={1}
              max={planJobMaxTimeLimitSeconds}
              step="any"
              value={timeLimit}
              aria-invalid={limitProblem !== undefined}
              onChange={(event) => setTimeLimit(event.target.value)}
            />
            <span className="unit">s</span>
          </span>
        </label>
        <label className="check">
          <input type="checkbox" checked={auto} onChange={(event) => setAuto(event.target.checked)} />{' '}
          Re-solve after each edit
        </label>
        <button type="button" className="primary" onClick={solve} disabled={limitProblem !== undefined}>
          Solve
        </button>
        {edited.length > 0 && (
          <button type="button" className="link" onClick={() => setEdits(noEdits)}>
            Undo all edits
          </button>
        )}
        {limitProblem && <span className="field-error">{limitProblem}</span>}
      </div>

      {edited.length > 0 && (
        <p className="what-if" data-testid="what-if">
          What-if: {edited.join('; ')}.
        </p>
      )}
      {reattached && current?.job.id === reattached.id && inProgress && (
        <p className="muted small" data-testid="reattached">
          Following the solve this browser started before the page was reloaded.
        </p>
      )}
      {gone && (
        <p role="alert" className="error seq-error" data-testid="job-gone">
          The solve this browser left running is gone (it finished long ago, or the server restarted).{' '}
          <button type="button" className="link" onClick={solve}>
            Solve again
          </button>
        </p>
      )}
      {inProgress && <JobProgress job={inProgress} onCancel={cancel} />}
      {error && (
        <p role="alert" className="error seq-error" data-testid="solve-error">
          The solve was refused: {error.message}
          {error.field && (
            <>
              {' '}
              (field <code>{error.field}</code>)
            </>
          )}
        </p>
      )}
      {statusOf && (
        <PlanStatus
          tracked={statusOf}
          scenario={view}
          scenarioFile={summary.file}
          showingPrevious={latestWithoutAnswer && answered?.job.result?.plan ? answered : undefined}
        />
      )}

      <div className="seq-layout">
        <div className={`seq-main${inProgress ? ' stale' : ''}`}>
          {!shown && inProgress && <p className="muted">Solving the scenario…</p>}
          {!shown && !inProgress && <p className="muted">No answer yet: press Solve.</p>}
          {shown && shownView && result?.status === 'infeasible' && (
            <ConflictAccount scenario={shownView} result={result} />
          )}
          {shown && shownView && result?.plan && (
            <section className="panel" aria-labelledby="gantt-heading">
              <div className="panel-head">
                <h2 id="gantt-heading">The phased plan</h2>
                <p className="muted small">
                  {result.plan.phases.length} of {shownView.phaseCount} phases used · days from the start
                </p>
              </div>
              <GanttChart
                scenario={shownView}
                plan={result.plan}
                testId="gantt-chart"
                caption={`Each measure from its start to its completion day, coloured by party; lighter: from completion until it is verified (IAEA). Dashed rules: the first day of each phase; every measure of a phase starts on that day. The plan takes ${result.score?.durationDays ?? '?'} days.`}
              />
            </section>
          )}
          {shown && shownView && result?.score && (
            <section className="panel" aria-labelledby="exposure-heading">
              <div className="panel-head">
                <h2 id="exposure-heading">Exposure by phase</h2>
              </div>
              <ExposureChart scenario={shownView} score={result.score} lines={result.exposureLines ?? []} />
            </section>
          )}
        </div>
        <aside className="seq-aside">
          <RedLinesPanel scenario={view} edits={edits} invalid={invalid} onChange={setEdits} />
        </aside>
      </div>
      <div className="seq-below">
        <MeasuresTable scenario={view} plan={result?.plan} edits={edits} onChange={setEdits} />
        <StructureEditor
          scenario={view}
          edits={edits}
          edited={applyEdits(scenario, edits)}
          fileName={`${summary.id}-edited.json`}
          onChange={setEdits}
        />
        {((view.assumptions?.length ?? 0) > 0 || (view.sources?.length ?? 0) > 0) && (
          <section className="panel" aria-labelledby="basis-heading">
            <h2 id="basis-heading">What the scenario rests on</h2>
            {view.description && <p>{view.description}</p>}
            {view.assumptions && view.assumptions.length > 0 && (
              <>
                <h3>Assumptions</h3>
                <ul className="small">
                  {view.assumptions.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </>
            )}
            {view.sources && view.sources.length > 0 && (
              <>
                <h3>Sources</h3>
                <ul className="small">
                  {view.sources.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
    </>
  );
}

/**
 * The Sequencing work area: a shipped scenario's measures and red lines, the optimal phased plan from the
 * solver (Gantt chart, exposure curves against the red lines, checker verdict), red lines switched or edited
 * as a what-if, and, when no plan exists, which red lines conflict and what relaxing each would cost.
 */
export function SequencingPage() {
  const [search, setSearch] = useSearchParams();
  const list = useApi(fetchShippedScenarios, 'scenarios');
  const scenarios = list.status === 'ready' ? list.data.scenarios : [];
  const chosen = search.get('scenario') ?? defaultScenario(scenarios);
  const scenario = useApi(
    (signal) => (chosen ? fetchShippedScenario(chosen, signal) : Promise.reject(new Error('no scenario'))),
    `scenario:${chosen ?? ''}`,
  );

  return (
    <section className="sequencing">
      <header className="seq-head">
        <div>
          <h1>Sequencing</h1>
          <p className="lede">
            In what order the two sides take their steps so that neither carries more exposure than it can
            accept.
          </p>
        </div>
        {scenarios.length > 0 && (
          <label className="seq-scenario">
            <span className="field-label">Scenario</span>
            <select
              name="scenario"
              value={chosen ?? ''}
              onChange={(event) => setSearch({ scenario: event.target.value })}
            >
              {scenarios.map((s) => (
                <option key={s.id} value={s.id} disabled={s.problem !== undefined}>
                  {s.title} ({s.measures} measures, {s.redLines} red lines){s.problem ? ' — invalid' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {list.status === 'error' && (
        <p role="alert" className="error">
          The shipped scenarios could not be listed: {list.message}.
        </p>
      )}
      {list.status === 'ready' && !chosen && <p>No scenario is shipped in scenarios/.</p>}
      {scenario.status === 'loading' && chosen && <p role="status">Loading the scenario…</p>}
      {scenario.status === 'error' && chosen && (
        <p role="alert" className="error">
          The scenario {chosen} could not be loaded: {scenario.message}.
        </p>
      )}
      {scenario.status === 'ready' && (
        <ScenarioWorkspace
          key={scenario.data.summary.id}
          summary={scenario.data.summary}
          scenario={scenario.data.scenario}
        />
      )}
    </section>
  );
}
