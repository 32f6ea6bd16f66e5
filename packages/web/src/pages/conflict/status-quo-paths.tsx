import type { ConflictAnalysisResult, ConflictPathsResult } from '@lockstep/contract';
import { optionsTaken } from './conflict-view.ts';

type Step = ConflictPathsResult['toEquilibria'][number]['paths'][number]['steps'][number];

/** A step's option changes, short: `+ takes X, − withdraws Y`. */
function changesOf(step: Step): string {
  return step.changes.map((change) => `${change.to === 'Y' ? '+' : '−'} ${change.name}`).join('; ');
}

function StepList({ steps }: { steps: readonly Step[] }) {
  return (
    <ol className="path-steps">
      {steps.map((step) => (
        <li key={`${step.from}>${step.to}`}>
          <span className="path-move">
            {step.from} → {step.to}
          </span>{' '}
          <strong>{step.dmName}</strong>
          {step.kind === 'coalition' && <span className="small muted"> (together)</span>}:{' '}
          <span className="small">{changesOf(step)}</span>
        </li>
      ))}
    </ol>
  );
}

/** From the status quo to each SEQ equilibrium: the shortest path as steps, the others on request. */
export function StatusQuoPaths({
  analysis,
  paths,
}: {
  analysis: ConflictAnalysisResult;
  paths: ConflictPathsResult;
}) {
  return (
    <div className="paths" data-testid="status-quo-paths">
      <h3>
        From the status quo, state {paths.from} ({optionsTaken(analysis, paths.from)})
      </h3>
      {paths.toEquilibria.length === 0 && <p>There is no SEQ equilibrium to reach.</p>}
      {paths.toEquilibria.map((target) => {
        const [first, ...others] = target.paths;
        return (
          <section key={target.equilibrium} className="path-target">
            <h4>
              To equilibrium {target.equilibrium}{' '}
              <span className="small muted">({optionsTaken(analysis, target.equilibrium)})</span>
            </h4>
            {!target.reachable && <p className="small">No path of improvements reaches it.</p>}
            {first && first.length === 0 && <p className="small">The status quo is this equilibrium.</p>}
            {first && first.length > 0 && (
              <>
                <p className="small muted">
                  Shortest: {first.length} step{first.length === 1 ? '' : 's'}
                </p>
                <StepList steps={first.steps} />
              </>
            )}
            {others.length > 0 && (
              <details>
                <summary className="small">
                  {others.length} more path{others.length === 1 ? '' : 's'}
                </summary>
                {others.map((path) => (
                  <StepList key={path.sentence} steps={path.steps} />
                ))}
              </details>
            )}
          </section>
        );
      })}
      {paths.note && <p className="small muted">{paths.note}</p>}
    </div>
  );
}
