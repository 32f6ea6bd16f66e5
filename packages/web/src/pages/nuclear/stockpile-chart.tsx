import type { NuclearOverview, SourceRow } from '@lockstep/contract';
import * as Plot from '@observablehq/plot';
import { useMemo, useState } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { bandLabel, bands, isoToDate, unreportedBand } from './bands.ts';
import { formatKg } from './format.ts';
import { SourceLink, sourceRowText } from './source-link.tsx';

type Scale = 'linear' | 'log';

interface Segment {
  readonly date: Date;
  readonly asOf: string;
  readonly band: string;
  readonly y1: number;
  readonly y2: number;
  readonly kg: number;
  readonly total: number | null;
  readonly after: boolean;
  readonly row: SourceRow;
}

const halfBarDays = 16;
const logFloor = 10;
const dayMs = 86_400_000;

/** Each report's known bands stacked, then the remainder of the total no band accounts for. */
function segmentsOf(overview: NuclearOverview, scale: Scale) {
  const segments: Segment[] = [];
  const notes: string[] = [];
  for (const point of overview.stockpile) {
    const date = isoToDate(point.asOf);
    const after = point.asOf > overview.asOf;
    let top = 0;
    const push = (band: string, kg: number) => {
      const y1 = top === 0 && scale === 'log' ? logFloor : top;
      segments.push({
        date,
        asOf: point.asOf,
        band,
        y1,
        y2: top + kg,
        kg,
        total: point.totalKgU,
        after,
        row: point.sourceRow,
      });
      top += kg;
    };
    for (const band of bands) {
      const kg = point.byLevel[band.key];
      if (kg !== null && kg !== undefined && kg > 0) push(band.label, kg);
    }
    if (point.totalKgU === null) {
      notes.push(`${point.asOf}: the total is not reported; only the bands reported are drawn.`);
    } else {
      const remainder = point.totalKgU - top;
      if (remainder > 0.05) push(unreportedBand.label, remainder);
      else if (remainder < -0.05)
        notes.push(`${point.asOf}: the reported bands add up to more than the reported total.`);
    }
  }
  return { segments, notes };
}

function segmentTitle(segment: Segment): string {
  return [
    `${segment.asOf}: ${formatKg(segment.kg)} ${segment.band}`,
    `total ${formatKg(segment.total)}`,
    sourceRowText(segment.row),
  ].join('\n');
}

