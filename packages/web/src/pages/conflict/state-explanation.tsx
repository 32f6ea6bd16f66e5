import type { ConflictChainRule, ConflictExplanation, ConflictFileJson } from '@lockstep/contract';
import { useApi } from '../../use-api.ts';
import { explainConflictState } from './conflict-api.ts';
import { definitions } from './conflict-view.ts';

const sanctionDefinitions = ['gmr', 'smr', 'seq'] as const;

function Verdicts({ explanation }: { explanation: ConflictExplanation }) {
  return (
    <>
      <p className="verdicts">
        {definitions.map(({ id, name }) => (
          <span
            key={id}
            className={`verdict ${explanation.stable[id] ? 'verdict-stable' : 'verdict-unstable'}`}
          >
            {name} {explanation.stable[id] ? 'stable' : 'unstable'}
          </span>
        ))}
      </p>
      {explanation.decisionMakers.map((dm) => (
        <section key={dm.dm} className="dm-explanation" data-testid={`explanation-${dm.dm}`}>
          <h3>{dm.name}</h3>
          <ul className="sentences">
            {dm.sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          {dm.improvements.map((improvement) => (
            <details key={improvement.move.to} className="improvement">
              <summary>
                Its move to state {improvement.move.to}:{' '}
                {improvement.move.changes
                  .map((c) => `${c.to === 'Y' ? 'takes' : 'withdraws'} “${c.name}”`)
                  .join(', ')}
              </summary>
              <ul>
                {sanctionDefinitions.map((definition) => (
                  <li key={definition} className={improvement[definition].deterred ? 'deterred' : 'open'}>
                    {improvement[definition].reason}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ))}
    </>
  );
}

/** Why the selected state is or is not stable for each side: the sentences, each gain and its sanction. */
export function StateExplanation({
  file,
  state,
  chain,
  version,
}: {
  file: ConflictFileJson;
  state: number;
  chain: ConflictChainRule;
  /** Changes whenever the model is edited, so the explanation follows the edits. */
  version: number;
}) {
  const explanation = useApi(
    (signal) => explainConflictState(file, state, chain, signal),
    `${state}:${chain}:${version}`,
  );
  return (
    <div className="panel state-explanation" data-testid="state-explanation">
      {explanation.status === 'loading' && <p className="muted">Explaining state {state}…</p>}
      {explanation.status === 'error' && <p className="error">{explanation.message}</p>}
      {explanation.status === 'ready' && (
        <>
          <h2>
            State {explanation.data.state.id} <code>{explanation.data.state.yn}</code>
          </h2>
          <p>{explanation.data.description}</p>
          <Verdicts explanation={explanation.data} />
        </>
      )}
    </div>
  );
}
