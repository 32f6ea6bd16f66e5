import type { PlanJobResult, RedLineRelaxationJson } from '@lockstep/contract';
import { formatDays, formatNumber, formatValue, plural } from './format.ts';
import { GanttChart } from './gantt-chart.tsx';
import { ruleOf } from './red-lines-panel.tsx';
import type { ScenarioView } from './scenario-view.ts';

function concessionText(r: RedLineRelaxationJson, unit: string): string {
  if (r.concession === null) return 'relaxing it alone does not resolve this conflict';
  switch (r.unit) {
    case 'value':
      return r.kind === 'other-starts-first'
        ? `raise its allowance by ${formatValue(r.concession, unit)}`
        : `accept ${formatValue(r.concession, unit)} more exposure`;
    case 'days':
      return `accept ${formatDays(r.concession)} past the deadline`;
    case 'phases':
      return `accept ${plural(r.concession, 'phase')} of overlap with the other side`;
    case 'given-up':
      return 'give it up (the measures cannot share a phase)';
  }
}

function slackUnit(kind: string, unit: string): string {
  if (kind === 'deadline') return 'days';
  if (kind === 'all-after-theirs') return 'phases';
  if (kind === 'same-phase') return '(given up)';
  return unit;
}

/**
 * Why no plan exists: each minimal set of red lines that cannot all hold (with the parties' words), what
 * relaxing each one alone would cost and give, and the plan that concedes least over all of them.
 */
export function ConflictAccount({ scenario, result }: { scenario: ScenarioView; result: PlanJobResult }) {
  const conflicts = result.conflicts ?? [];
  const relaxations = result.relaxations ?? [];
  const redLine = new Map(scenario.redLines.map((r) => [r.id, r]));
  const name = new Map(scenario.parties.map((p) => [p.id, p.name]));
  const unit = scenario.valueUnit;
  const least = result.leastConcession;
  const slacks = Object.entries(least?.slacks ?? {}).filter(([, v]) => v > 1e-6);
  return (
    <section
      className="panel seq-conflicts"
      aria-labelledby="conflicts-heading"
      data-testid="conflict-account"
    >
      <div className="panel-head">
        <h2 id="conflicts-heading">Why no plan exists</h2>
        <p className="muted small">{result.message}</p>
      </div>
      {conflicts.length === 0 && (
        <p>No conflicting set of red lines was identified{result.message ? '' : ' within the time limit'}.</p>
      )}
      {conflicts.map((set, index) => (
        <div key={set.join('+')} className="seq-conflict" data-testid={`conflict-${index}`}>
          <h3>
            Conflict {index + 1}:{' '}
            {set.length === 1 ? 'this red line cannot hold' : `these ${set.length} red lines cannot all hold`}
          </h3>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Red line</th>
                <th>Least concession that alone resolves it</th>
                <th className="num">Plan then (days)</th>
                <th>Peak exposure then ({unit})</th>
              </tr>
            </thead>
            <tbody>
              {set.map((id) => {
                const r = redLine.get(id);
                const relax = relaxations.find((x) => x.conflict === index && x.redLine === id);
                return (
                  <tr key={id}>
                    <td>
                      <code>{id}</code>{' '}
                      <span className="muted small">({name.get(r?.party ?? '') ?? r?.party})</span>
                      {r && <div className="small">{ruleOf(r, scenario)}</div>}
                      {r?.text && <blockquote className="seq-quote">{r.text}</blockquote>}
                      {r?.source && <div className="muted small">Source: {r.source}</div>}
                    </td>
                    <td>
                      {relax ? concessionText(relax, unit) : <span className="muted">not computed</span>}
                    </td>
                    <td className="num">
                      {relax?.durationDays === undefined ? '–' : formatNumber(relax.durationDays)}
                      {relax?.planGap !== undefined && relax.planGap !== 0 && (
                        <div
                          className="muted small"
                          title="The plan with this concession was searched for a few seconds only: the best plan may be better by up to this share"
                        >
                          {relax.planGap === null
                            ? 'not proved best'
                            : `within ${formatNumber(relax.planGap * 100)} % of the best`}
                        </div>
                      )}
                    </td>
                    <td className="small">
                      {relax?.peakExposure
                        ? Object.entries(relax.peakExposure)
                            .map(([party, peak]) => `${name.get(party) ?? party} ${formatNumber(peak)}`)
                            .join(' · ')
                        : '–'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      {least?.plan && (
        <div className="seq-least">
          <h3>The plan that concedes least over all red lines at once</h3>
          <p className="small">
            {slacks.length === 0
              ? 'It needs no concession.'
              : `Concessions: ${slacks.map(([id, v]) => `${id} by ${formatNumber(v)} ${slackUnit(redLine.get(id)?.kind ?? '', unit)}`).join('; ')}.`}
            {least.score && ` Plan of ${formatDays(least.score.durationDays)}.`}
          </p>
          <GanttChart
            scenario={scenario}
            plan={least.plan}
            testId="least-concession-gantt"
            caption="The least-concession plan: each measure from its start to its completion day (lighter: until it is verified), coloured by party; dashed rules mark each phase’s first day."
          />
        </div>
      )}
    </section>
  );
}
