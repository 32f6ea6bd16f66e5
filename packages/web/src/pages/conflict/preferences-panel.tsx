import type { ConflictAnalysisResult, ConflictFileJson } from '@lockstep/contract';
import { dmColour } from './conflict-view.ts';
import { moveState, moveStatement, statementText } from './preference-edits.ts';
import { SourceQuote } from './source-quote.tsx';

/**
 * Each side's preference as the analysis read it: its statements, most important first, each with its source
 * and buttons that move it up or down; its ranking of the states, each state movable one place. Every edit
 * gives a new model, which the page analyses at once.
 */
export function PreferencesPanel({
  analysis,
  file,
  onEdit,
  onSelect,
  selected,
}: {
  analysis: ConflictAnalysisResult;
  file: ConflictFileJson;
  onEdit: (file: ConflictFileJson, what: string) => void;
  onSelect: (state: number) => void;
  selected: number | undefined;
}) {
  return (
    <div className="preferences" data-testid="preferences">
      {analysis.decisionMakers.map((dm, d) => {
        const written = file.preferences[dm.id];
        const statements = written?.statements ?? [];
        return (
          <section key={dm.id} className="panel dm-preference" data-testid={`preference-${dm.id}`}>
            <h3 style={{ borderLeftColor: dmColour(d) }}>{dm.name}</h3>
            {dm.source && <SourceQuote source={dm.source} compact />}
            {statements.length > 0 && (
              <>
                <p className="small muted">Statements, most important first (each outweighs all below it):</p>
                <ol className="statements">
                  {dm.statements.map((statement, i) => (
                    <li key={statement.text} data-testid={`statement-${dm.id}-${i}`}>
                      <div className="statement-row">
                        <code>{statement.text}</code>
                        <span className="statement-moves">
                          <button
                            type="button"
                            aria-label={`Move “${statement.text}” up`}
                            disabled={i === 0}
                            onClick={() =>
                              onEdit(
                                moveStatement(file, dm.id, i, -1),
                                `${dm.name}: “${statement.text}” moved above “${statementText(statements[i - 1]!)}”`,
                              )
                            }
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            aria-label={`Move “${statement.text}” down`}
                            disabled={i === dm.statements.length - 1}
                            onClick={() =>
                              onEdit(
                                moveStatement(file, dm.id, i, 1),
                                `${dm.name}: “${statement.text}” moved below “${statementText(statements[i + 1]!)}”`,
                              )
                            }
                          >
                            ↓
                          </button>
                        </span>
                      </div>
                      {statement.source ? (
                        <SourceQuote source={statement.source} />
                      ) : (
                        <p className="small muted">No source given for this statement.</p>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            )}
            <p className="small muted">
              Ranking of the states, most preferred first
              {statements.length > 0 ? ' (from the statements)' : ''}; click a state, then move it with its
              arrows:
            </p>
            <ol className="ranking" data-testid={`ranking-${dm.id}`}>
              {dm.ranking.map((tie) => (
                <li key={tie.join(',')} className={tie.length > 1 ? 'tie' : undefined}>
                  {tie.map((state) => (
                    <span key={state} className={`rank-state${selected === state ? ' selected' : ''}`}>
                      {selected === state && (
                        <button
                          type="button"
                          className="rank-move"
                          aria-label={`Prefer state ${state} more (${dm.name})`}
                          onClick={() =>
                            onEdit(
                              moveState(file, dm.id, state, -1, dm.ranking),
                              `${dm.name}: state ${state} moved up its ranking`,
                            )
                          }
                        >
                          ‹
                        </button>
                      )}
                      <button
                        type="button"
                        className="rank-id"
                        aria-pressed={selected === state}
                        onClick={() => onSelect(state)}
                      >
                        {state}
                      </button>
                      {selected === state && (
                        <button
                          type="button"
                          className="rank-move"
                          aria-label={`Prefer state ${state} less (${dm.name})`}
                          onClick={() =>
                            onEdit(
                              moveState(file, dm.id, state, 1, dm.ranking),
                              `${dm.name}: state ${state} moved down its ranking`,
                            )
                          }
                        >
                          ›
                        </button>
                      )}
                    </span>
                  ))}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
