import { isoDate } from '../../units.ts';
import type { CentrifugeEvent } from '../centrifuge-event.ts';
import type { JcpoaLimit } from '../jcpoa-limit.ts';
import type { SourceRow } from '../source-row.ts';
import type { StockpileReport } from '../stockpile-report.ts';
import { type KgU, kgU } from '../units.ts';

/*
 * The rows of the shipped files in data/nuclear/, as core types, for core tests (core reads no files).
 * packages/formats/src/nuclear/shipped-nuclear-rows.test.ts parses the files with the real readers and
 * holds these rows equal to them, so a change to a file fails there until this copy follows it;
 * shipped-files.test.ts beside it checks the same compliance, steps and window results on the parsed rows.
 */

function row(
  dataset: string,
  file: string,
  line: number,
  source: string,
  note: string | null = null,
): SourceRow {
  return { dataset, file, line, source, note };
}

function kg(value: number | null): KgU | null {
  return value === null ? null : kgU(value);
}

/** data/nuclear/jcpoa-limits.csv, line for line. */
export const shippedLimits: readonly JcpoaLimit[] = [
  {
    id: 'enrichment-level',
    description: 'maximum enrichment level',
    value: 3.67,
    unit: 'percent U-235',
    years: 15,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'main text para 5',
    sourceRow: row(
      'jcpoa-limits',
      'jcpoa-limits.csv',
      2,
      'JCPOA text (reproduced at reasonedcomments.org and peterkhanzendran.blogspot.com)',
    ),
  },
  {
    id: 'stockpile',
    description: 'enriched uranium stockpile',
    value: 202.8,
    unit: 'kg uranium (300 kg as UF6)',
    years: 15,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'Annex I section J para 56',
    sourceRow: row(
      'jcpoa-limits',
      'jcpoa-limits.csv',
      3,
      'JCPOA Annex I; IAEA usage of 202.8 kg U via ifpnews.com',
    ),
  },
  {
    id: 'natanz-ir1',
    description: 'installed enrichment capacity at Natanz',
    value: 5060,
    unit: 'IR-1 centrifuges',
    years: 10,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'main text para 2',
    sourceRow: row('jcpoa-limits', 'jcpoa-limits.csv', 4, 'JCPOA text'),
  },
  {
    id: 'advanced-centrifuges',
    description: 'enrichment with advanced centrifuges',
    value: 0,
    unit: 'machines enriching for accumulation (R&D only: IR-4/5/6/8 in limited numbers)',
    years: 10,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'main text para 3; Annex I',
    sourceRow: row('jcpoa-limits', 'jcpoa-limits.csv', 5, 'JCPOA text; US fact sheet'),
  },
  {
    id: 'fordow-enrichment',
    description: 'enrichment or nuclear material at Fordow',
    value: 0,
    unit: 'kg / machines enriching',
    years: 15,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'main text para 5',
    sourceRow: row('jcpoa-limits', 'jcpoa-limits.csv', 6, 'JCPOA text'),
  },
  {
    id: 'fordow-machines',
    description: 'IR-1 centrifuges kept at Fordow',
    value: 1044,
    unit: 'IR-1 centrifuges (six cascades)',
    years: 15,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'main text para 6',
    sourceRow: row('jcpoa-limits', 'jcpoa-limits.csv', 7, 'JCPOA text'),
  },
  {
    id: 'heavy-water',
    description: 'heavy water stock',
    value: 130,
    unit: 'tonnes',
    years: 15,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'Annex I section C (paragraph not retrieved)',
    sourceRow: row(
      'jcpoa-limits',
      'jcpoa-limits.csv',
      8,
      'secondary sources (businessfast.co.uk; ifpnews.com)',
    ),
  },
  {
    id: 'uranium-metal',
    description: 'uranium metal production or metallurgy R&D',
    value: 0,
    unit: 'kg',
    years: 15,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'Annex I (paragraph not retrieved)',
    sourceRow: row('jcpoa-limits', 'jcpoa-limits.csv', 9, 'E3 statement of 12 Feb 2021'),
  },
  {
    id: 'additional-protocol',
    description: 'provisional application of the Additional Protocol',
    value: 1,
    unit: 'applied (1) or not (0)',
    years: null,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'Annex I section L para 64',
    sourceRow: row('jcpoa-limits', 'jcpoa-limits.csv', 10, 'JCPOA Annex I'),
  },
  {
    id: 'breakout-goal',
    description: 'design goal for breakout time',
    value: 12,
    unit: 'months',
    years: 10,
    countedFrom: 'Implementation Day',
    whereInJcpoa: 'Lausanne parameters (2 Apr 2015 US fact sheet)',
    sourceRow: row(
      'jcpoa-limits',
      'jcpoa-limits.csv',
      11,
      'US fact sheet: 2-3 months then; at least one year under the deal',
    ),
  },
];

