import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { type Category, categoryColor, type EntityMatch } from './categories.ts';
import { categoryIds, positionLabel, useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

interface Held {
  readonly date: Date;
  readonly snapshot: string;
  readonly program: string;
  readonly status: string;
}

const utc = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);

/**
 * A party's programs across the stored snapshots: a mark where the program is held, a line while it is held
 * from one snapshot to the next, and a dashed rule at each snapshot where the party is not on the list.
 * Programs held now are coloured by their category under the register's default position.
 */
export function EntityTimeline({ match }: { match: EntityMatch }) {
  const vocabulary = useSanctionsVocabulary();
  const colouredBy = vocabulary.defaults.register;
  const categories = useMemo(() => categoryIds(vocabulary), [vocabulary]);
  const view = match.positions.find((p) => p.position === colouredBy);
  const categoryOf = useMemo(
    () => new Map<string, Category>((view?.classifications ?? []).map((c) => [c.program, c.category])),
    [view],
  );
  const { held, runs, absent, programs, dates } = useMemo(() => {
    const programs: string[] = [...match.programs];
    for (const point of match.timeline)
      for (const program of point.programs ?? []) if (!programs.includes(program)) programs.push(program);
    const statusOf = (program: string) =>
      match.programs.includes(program) ? (categoryOf.get(program) ?? 'held now') : 'held earlier';
    const held: Held[] = match.timeline.flatMap((point) =>
      (point.programs ?? []).map((program) => ({
        date: utc(point.date),
        snapshot: point.snapshot,
        program,
        status: statusOf(program),
      })),
    );
    const runs: { program: string; x1: Date; x2: Date; status: string }[] = [];
    for (const program of programs) {
      for (let i = 1; i < match.timeline.length; i++) {
        const before = match.timeline[i - 1];
        const after = match.timeline[i];
        if (before?.programs?.includes(program) && after?.programs?.includes(program))
          runs.push({ program, x1: utc(before.date), x2: utc(after.date), status: statusOf(program) });
      }
    }
    const absent = match.timeline
      .filter((point) => point.programs === null)
      .map((point) => ({ date: utc(point.date), snapshot: point.snapshot }));
    return { held, runs, absent, programs, dates: match.timeline.map((p) => utc(p.date)) };
  }, [match, categoryOf]);

  const options = useMemo((): Plot.PlotOptions => {
    const statuses: string[] = [...categories, 'held now', 'held earlier'];
    return {
      height: 90 + 34 * programs.length,
      marginLeft: 90,
      marginRight: 40,
      marginTop: 30,
      marginBottom: 40,
      x: {
        type: 'utc',
        label: 'Snapshot date →',
        ticks: dates,
        tickFormat: '%Y-%m-%d',
        inset: 30,
      },
      y: { domain: programs, label: null },
      color: {
        domain: statuses,
        range: [...categories.map((c) => categoryColor[c]), '#1f4e79', '#a0a8b5'],
        legend: true,
      },
      marks: [
        Plot.ruleX(dates, { stroke: '#d9dde5' }),
        Plot.ruleX(absent, { x: 'date', stroke: '#9b2c2c', strokeDasharray: '4,3' }),
        Plot.text(absent, {
          x: 'date',
          text: () => 'not on this list',
          frameAnchor: 'top',
          dy: -14,
          fill: '#9b2c2c',
          fontSize: 11,
        }),
        Plot.ruleY(runs, {
          y: 'program',
          x1: 'x1',
          x2: 'x2',
          stroke: 'status',
          strokeWidth: 4,
          strokeOpacity: 0.5,
        }),
        Plot.dot(held, {
          x: 'date',
          y: 'program',
          fill: 'status',
          r: 6,
          stroke: 'white',
          title: (d: Held) => `${d.program} held on ${d.snapshot} (${d.date.toISOString().slice(0, 10)})`,
        }),
      ],
    };
  }, [held, runs, absent, programs, dates, categories]);

  const caption = `Programs of entry ${match.entryNumber} on each stored snapshot: ${match.timeline
    .map(
      (p) =>
        `${p.snapshot}: ${p.programs === null ? 'not on the list' : p.programs.join(', ') || 'no program'}`,
    )
    .join(
      '; ',
    )}. Colour: the current designation’s category under the ${positionLabel(vocabulary, colouredBy)} position; grey, a program held earlier.`;
  return <PlotFigure options={options} caption={caption} testId="entity-timeline" />;
}
