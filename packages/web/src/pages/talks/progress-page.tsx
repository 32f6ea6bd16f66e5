import type { ProgressReport } from '@lockstep/contract';
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { useLiveReload } from './live-events.tsx';
import { groupTitles, talksApi, useTalks } from './talks-api.ts';

const percent = (share: number) => `${Math.round(share * 100)} %`;

const seriesOrder = ['Sanctions lifting', 'Nuclear implementation', 'Sequencing', 'Overall'];
const measures = ['agreed', 'agreed or ad referendum'];

interface Point {
  readonly at: Date;
  readonly series: string;
  readonly measure: string;
  readonly share: number;
  readonly count: string;
}

/** The step chart: one panel per expert group and one overall, the agreed share solid, with ad referendum dashed. */
function progressChart(history: ProgressReport['history']): Plot.PlotOptions | undefined {
  if (history.length === 0) return undefined;
  const points: Point[] = history.flatMap((point) => {
    const at = new Date(point.at);
    const rows = [
      ...point.progress.groups.map((g) => ({ ...g, series: groupTitles[g.group] ?? g.group })),
      { ...point.progress.overall, series: 'Overall' },
    ];
    return rows.flatMap((r) => [
      { at, series: r.series, measure: 'agreed', share: r.share, count: `${r.agreed} of ${r.total}` },
      {
        at,
        series: r.series,
        measure: 'agreed or ad referendum',
        share: r.provisionalShare,
        count: `${r.agreed + r.adReferendum} of ${r.total}`,
      },
    ]);
  });
  return {
    height: 4 * 120 + 40,
    marginLeft: 50,
    marginRight: 20,
    marginTop: 30,
    style: { fontSize: '12px' },
    x: { type: 'utc', label: null },
    y: { domain: [0, 1], ticks: [0, 0.5, 1], tickFormat: (d: number) => percent(d), label: null, grid: true },
    fy: { domain: seriesOrder, label: null, axis: null, padding: 0.3 },
    color: { domain: measures, range: ['#2f855a', '#d69e2e'], legend: true },
    marks: [
      Plot.frame({ stroke: '#d5dae3' }),
      Plot.areaY(
        points.filter((p) => p.measure === 'agreed'),
        { x: 'at', y: 'share', fy: 'series', curve: 'step-after', fill: '#2f855a', fillOpacity: 0.12 },
      ),
      ...measures.map((measure) =>
        Plot.lineY(
          points.filter((p) => p.measure === measure),
          {
            x: 'at',
            y: 'share',
            fy: 'series',
            stroke: 'measure',
            strokeDasharray: measure === 'agreed' ? undefined : '5 3',
            curve: 'step-after',
            strokeWidth: 2,
          },
        ),
      ),
      Plot.dot(points, {
        x: 'at',
        y: 'share',
        fy: 'series',
        fill: 'measure',
        r: 2.5,
        title: (p: Point) =>
          `${p.series}, ${p.at.toISOString().slice(0, 10)}\n${p.measure}: ${p.count} clauses (${percent(p.share)})`,
        tip: true,
      }),
      Plot.text(
        seriesOrder.map((series) => ({ series })),
        {
          fy: 'series',
          text: 'series',
          frameAnchor: 'top-left',
          textAnchor: 'start',
          lineAnchor: 'bottom',
          dy: -5,
          fontWeight: 600,
          fontSize: 13,
        },
      ),
    ],
  };
}

/**
 * Progress in agreed text: agreed clauses over all clauses, per expert group and overall, now (with the
 * provisional share that counts ad referendum agreement, and the weighted share) and over time.
 */
export function ProgressPage() {
  const [report, reload] = useTalks((signal) => talksApi.progress(signal));
  useLiveReload(reload, (e) => e.type === 'text.changed' || e.type === 'round.closed');
  const chart = useMemo(
    () => (report.status === 'ready' ? progressChart(report.data.history) : undefined),
    [report],
  );
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
      {chart && (
        <PlotFigure
          testId="progress-chart"
          caption="Agreed share of each expert group's text, and overall, after each change of the texts: a step each time a clause is added or changes status. Solid: agreed; dashed: agreed or agreed ad referendum."
          options={chart}
        />
      )}
    </section>
  );
}
