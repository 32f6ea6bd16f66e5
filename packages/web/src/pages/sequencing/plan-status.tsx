import { deepeningStepLine, deepeningSummary, type PlanJob, phasesNeededLine } from '@lockstep/contract';
import { formatDays, formatNumber, formatSeconds, formatValue, plural } from './format.ts';
import type { ScenarioView } from './scenario-view.ts';
import type { TrackedJob } from './use-plan-job.ts';

const statusWords: Record<string, string> = {
  optimal: 'Optimal plan',
  feasible: 'Feasible plan (time limit reached before optimality was proved)',
  infeasible: 'Infeasible: no plan satisfies every red line',
  cancelled: 'Cancelled',
  error: 'Error',
};

/**
 * The solve in progress: stage, solver calls, phase deepening so far, time against the limit, and a Cancel
 * button.
 */
export function JobProgress({ job, onCancel }: { job: PlanJob; onCancel: () => void }) {
  const stage =
    job.state === 'queued'
      ? `queued${job.queuePosition ? ` behind ${plural(job.queuePosition, 'other solve')}` : ''}`
      : job.stage === 'diagnosing'
        ? `no plan satisfies every red line; finding which conflict (${plural(job.solves, 'solver call')} so far)`
        : job.deepening && job.deepening.steps.length > 0
          ? `phase deepening: ${deepeningSummary(job.deepening)}; ${job.activity ?? 'solving with HiGHS'}`
          : (job.activity ?? 'solving with HiGHS');
  return (
    <div className="seq-progress" role="status" data-testid="job-progress">
      <progress max={1} value={job.progress} aria-label="Solve progress (time used of the limit)" />
      <span>
        {stage} · {formatSeconds(job.elapsedSeconds)} of the {formatSeconds(job.timeLimitSeconds)} limit
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * What the latest solve answered: its status, the solve time, the plan's duration and peaks, and the plan
 * checker's verdict (every violation listed; none means the plan is sound).
 */
export function PlanStatus({
  tracked,
  scenario,
  scenarioFile,
  showingPrevious,
}: {
  tracked: TrackedJob;
  scenario: ScenarioView;
  scenarioFile: string;
  showingPrevious: TrackedJob | undefined;
}) {
  const { job, edits } = tracked;
  const result = job.result;
  const status = result?.status ?? (job.state === 'failed' ? 'error' : job.state);
  const name = new Map(scenario.parties.map((p) => [p.id, p.name]));
  return (
    <div className={`status-line seq-status seq-status-${status}`} data-testid="plan-status">
      <p>
        <strong data-testid="plan-status-word">{statusWords[status] ?? status}</strong>
        {result?.status === 'feasible' && result.gap !== null && (
          <> · gap {formatNumber(result.gap * 100)} % to the best bound</>
        )}
        {result && (
          <>
            {' '}
            · {result.status === 'cancelled' ? 'stopped after' : 'solved in'}{' '}
            {formatSeconds(result.solveSeconds)}
          </>
        )}{' '}
        (limit {formatSeconds(job.timeLimitSeconds)}, HiGHS MILP)
        {result?.score && (
          <>
            {' '}
            · plan of {formatDays(result.score.durationDays)} ·{' '}
            {result.score.exposure
              .map(
                (c) =>
                  `${name.get(c.party) ?? c.party} peak exposure ${formatValue(c.peak, scenario.valueUnit)}`,
              )
              .join(' · ')}
          </>
        )}
      </p>
      {result?.deepening && (
        <details className="seq-deepening" data-testid="plan-deepening">
          <summary>
            Phase deepening (fewest phases first, each optimum the start of the next):{' '}
            {deepeningSummary(result.deepening)}
          </summary>
          {phasesNeededLine(result.deepening) && (
            <p data-testid="phases-needed">{phasesNeededLine(result.deepening)}</p>
          )}
          <ol>
            {result.deepening.steps.map((step) => (
              <li key={step.phases}>{deepeningStepLine(step)}</li>
            ))}
          </ol>
        </details>
      )}
      {result?.plan && (
        <p data-testid="checker-verdict">
          Plan checker (every relation, phase and red line re-checked independently of the solver):{' '}
          {result.violations.length === 0 ? (
            <span className="seq-sound">sound, no violations</span>
          ) : (
            <span className="seq-violated">{plural(result.violations.length, 'violation')}</span>
          )}
        </p>
      )}
      {result && result.violations.length > 0 && (
        <ul className="seq-violations">
          {result.violations.map((v) => (
            <li key={`${v.constraint}:${v.redLine ?? ''}:${v.message}`}>
              <code>{v.constraint}</code>
              {v.redLine && (
                <>
                  {' '}
                  <code>{v.redLine}</code>
                </>
              )}
              : {v.message}
            </li>
          ))}
        </ul>
      )}
      {(result?.status === 'error' || result?.status === 'cancelled' || job.error) && (
        <p className={result?.status === 'error' || job.error ? 'error' : undefined}>
          {result?.message ?? job.error}
        </p>
      )}
      {showingPrevious && (
        <p className="muted small">
          The charts below show the previous answer ({showingPrevious.job.result?.status}, submitted{' '}
          {new Date(showingPrevious.job.submittedAt).toLocaleTimeString('en-GB')}).
        </p>
      )}
      <p className="muted small">
        Scenario: {scenario.title} (<code>{scenarioFile}</code>)
        {edits.length > 0 ? <> with the edits: {edits.join('; ')}</> : ', as shipped'}. Job{' '}
        <code>{job.id}</code>, submitted {new Date(job.submittedAt).toLocaleTimeString('en-GB')}.
      </p>
    </div>
  );
}
