import type { NuclearOverview, SourceRow } from '@lockstep/contract';
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { isoToDate } from './bands.ts';
import { formatMonths, formatMonthsRange, plural } from './format.ts';
import {
  chartEvents,
  type Estimate,
  type EstimatePoint,
  estimatePoints,
  estimateText,
  type ProgrammeEvent,
} from './published-record.ts';
import { SourceLink, sourceRowText } from './source-link.tsx';

interface HistoryPoint {
  readonly date: Date;
  readonly asOf: string;
  readonly p50: number;
  readonly p5: number | null;
  readonly p95: number | null;
  readonly row: SourceRow;
}

interface ProjectedPoint {
  readonly date: Date;
  readonly series: string;
  readonly months: number;
  readonly basis: string;
}

const series = {
  history: 'breakout at each IAEA report (p50, p5–p95 band)',
  projected: 'projected, no return (trend)',
  permitted: 'after a full return: permitted machines only',
  reinstalled: 'after a full return, stored advanced machines re-installed',
} as const;

/** The colours of the published estimates, by who published them. */
const estimateColours = {
  'The Institute (ISIS)': '#6b46c1',
  'US officials': '#dd6b20',
  'Arms Control Association': '#2c7a7b',
} as const;

const windowStatus: Record<string, string> = {
  'closed-before-start': 'Closed before the projection starts',
  closes: 'Closes within the projection',
  'open-through-horizon': 'Open through the whole projection',
};

const daysPerMonth = 365.25 / 12;

function monthsTick(months: number): string {
  if (months < 1) return `${Math.round(months * daysPerMonth)} d`;
  return `${months} mo`;
}

/**
 * Breakout time at each IAEA report with its Monte Carlo spread, and after a return, month by month; beside it
 * the published estimates (a diamond per estimate, a bar over its range) and the dated steps as rules.
 */
