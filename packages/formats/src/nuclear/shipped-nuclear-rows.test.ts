import { readFileSync } from 'node:fs';
import { shippedCentrifugeEvents, shippedLimits, shippedStockpile } from '@lockstep/core/testing';
import { describe, expect, it } from 'vitest';
import { parseCentrifugeEvents } from './centrifuge-events-csv.ts';
import { parseJcpoaLimits } from './jcpoa-limits-csv.ts';
import { parseStockpileReports } from './stockpile-csv.ts';

/*
 * Core tests cannot read files, so they take the shipped nuclear rows from
 * packages/core/src/nuclear/testing/shipped-nuclear-rows.ts. These tests hold that copy to the files in
 * data/nuclear/, parsed by the real readers: a changed file (or a changed copy) fails here, naming the row.
 */

function read(name: string): string {
  return readFileSync(new URL(`../../../../data/nuclear/${name}`, import.meta.url), 'utf8');
}

describe("core's copy of the shipped nuclear rows", () => {
  it('equals data/nuclear/jcpoa-limits.csv, row for row', () => {
    expect(shippedLimits).toEqual(parseJcpoaLimits(read('jcpoa-limits.csv'), 'jcpoa-limits.csv'));
  });

  it('equals data/nuclear/iaea-enriched-uranium-stockpile.csv, row for row', () => {
    const file = 'iaea-enriched-uranium-stockpile.csv';
    expect(shippedStockpile).toEqual(parseStockpileReports(read(file), file));
  });

  it('equals data/nuclear/centrifuge-events.csv, row for row', () => {
    const file = 'centrifuge-events.csv';
    expect(shippedCentrifugeEvents).toEqual(parseCentrifugeEvents(read(file), file));
  });
});
