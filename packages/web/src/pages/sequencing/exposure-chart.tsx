import type { ExposureLineJson, PlanScoreJson } from '@lockstep/contract';
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { formatNumber, formatValue, partyColors } from './format.ts';
import type { ScenarioView } from './scenario-view.ts';

interface Point {
  readonly party: string;
  readonly phase: number;
  readonly delivered: number;
  readonly received: number;
  readonly exposure: number;
}

/**
 * Each party's exposure (value delivered minus value received, cumulated) after each phase, with every
 * max-exposure red line drawn as a horizontal rule at its limit in the value unit.
 */
export function ExposureChart({
  scenario,
  score,
  lines,
}: {
  scenario: ScenarioView;
  score: PlanScoreJson;
  lines: readonly ExposureLineJson[];
}) {
  const unit = scenario.valueUnit;
  const { options, caption } = useMemo(() => {
    const colors = partyColors(scenario.parties);
    const name = new Map(scenario.parties.map((p) => [p.id, p.name]));
    const points: Point[] = score.exposure.flatMap((curve) => [
      { party: name.get(curve.party) ?? curve.party, phase: 0, delivered: 0, received: 0, exposure: 0 },
      ...curve.points.map((p) => ({
        party: name.get(curve.party) ?? curve.party,
        phase: p.phase + 1,
        delivered: p.delivered,
        received: p.received,
        exposure: p.exposure,
      })),
    ]);
    const rules = lines.map((l) => ({ ...l, partyName: name.get(l.party) ?? l.party }));
    // One label per limit: red lines at the same level share it instead of overprinting.
    const byLimit = new Map<string, (typeof rules)[number][]>();
    for (const r of rules)
      byLimit.set(formatNumber(r.limit), [...(byLimit.get(formatNumber(r.limit)) ?? []), r]);
    const labels = [...byLimit.values()].map((group) => ({
      limit: group[0]!.limit,
      label: `${group.map((r) => `${r.redLine}: ${r.partyName}`).join(' · ')} at most ${formatValue(group[0]!.limit, unit)}`,
    }));
    const values = [0, ...points.map((p) => p.exposure), ...rules.map((r) => r.limit)];
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = Math.max(1, (high - low) * 0.08);
    const phases = Array.from({ length: scenario.phaseCount + 1 }, (_, i) => i);
    const options: Plot.PlotOptions = {
      height: 320,
      marginLeft: 64,
      marginRight: 24,
      marginTop: 24,
      x: {
        label: 'After phase →',
        ticks: phases,
        tickFormat: (d: number) => (d === 0 ? 'start' : `${d}`),
        domain: [0, scenario.phaseCount],
      },
      y: { label: `↑ Exposure (${unit} delivered − received)`, grid: true, domain: [low - pad, high + pad] },
      color: {
        domain: scenario.parties.map((p) => p.name),
        range: scenario.parties.map((p) => colors.get(p.id)!),
        legend: true,
      },
      marks: [
        Plot.ruleY([0], { stroke: '#1d2330', strokeOpacity: 0.4 }),
        Plot.ruleY(rules, {
          y: 'limit',
          stroke: 'partyName',
          strokeDasharray: '6 3',
          strokeWidth: 1.5,
        }),
        Plot.text(labels, {
          y: 'limit',
          text: 'label',
          frameAnchor: 'right',
          textAnchor: 'end',
          dy: -7,
          fill: '#9b2c2c',
          fontWeight: 600,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        }),
        Plot.line(points, {
          x: 'phase',
          y: 'exposure',
          stroke: 'party',
          curve: 'step-after',
          strokeWidth: 2,
        }),
        Plot.dot(points, {
          x: 'phase',
          y: 'exposure',
          fill: 'party',
          r: 3,
          title: (p: Point) =>
            `${p.party} after ${p.phase === 0 ? 'nothing' : `phase ${p.phase}`}\ndelivered ${formatValue(p.delivered, unit)}, received ${formatValue(p.received, unit)}\nexposure ${formatValue(p.exposure, unit)}`,
          tip: true,
        }),
      ],
    };
    const peaks = score.exposure
      .map((c) => `${name.get(c.party) ?? c.party} ${formatNumber(c.peak)}`)
      .join(', ');
    const caption = `Exposure of each party after each phase: the value it has delivered minus the value it has received, cumulated (${unit}; measures in the same phase count as exchanged together). Dashed: each max-exposure red line at its limit (a share resolved against the party’s total). Peaks: ${peaks} ${unit}.`;
    return { options, caption };
  }, [scenario, score, lines, unit]);
  return <PlotFigure options={options} caption={caption} testId="exposure-chart" />;
}