export function BreakoutChart({
  overview,
  estimates = [],
  events = [],
}: {
  overview: NuclearOverview;
  estimates?: readonly Estimate[];
  events?: readonly ProgrammeEvent[];
}) {
  const { points: published, undrawn } = useMemo(() => estimatePoints(estimates), [estimates]);
  const rules = useMemo(
    () => chartEvents(events).map((e, index) => ({ ...e, at: isoToDate(e.date), n: index + 1 })),
    [events],
  );
  const goal = overview.projection.window.goalMonths as number | undefined;
  const goalMonths = typeof goal === 'number' ? goal : overview.steps.goal.months;
  const { history, missing, projected } = useMemo(() => {
    const history: HistoryPoint[] = [];
    const missing: string[] = [];
    for (const point of overview.breakoutHistory) {
      if (point.months === null) missing.push(point.asOf);
      else
        history.push({
          date: isoToDate(point.asOf),
          asOf: point.asOf,
          p50: point.months,
          p5: point.p5,
          p95: point.p95,
          row: point.sourceRow,
        });
    }
    const projected: ProjectedPoint[] = [];
    for (const month of overview.projection.months) {
      const date = isoToDate(month.date);
      const add = (name: string, months: number | null) => {
        if (months !== null && months > 0) projected.push({ date, series: name, months, basis: month.basis });
      };
      add(series.projected, month.breakoutMonths);
      add(series.permitted, month.afterFullReturn.permittedOnly);
      add(series.reinstalled, month.afterFullReturn.withReinstalled);
    }
    return { history, missing, projected };
  }, [overview]);

  const options = useMemo((): Plot.PlotOptions => {
    const values = [
      goalMonths,
      ...history.flatMap((h) => [h.p50, h.p5 ?? h.p50, h.p95 ?? h.p50]),
      ...projected.map((p) => p.months),
      ...published.flatMap((p) => [p.low, p.high]),
    ].filter((v) => v > 0);
    const low = Math.min(...values) / 1.6;
    const high = Math.max(...values) * 1.6;
    const ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 3, 6, 12, 24, 48, 96].filter((t) => t >= low && t <= high);
    const lastLabel = (name: string) => {
      const points = projected.filter((p) => p.series === name);
      return points.length > 0 ? [points[points.length - 1]!] : [];
    };
    return {
      height: 360,
      marginLeft: 56,
      marginRight: 20,
      marginTop: 24,
      x: { type: 'utc', label: 'Date →' },
      y: { type: 'log', domain: [low, high] },
      color: {
        domain: [...Object.values(series), ...Object.keys(estimateColours).map((g) => `published: ${g}`)],
        range: ['#1f4e79', '#c0392b', '#2f855a', '#b7791f', ...Object.values(estimateColours)],
        legend: true,
      },
      marks: [
        // The sides' steps and the agreement, as faint rules with their words in a tip.
        Plot.ruleX(rules, { x: 'at', stroke: '#4a5568', strokeOpacity: 0.25, strokeDasharray: '2 3' }),
        // Each rule numbered at the top, alternating rows so that close dates stay legible; the key is below.
        ...[1, 0].map((parity) =>
          Plot.text(
            rules.filter((e) => e.n % 2 === parity),
            {
              x: 'at',
              frameAnchor: 'top',
              dy: parity === 1 ? 4 : 16,
              text: (e: { n: number }) => String(e.n),
              fontSize: 9,
              fill: '#4a5568',
              stroke: 'white',
              strokeWidth: 3,
              paintOrder: 'stroke',
            },
          ),
        ),
        Plot.dot(rules, {
          x: 'at',
          frameAnchor: 'top',
          r: 7,
          dy: 9,
          fill: '#4a5568',
          fillOpacity: 0,
          strokeOpacity: 0,
          title: (e: ProgrammeEvent & { n: number }) =>
            `${e.n}. ${e.date} (${e.kind}): ${e.event}\nsource: ${e.source.source}`,
          tip: true,
        }),
        Plot.gridY(ticks, { strokeOpacity: 0.08 }),
        // Labels drawn as text: a log axis drops the labels of ticks such as 6 and 0.5.
        Plot.axisY(ticks, {
          tickFormat: () => '',
          label: '↑ Breakout time to one SQ (log scale; d = days, mo = months)',
        }),
        Plot.text(ticks, {
          y: (t: number) => t,
          frameAnchor: 'left',
          textAnchor: 'end',
          dx: -9,
          text: monthsTick,
          fill: 'currentColor',
        }),
        Plot.areaY(
          history.filter((h) => h.p5 !== null && h.p95 !== null),
          { x: 'date', y1: 'p5', y2: 'p95', fill: '#1f4e79', fillOpacity: 0.18, curve: 'step-after' },
        ),
        Plot.lineY(history, { x: 'date', y: 'p50', stroke: () => series.history, curve: 'step-after' }),
        Plot.dot(history, {
          x: 'date',
          y: 'p50',
          fill: () => series.history,
          r: 3,
          title: (h: HistoryPoint) =>
            [
              `${h.asOf}: ${formatMonths(h.p50)} (p50)`,
              h.p5 !== null && h.p95 !== null ? `p5–p95 ${formatMonthsRange(h.p5, h.p95)}` : 'no spread',
              `stockpile figure: ${sourceRowText(h.row)}`,
            ].join('\n'),
          tip: true,
        }),
        Plot.ruleX(
          published.filter((p) => p.high > p.low),
          {
            x: 'date',
            y1: 'low',
            y2: 'high',
            stroke: (p: EstimatePoint) => `published: ${p.group}`,
            strokeWidth: 2,
          },
        ),
        Plot.dot(published, {
          x: 'date',
          y: 'months',
          symbol: 'diamond',
          r: 5,
          fill: (p: EstimatePoint) => `published: ${p.group}`,
          stroke: 'white',
          title: (p: EstimatePoint) =>
            [
              `${p.estimate.date}, ${p.estimate.author}: ${estimateText(p.estimate)}`,
              `significant quantity: ${p.estimate.sqConvention}; stock counted: ${p.estimate.stockCounted}`,
              `"${p.estimate.quote.slice(0, 240)}${p.estimate.quote.length > 240 ? '…' : ''}"`,
              `source: ${p.estimate.source.source.slice(0, 160)}`,
            ].join('\n'),
          tip: true,
        }),
        Plot.lineY(projected, {
          x: 'date',
          y: 'months',
          z: 'series',
          stroke: 'series',
          strokeDasharray: '6 4',
          strokeWidth: 2,
        }),
        Plot.dot(projected, {
          x: 'date',
          y: 'months',
          r: 5,
          fill: 'series',
          fillOpacity: 0,
          strokeOpacity: 0,
          title: (p: ProjectedPoint) =>
            `${p.series}\n${p.date.toISOString().slice(0, 10)} (${p.basis})\n${formatMonths(p.months)}`,
          tip: true,
        }),
        ...[series.permitted, series.reinstalled, series.projected].map((name) =>
          Plot.text(lastLabel(name), {
            x: 'date',
            y: 'months',
            text: (p: ProjectedPoint) => formatMonths(p.months),
            textAnchor: 'end',
            dy: -9,
            fill: 'series',
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
          }),
        ),
        Plot.ruleY([goalMonths], { stroke: '#9b2c2c', strokeWidth: 1.5, strokeDasharray: '6 3' }),
        Plot.text([goalMonths], {
          y: (m: number) => m,
          frameAnchor: 'left',
          textAnchor: 'start',
          dx: 6,
          dy: -8,
          text: () => (goalMonths === 12 ? 'one-year goal (12 months)' : `goal: ${goalMonths} months`),
          fill: '#9b2c2c',
          fontWeight: 600,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        }),
        Plot.ruleX([isoToDate(overview.asOf)], { stroke: '#1d2330', strokeOpacity: 0.5 }),
        Plot.text([isoToDate(overview.asOf)], {
          x: (d: Date) => d,
          frameAnchor: 'top',
          textAnchor: 'end',
          dx: -4,
          dy: -12,
          text: () => `as of ${overview.asOf}`,
        }),
      ],
    };
  }, [history, projected, goalMonths, overview.asOf, published, rules]);

  const { window } = overview.projection;
  const monteCarlo = overview.breakout.monthsRange;
  const caption = `Months to produce one significant quantity (${overview.breakout.significantQuantity.definition}) at each IAEA report: the median of ${
    monteCarlo
      ? `${monteCarlo.samples.toLocaleString('en-GB')} Monte Carlo samples (seed ${monteCarlo.seed})`
      : 'the samples'
  } over the per-machine capacity ranges, with the 5th–95th percentile band. Dashed, from ${
    overview.projection.from
  } to ${overview.projection.until}: the projection month by month at the ${
    (overview.steps.assumptions.find((a) => a.name === 'point of each capacity range')?.value as string) ??
    'central'
  } point of each capacity range.${
    published.length > 0
      ? ` Diamonds: breakout estimates as published (the Institute, US officials, the Arms Control Association), at the middle of their range, with a bar over it; their conventions differ from Lockstep's (see the table below).`
      : ''
  }${rules.length > 0 ? ' Dotted rules, numbered at the top: the agreement and each side’s steps (the key is below the chart).' : ''}`;

  return (
    <section className="panel" aria-labelledby="breakout-heading">
      <div className="panel-head">
        <h2 id="breakout-heading">Breakout time and the closing window</h2>
      </div>
      <PlotFigure options={options} caption={caption} testId="breakout-chart">
        {missing.length > 0 && (
          <p className="chart-notes">
            No breakout figure for {plural(missing.length, 'earlier report')} ({missing[0]}
            {missing.length > 1 ? ` to ${missing[missing.length - 1]}` : ''}): the API gives none for these
            dates, so none is drawn.
          </p>
        )}
        {rules.length > 0 && (
          <details className="event-key" data-testid="event-key">
            <summary>Key to the numbered rules: {plural(rules.length, 'event')}</summary>
            <ol>
              {rules.map((e) => (
                <li key={`${e.n}`} value={e.n}>
                  <time dateTime={e.date}>{e.date}</time> <span className="muted">({e.kind})</span> {e.event}{' '}
                  <SourceLink row={e.source} compact />
                </li>
              ))}
            </ol>
          </details>
        )}
        {undrawn.length > 0 && (
          <p className="chart-notes">
            Not drawn ({plural(undrawn.length, 'published estimate')} with no figure above zero):{' '}
            {undrawn.map((e) => `${e.date} ${e.author.split(' (')[0]} (${estimateText(e)})`).join('; ')}.
          </p>
        )}
      </PlotFigure>
      <div className={`window window-${window.status}`} data-testid="window">
        <div className="window-status">
          <span className="label">Window of opportunity</span>
          <strong>{windowStatus[window.status] ?? window.status}</strong>
          {window.closesOn && (
            <span>
              {' '}
              · closes on <time dateTime={window.closesOn}>{window.closesOn}</time>
            </span>
          )}
        </div>
        <p>{window.explanation}</p>
      </div>
    </section>
  );
}
