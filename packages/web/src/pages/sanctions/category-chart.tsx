import type { ClassifyResult } from '@lockstep/contract';
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { categoryColor } from './categories.ts';
import { categoryIds, positionLabel, useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

interface Bar {
  readonly position: string;
  readonly category: string;
  readonly count: number;
}

/** Designations by category, one stacked bar per position: where the positions put the same designations. */
export function CategoryChart({ results }: { results: readonly ClassifyResult[] }) {
  const vocabulary = useSanctionsVocabulary();
  const categories = useMemo(() => categoryIds(vocabulary), [vocabulary]);
  const label = (id: string) => positionLabel(vocabulary, id);
  const bars = useMemo(
    () =>
      results.flatMap((result) =>
        categories.map(
          (category): Bar => ({
            position: positionLabel(vocabulary, result.position.id),
            category,
            count: result.totals.byCategory[category],
          }),
        ),
      ),
    [results, categories, vocabulary],
  );
  const options = useMemo(
    (): Plot.PlotOptions => ({
      height: 60 + 44 * results.length,
      marginLeft: 130,
      marginRight: 20,
      x: { label: 'Designations →', grid: true, tickFormat: (n: number) => n.toLocaleString('en-GB') },
      y: { label: null, domain: results.map((r) => positionLabel(vocabulary, r.position.id)) },
      color: {
        domain: [...categories],
        range: categories.map((c) => categoryColor[c]),
        legend: true,
      },
      marks: [
        Plot.barX(
          bars,
          Plot.stackX({
            x: 'count',
            y: 'position',
            fill: 'category',
            order: [...categories],
            title: (b: Bar) => `${b.position}: ${b.count.toLocaleString('en-GB')} ${b.category}`,
          }),
        ),
        Plot.text(
          bars.filter((b) => b.count > 0),
          Plot.stackX({
            x: 'count',
            y: 'position',
            z: 'category',
            order: [...categories],
            text: (b: Bar) => `${b.count.toLocaleString('en-GB')} ${b.category}`,
            fill: 'white',
            fontWeight: 600,
          }),
        ),
        Plot.ruleX([0]),
      ],
    }),
    [bars, results, categories, vocabulary],
  );
  const caption = results
    .map(
      (r) =>
        `${label(r.position.id)}: ${categories
          .map((c) => `${r.totals.byCategory[c].toLocaleString('en-GB')} ${c}`)
          .join(', ')}`,
    )
    .join('; ');
  return (
    <PlotFigure
      options={options}
      caption={`Designations by category under each position. ${caption}.`}
      testId="category-chart"
    />
  );
}