/** data/nuclear/iaea-enriched-uranium-stockpile.csv, line for line. */
export const shippedStockpile: readonly StockpileReport[] = [
  {
    asOf: isoDate('2017-02-18'),
    totalKgU: kg(101.7),
    byLevel: { 'up-to-2pct': kg(null), 'up-to-5pct': kg(null), 'up-to-20pct': kg(0), 'up-to-60pct': kg(0) },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      2,
      'IAEA figure quoted by ifpnews.com (iaea-confirms-iran-nuclear-deal)',
      'all up to 3.67%; JCPOA cap is 202.8 kg U (300 kg UF6)',
    ),
  },
  {
    asOf: isoDate('2019-08-19'),
    totalKgU: kg(241.6),
    byLevel: { 'up-to-2pct': kg(null), 'up-to-5pct': kg(null), 'up-to-20pct': kg(0), 'up-to-60pct': kg(0) },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      3,
      'IAEA report quoted by AP (newser.com)',
      'up to 4.5%',
    ),
  },
  {
    asOf: isoDate('2019-11-03'),
    totalKgU: kg(372.3),
    byLevel: { 'up-to-2pct': kg(null), 'up-to-5pct': kg(null), 'up-to-20pct': kg(0), 'up-to-60pct': kg(0) },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      4,
      'IAEA report quoted by AP (newser.com)',
      'up to 4.5%; heavy water 128.9 t as of 2019-10-28',
    ),
  },
  {
    asOf: isoDate('2020-05-20'),
    totalKgU: kg(1571.6),
    byLevel: { 'up-to-2pct': kg(483), 'up-to-5pct': kg(null), 'up-to-20pct': kg(0), 'up-to-60pct': kg(0) },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      5,
      'IAEA report of 2020-06-05 via ISIS analysis and tvn24.pl; Arms Control Association blog 2020-06-08',
      '2324.9 kg as UF6; all below 5%',
    ),
  },
  {
    asOf: isoDate('2020-08-25'),
    totalKgU: kg(2105.4),
    byLevel: { 'up-to-2pct': kg(638.8), 'up-to-5pct': kg(null), 'up-to-20pct': kg(0), 'up-to-60pct': kg(0) },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      6,
      'IAEA report of 2020-09-04 via ISIS analysis; PassBlue; AFP',
      '3114.5 kg as UF6; ISIS sub-totals (638.8 + 215.1 + 1890) do not add up to the total: treat sub-totals as uncertain',
    ),
  },
  {
    asOf: isoDate('2020-11-02'),
    totalKgU: kg(2443),
    byLevel: { 'up-to-2pct': kg(null), 'up-to-5pct': kg(null), 'up-to-20pct': kg(0), 'up-to-60pct': kg(0) },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      7,
      'IAEA report of 2020-11-11 via Arms Control Association blog 2020-11-13',
      'below 4.5%',
    ),
  },
  {
    asOf: isoDate('2021-05-22'),
    totalKgU: kg(3241),
    byLevel: {
      'up-to-2pct': kg(1367.9),
      'up-to-5pct': kg(1773.2),
      'up-to-20pct': kg(62.8),
      'up-to-60pct': kg(2.4),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      8,
      'IAEA report of 2021-05-31 via janes.com',
      'as_of date approximate (report of 31 May 2021); the by-level amounts are the 3206.3 kg held as UF6 (the rest is in other chemical forms)',
    ),
  },
  {
    asOf: isoDate('2021-08-30'),
    totalKgU: kg(2441.3),
    byLevel: {
      'up-to-2pct': kg(503.8),
      'up-to-5pct': kg(1774.8),
      'up-to-20pct': kg(84.3),
      'up-to-60pct': kg(10.0),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      9,
      'IAEA report of 2021-09-07 via janes.com and AP (iranwatch.org)',
      'as_of date approximate (report of 7 Sep 2021); the by-level amounts are the 2372.9 kg held as UF6',
    ),
  },
  {
    asOf: isoDate('2021-11-06'),
    totalKgU: kg(null),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(113.8),
      'up-to-60pct': kg(17.7),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      10,
      'IAEA report via AFP (timesofisrael)',
      'a later AP story gives 15.5 kg at 60% for this report: conflicting',
    ),
  },
  {
    asOf: isoDate('2022-02-19'),
    totalKgU: kg(3197.1),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(33.2),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      11,
      'IAEA report of 2022-03-03 via AP (iranwatch.org)',
      'as_of date approximate',
    ),
  },
  {
    asOf: isoDate('2022-05-15'),
    totalKgU: kg(3809.3),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(43.1),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      12,
      'IAEA report quoted in press',
      null,
    ),
  },
  {
    asOf: isoDate('2022-09-10'),
    totalKgU: kg(3940.9),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(55.6),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      13,
      'derived from the Nov 2022 AP story (3673.7 + 267.2; 62.3 - 6.7)',
      'derived: as_of date approximate',
    ),
  },
  {
    asOf: isoDate('2022-10-22'),
    totalKgU: kg(3673.7),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(62.3),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      14,
      'IAEA report via AP (qtelegram.com)',
      null,
    ),
  },
  {
    asOf: isoDate('2023-02-12'),
    totalKgU: kg(3760.8),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(434.7),
      'up-to-60pct': kg(87.5),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      15,
      'IAEA report via AP (apadanamedia.org; mehrnews.com)',
      "20% figure derived from the May 2023 report's change",
    ),
  },
  {
    asOf: isoDate('2023-05-13'),
    totalKgU: kg(4744.5),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(470.9),
      'up-to-60pct': kg(114.1),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      16,
      'IAEA report via themedialine.org',
      null,
    ),
  },
  {
    asOf: isoDate('2023-08-19'),
    totalKgU: kg(3795.5),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(121.6),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      17,
      'IAEA report of 2023-09-04 via AP',
      null,
    ),
  },
  {
    asOf: isoDate('2023-10-28'),
    totalKgU: kg(4486.8),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(128.3),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      18,
      'IAEA report of 2023-11-15 via AP (iranwatch.org)',
      null,
    ),
  },
  {
    asOf: isoDate('2024-02-10'),
    totalKgU: kg(5525.5),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(121.5),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      19,
      'IAEA report via AP (voanews)',
      'part of the 60% stock was diluted',
    ),
  },
  {
    asOf: isoDate('2024-05-11'),
    totalKgU: kg(6201.3),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(142.1),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      20,
      'IAEA report via AP (thenationalpulse.com)',
      null,
    ),
  },
  {
    asOf: isoDate('2024-08-17'),
    totalKgU: kg(5751.8),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(164.7),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      21,
      'IAEA report via AP',
      null,
    ),
  },
  {
    asOf: isoDate('2024-10-26'),
    totalKgU: kg(6604.4),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(182.3),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      22,
      'IAEA report of 2024-11-19 via AP',
      null,
    ),
  },
  {
    asOf: isoDate('2025-02-08'),
    totalKgU: kg(8294.4),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(274.8),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      23,
      'IAEA report of 2025-02-26 via AP (citynews.ca)',
      null,
    ),
  },
  {
    asOf: isoDate('2025-05-17'),
    totalKgU: kg(9247.6),
    byLevel: {
      'up-to-2pct': kg(null),
      'up-to-5pct': kg(null),
      'up-to-20pct': kg(null),
      'up-to-60pct': kg(408.6),
    },
    sourceRow: row(
      'iaea-enriched-uranium-stockpile',
      'iaea-enriched-uranium-stockpile.csv',
      24,
      'IAEA report of 2025-05-31 via AP',
      null,
    ),
  },
];

