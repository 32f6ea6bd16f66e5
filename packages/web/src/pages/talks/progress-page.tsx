import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { groupTitles, talksApi, useTalks } from './talks-api.ts';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Progress in agreed text: agreed clauses over all clauses, per expert group and overall, now (with the
 * provisional share that counts ad referendum agreement, and the weighted share) and over time.
 */
export function ProgressPage() {
  const [report] = useTalks((signal) => talksApi.progress(signal));
  const points = useMemo(() => {
    if (report.status !== 'ready') return [];
    return report.data.history.flatMap((point) => [
      ...point.progress.groups.map((g) => ({
        at: new Date(point.at),
        series: groupTitles[g.group] ?? g.group,
        share: g.share,
      })),
      { at: new Date(point.at), series: 'Overall', share: point.progress.overall.share },
    ]);
  }, [report]);
  if (report.status === 'loading') return <p className="loading">Loading progress…</p>;
  if (report.status === 'error')
    return (
      <p className="error" role="alert">
        {report.message}
      </p>
    );
  const { now } = report.data;
  const rows = [
    ...now.groups.map((g) => ({ ...g, title: groupTitles[g.group] ?? g.group })),
    { ...now.overall, title: 'Overall' },
  ];
  return (
    <section aria-label="Progress">
      <h2>Progress in agreed text</h2>
      <table className="talks-table" data-testid="progress-table">
        <thead>
          <tr>
            <th>Expert group</th>
            <th>Agreed</th>
            <th>Ad referendum</th>
            <th>Clauses</th>
            <th>Agreed share</th>
            <th>With ad referendum</th>
            <th>Weighted</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.title}>
              <th scope="row">{r.title}</th>
              <td>{r.agreed}</td>
              <td>{r.adReferendum}</td>
              <td>{r.total}</td>
              <td>{percent(r.share)}</td>
              <td>{percent(r.provisionalShare)}</td>
              <td>{percent(r.weightedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="meta">
        Agreed share = clauses agreed / clauses in the text (0 for an empty text); "with ad referendum" also
        counts clauses agreed subject to capitals' approval; weighted uses each clause's weight. Nothing is
        agreed until everything is agreed: a reopened clause counts as open again.
      </p>
      {points.length > 0 && (
        <PlotFigure
          testId="progress-chart"
          caption="Agreed share of each expert group's text, and overall, after each change of the texts (a step each time a clause is added or changes status)."
          options={{
            height: 320,
            marginLeft: 50,
            y: { domain: [0, 1], tickFormat: (d: number) => percent(d), label: 'agreed share', grid: true },
            x: { type: 'utc', label: null },
            color: {
              legend: true,
              domain: ['Sanctions lifting', 'Nuclear implementation', 'Sequencing', 'Overall'],
              range: ['#2b6cb0', '#2f855a', '#d69e2e', '#1d2330'],
            },
            marks: [
              Plot.lineY(points, {
                x: 'at',
                y: 'share',
                stroke: 'series',
                curve: 'step-after',
                strokeWidth: 2,
              }),
              Plot.dot(points, { x: 'at', y: 'share', fill: 'series', r: 2.5 }),
              Plot.ruleY([0]),
            ],
          }}
        />
      )}
    </section>
  );
}
