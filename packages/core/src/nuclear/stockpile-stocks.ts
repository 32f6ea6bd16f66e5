import type { Assumption } from './assumption.ts';
import type { UraniumStock } from './feed-plan.ts';
import { type StockpileByLevel, stockLevels } from './stockpile-report.ts';
import { type Assay, assayFromPercent, assayToPercent, type KgU } from './units.ts';

/**
 * The assay at which stock the reports do not place in a band is counted: 5 %. In the reports that give
 * every band (2021-05-22 and 2021-08-30) 96–98 % of the stock was up to 5 %; counting the rest at 5 %
 * understates any 20 % material in it, and so overstates breakout time a little.
 */
export const defaultUnspecifiedAssay: Assay = assayFromPercent(5);

/** A stockpile by band, as the breakout model takes it. */
export interface BandedStockpile {
  /** Label prefix for the stocks (`IAEA 2025-05-17`). */
  readonly label: string;
  readonly byLevel: StockpileByLevel;
  /** Stock in no band, kg U. */
  readonly unspecifiedKgU: KgU;
}

/**
 * The stocks a banded stockpile holds, for the breakout model: each band at its upper bound (60 % for
 * `up to 60 %`), the shortest breakout the bands allow; unspecified stock at `unspecifiedAssay`. Empty
 * and zero bands give no stock.
 */
export function stocksFromStockpile(stockpile: BandedStockpile, unspecifiedAssay: Assay): UraniumStock[] {
  const stocks: UraniumStock[] = stockLevels.flatMap((level) => {
    const kg = stockpile.byLevel[level.id];
    return kg === null || kg === 0
      ? []
      : [
          {
            label: `${stockpile.label}: ${level.label}`,
            assay: assayFromPercent(level.upperPercent),
            kgU: kg,
          },
        ];
  });
  if (stockpile.unspecifiedKgU > 0) {
    stocks.push({
      label: `${stockpile.label}: level not reported`,
      assay: unspecifiedAssay,
      kgU: stockpile.unspecifiedKgU,
    });
  }
  return stocks;
}

/** The assumptions `stocksFromStockpile` makes, for a result's list. */
export function stockpileStocksAssumptions(unspecifiedAssay: Assay, given: boolean): Assumption[] {
  return [
    {
      name: 'assay of each reported band',
      value: 'upper bound',
      unit: '-',
      basis:
        'the IAEA reports bands (up to 2, 5, 20, 60 %); counting each at its upper bound gives the shortest breakout the figures allow',
    },
    {
      name: 'assay of stock in no band',
      value: assayToPercent(unspecifiedAssay),
      unit: '% U-235',
      basis: given
        ? 'given by the caller'
        : 'default: in the reports that give every band (2021-05-22, 2021-08-30) 96–98 % of the stock was up to 5 %; any 20 % material in it is understated',
    },
  ];
}