/** data/nuclear/centrifuge-events.csv, line for line (a source of `same` is the previous row's). */
export const shippedCentrifugeEvents: readonly CentrifugeEvent[] = [
  {
    date: isoDate('2015-07-14'),
    site: 'Natanz FEP',
    event: 'JCPOA cap on installed enrichment capacity',
    machines: 5060,
    machineType: 'IR-1',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 2, 'JCPOA main text para 2'),
  },
  {
    date: isoDate('2015-07-14'),
    site: 'Fordow FFEP',
    event: 'JCPOA: no enrichment; 1044 machines kept in six cascades (two spin for stable isotopes)',
    machines: 1044,
    machineType: 'IR-1',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 3, 'JCPOA main text para 6'),
  },
  {
    date: isoDate('2021-01-04'),
    site: 'Fordow FFEP',
    event: '20% enrichment started',
    machines: 1044,
    machineType: 'IR-1',
    sourceRow: row(
      'centrifuge-events',
      'centrifuge-events.csv',
      4,
      'ISIS analysis of the Feb 2021 IAEA report',
    ),
  },
  {
    date: isoDate('2021-03-15'),
    site: 'Natanz FEP',
    event: 'enriching up to 5% in 30 cascades',
    machines: 5060,
    machineType: 'IR-1',
    sourceRow: row(
      'centrifuge-events',
      'centrifuge-events.csv',
      5,
      'IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)',
    ),
  },
  {
    date: isoDate('2021-03-15'),
    site: 'Natanz FEP',
    event: 'enriching up to 5% in 3 cascades',
    machines: 522,
    machineType: 'IR-2m',
    sourceRow: row(
      'centrifuge-events',
      'centrifuge-events.csv',
      6,
      'IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)',
    ),
  },
  {
    date: isoDate('2021-03-15'),
    site: 'Natanz FEP',
    event: 'enriching up to 5% in 1 cascade',
    machines: 174,
    machineType: 'IR-4',
    sourceRow: row(
      'centrifuge-events',
      'centrifuge-events.csv',
      7,
      'IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)',
    ),
  },
  {
    date: isoDate('2021-04-01'),
    site: 'Natanz FEP',
    event: 'declared plan: 36 cascades in total',
    machines: 6084,
    machineType: 'IR-1',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 8, 'IAEA report quoted by Reuters'),
  },
  {
    date: isoDate('2022-08-28'),
    site: 'Natanz FEP',
    event: 'first of three IR-6 cascades enriching',
    machines: 174,
    machineType: 'IR-6',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 9, 'Reuters via ejpress.org'),
  },
  {
    date: isoDate('2022-11-22'),
    site: 'Fordow FFEP',
    event: 'two interconnected cascades producing 60% from 5% feed',
    machines: 332,
    machineType: 'IR-6',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 10, 'IAEA GOV/INF/2023/1 (2 x 166)'),
  },
  {
    date: isoDate('2024-06-11'),
    site: 'Fordow FFEP',
    event: 'declared plan: 8 cascades of 174',
    machines: 1392,
    machineType: 'IR-6',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 11, 'IAEA report quoted by Reuters'),
  },
  {
    date: isoDate('2024-08-17'),
    site: 'Natanz FEP',
    event: '10 of 18 planned IR-2m cascades installed',
    machines: null,
    machineType: 'IR-2m',
    sourceRow: row('centrifuge-events', 'centrifuge-events.csv', 12, 'IAEA report via AP'),
  },
];