/** Iran's enriched uranium stockpile by enrichment level, report by report, against the JCPOA cap. */
export function StockpileChart({ overview }: { overview: NuclearOverview }) {
  const [scale, setScale] = useState<Scale>('linear');
  const [showProjection, setShowProjection] = useState(false);
  const { segments, notes } = useMemo(() => segmentsOf(overview, scale), [overview, scale]);
  const projected = useMemo(
    () =>
      (showProjection ? overview.projection.months : []).map((month) => ({
        date: isoToDate(month.date),
        kg: (month as { stockpile?: { totalKgU?: number | null } }).stockpile?.totalKgU ?? null,
        basis: month.basis,
      })),
    [overview, showProjection],
  );
  const cap = overview.stockpileCapKgU;
  const options = useMemo((): Plot.PlotOptions => {
    const maxKg = Math.max(cap, ...segments.map((s) => s.y2), ...projected.map((p) => p.kg ?? 0));
    const series = [
      ...bands.map((b) => b.label),
      unreportedBand.label,
      ...(projected.length > 0 ? ['projected total'] : []),
    ];
    return {
      height: 380,
      marginLeft: 64,
      marginRight: 20,
      marginTop: 24,
      x: { type: 'utc', label: 'IAEA as-of date →', grid: false },
      y: {
        type: scale,
        label: '↑ Enriched uranium stockpile (kg U)',
        grid: true,
        domain: scale === 'log' ? [logFloor, maxKg * 1.4] : [0, maxKg * 1.05],
        tickFormat: (kg: number) => kg.toLocaleString('en-GB'),
        ...(scale === 'log' && { ticks: [10, 30, 100, 300, 1000, 3000, 10000, 30000] }),
      },
      color: {
        domain: series,
        range: [...bands.map((b) => b.color), unreportedBand.color, '#6b4c9a'],
        legend: true,
      },
      marks: [
        Plot.rect(segments, {
          x1: (s: Segment) => new Date(s.date.getTime() - halfBarDays * dayMs),
          x2: (s: Segment) => new Date(s.date.getTime() + halfBarDays * dayMs),
          y1: 'y1',
          y2: 'y2',
          fill: 'band',
          fillOpacity: (s: Segment) => (s.after ? 0.35 : 1),
          stroke: 'white',
          strokeWidth: 0.5,
          title: segmentTitle,
          tip: true,
        }),
        Plot.lineY(
          projected.filter((p) => p.kg !== null),
          { x: 'date', y: 'kg', stroke: () => 'projected total', strokeDasharray: '5 4', strokeWidth: 2 },
        ),
        Plot.ruleY([cap], { stroke: '#9b2c2c', strokeWidth: 1.5, strokeDasharray: '6 3' }),
        Plot.text([cap], {
          y: (kg: number) => kg,
          frameAnchor: 'left',
          textAnchor: 'start',
          dx: 6,
          dy: -8,
          text: () => `JCPOA cap ${cap.toLocaleString('en-GB')} kg U`,
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
          fill: '#1d2330',
        }),
      ],
    };
  }, [segments, projected, cap, scale, overview.asOf]);

  const latest = overview.compliance.stockpile;
  const caption = `Enriched uranium stockpile by enrichment level at each IAEA report (kg of uranium, not UF6), ${
    scale === 'log' ? 'log' : 'linear'
  } scale. Grey: the part of the reported total that no reported band accounts for (the level was not reported, not zero).${
    showProjection
      ? ` Dashed: total projected to ${overview.projection.until} from the trend of the last reports.`
      : ''
  } ${
    latest
      ? `Latest on ${latest.asOf}: ${formatKg(latest.totalKgU)}, ${(latest.totalKgU / cap).toFixed(0)} times the cap.`
      : ''
  }`;

  return (
    <section className="panel" aria-labelledby="stockpile-heading">
      <div className="panel-head">
        <h2 id="stockpile-heading">Stockpile by enrichment level</h2>
        <div className="chart-controls">
          <label className="check">
            <input
              type="checkbox"
              checked={showProjection}
              onChange={(event) => setShowProjection(event.target.checked)}
            />{' '}
            Projected total to {overview.projection.until}
          </label>
          <fieldset className="toggle" aria-label="Stockpile scale">
            {(['linear', 'log'] as const).map((option) => (
              <label key={option} className={scale === option ? 'on' : undefined}>
                <input
                  type="radio"
                  name="stockpile-scale"
                  value={option}
                  checked={scale === option}
                  onChange={() => setScale(option)}
                />
                {option === 'linear' ? 'Linear' : 'Log'}
              </label>
            ))}
          </fieldset>
        </div>
      </div>
      <PlotFigure options={options} caption={caption} testId="stockpile-chart">
        {scale === 'log' && (
          <p className="muted small">
            On the log scale a band’s height is not proportional to its mass; hover a bar for its figure.
          </p>
        )}
        {notes.length > 0 && (
          <ul className="chart-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <details className="data-table">
          <summary>Figures and sources ({overview.stockpile.length} IAEA reports)</summary>
          <table className="grid compact">
            <thead>
              <tr>
                <th>As of</th>
                <th className="num">Total</th>
                {bands.map((band) => (
                  <th key={band.key} className="num">
                    {band.label}
                  </th>
                ))}
                <th className="num">{unreportedBand.label}</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {overview.stockpile.map((point) => {
                const known = bands.reduce((sum, band) => sum + (point.byLevel[band.key] ?? 0), 0);
                return (
                  <tr key={point.asOf} className={point.asOf === overview.asOf ? 'current' : undefined}>
                    <td>
                      <time dateTime={point.asOf}>{point.asOf}</time>
                    </td>
                    <td className="num">{formatKg(point.totalKgU, '')}</td>
                    {bands.map((band) => (
                      <td key={band.key} className="num" title={bandLabel(band.key)}>
                        {point.byLevel[band.key] === null ? (
                          <span className="unknown">not reported</span>
                        ) : (
                          formatKg(point.byLevel[band.key], '')
                        )}
                      </td>
                    ))}
                    <td className="num">
                      {point.totalKgU === null ? (
                        <span className="unknown">unknown</span>
                      ) : (
                        formatKg(Math.max(0, point.totalKgU - known), '')
                      )}
                    </td>
                    <td>
                      <SourceLink row={point.sourceRow} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            kg of uranium. “not reported”: the source gives no figure for the band.
          </p>
        </details>
      </PlotFigure>
    </section>
  );
}
