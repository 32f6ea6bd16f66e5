import type { SequencingPlanJson } from '@lockstep/contract';
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { formatDays, formatValue, partyColors } from './format.ts';
import type { ScenarioView } from './scenario-view.ts';

interface Row {
  readonly measure: string;
  readonly party: string;
  readonly partyName: string;
  readonly text: string;
  readonly phase: number;
  readonly startDay: number;
  readonly completeDay: number;
  readonly verifiedDay: number;
  readonly value: number;
  readonly verifiedBy: string | undefined;
}

function rowTitle(row: Row, unit: string): string {
  return [
    `${row.measure} (${row.partyName}), phase ${row.phase + 1}`,
    row.text,
    `day ${row.startDay} → complete day ${row.completeDay} (${formatDays(row.completeDay - row.startDay)})`,
    row.verifiedDay > row.completeDay
      ? `verified${row.verifiedBy ? ` by ${row.verifiedBy}` : ''} on day ${row.verifiedDay}`
      : 'no verification lag',
    `value ${formatValue(row.value, unit)}`,
  ].join('\n');
}

/**
 * The plan as a Gantt chart: one row per measure, grouped by party, from its start to its completion day
 * (the verification lag after it lighter), with each phase's first day as a labelled rule.
 */
export function GanttChart({
  scenario,
  plan,
  testId,
  caption,
}: {
  scenario: ScenarioView;
  plan: SequencingPlanJson;
  testId: string;
  caption: string;
}) {
  const options = useMemo((): Plot.PlotOptions => {
    const colors = partyColors(scenario.parties);
    const partyName = new Map(scenario.parties.map((p) => [p.id, p.name]));
    const partyOrder = new Map(scenario.parties.map((p, i) => [p.id, i]));
    const byId = new Map(scenario.measures.map((m) => [m.id, m]));
    const rows: Row[] = plan.measures.map((s) => {
      const m = byId.get(s.measure);
      const party = m?.party ?? '?';
      return {
        measure: s.measure,
        party,
        partyName: partyName.get(party) ?? party,
        text: m?.text ?? '',
        phase: s.phase,
        startDay: s.startDay,
        completeDay: s.completeDay,
        verifiedDay: s.verifiedDay,
        value: m?.value ?? 0,
        verifiedBy: m?.verifiedBy,
      };
    });
    rows.sort(
      (a, b) =>
        (partyOrder.get(a.party) ?? 99) - (partyOrder.get(b.party) ?? 99) ||
        a.startDay - b.startDay ||
        a.completeDay - b.completeDay ||
        a.measure.localeCompare(b.measure),
    );
    const names = scenario.parties.map((p) => p.name);
    const end = Math.max(1, ...rows.map((r) => r.verifiedDay));
    const phases = plan.phases.map((p) => ({ ...p, label: `Phase ${p.phase + 1} · day ${p.startDay}` }));
    const title = (r: Row) => rowTitle(r, scenario.valueUnit);
    return {
      height: Math.max(160, rows.length * 22 + 70),
      marginLeft: 210,
      marginRight: 24,
      marginTop: 34,
      x: { label: 'Days from the start of the plan →', domain: [0, end * 1.04], grid: true },
      y: { domain: rows.map((r) => r.measure), label: null, tickSize: 0 },
      color: { domain: names, range: scenario.parties.map((p) => colors.get(p.id)!), legend: true },
      marks: [
        Plot.ruleX(phases, { x: 'startDay', stroke: '#1d2330', strokeOpacity: 0.35, strokeDasharray: '3 3' }),
        // Alternate rows of labels, so that phases a few days apart stay readable.
        ...[0, 1].map((row) =>
          Plot.text(
            phases.filter((_, i) => i % 2 === row),
            {
              x: 'startDay',
              text: 'label',
              frameAnchor: 'top',
              textAnchor: 'start',
              dx: 3,
              dy: row === 0 ? -24 : -11,
              fill: '#1d2330',
              fontSize: 10,
            },
          ),
        ),
        Plot.barX(rows, {
          y: 'measure',
          x1: 'completeDay',
          x2: 'verifiedDay',
          fill: 'partyName',
          fillOpacity: 0.28,
          insetTop: 3,
          insetBottom: 3,
          title,
        }),
        Plot.barX(rows, {
          y: 'measure',
          x1: 'startDay',
          x2: 'completeDay',
          fill: 'partyName',
          insetTop: 3,
          insetBottom: 3,
          title,
          tip: true,
        }),
        Plot.tickX(
          rows.filter((r) => r.completeDay === r.startDay),
          { y: 'measure', x: 'startDay', stroke: 'partyName', strokeWidth: 3, title },
        ),
      ],
    };
  }, [scenario, plan]);
  return <PlotFigure options={options} caption={caption} testId={testId} />;
}
