import type {
  CensusRow,
  CensusStatus,
  CentrifugeEvent,
  EstimateUnit,
  EventKind,
  IaeaReport,
  IaeaReportKind,
  IsoDate,
  JcpoaLimit,
  KgU,
  ProgrammeEvent,
  ProtocolPeriod,
  PublishedEstimate,
  StockpileReport,
  StockReading,
  StockReadingStatus,
} from '@lockstep/core';
import type { SqlExecutor } from './database.ts';
import { insertRows } from './insert-rows.ts';

/** The nuclear series as stored: the newest loaded version of each of the three datasets. */
export interface NuclearSeries {
  readonly limits: readonly JcpoaLimit[];
  readonly stockpile: readonly StockpileReport[];
  readonly events: readonly CentrifugeEvent[];
  /** The IAEA's machine counts per report, site and type (iaea-centrifuges). */
  readonly census: readonly CensusRow[];
  /** Dated breakout estimates as their authors published them. */
  readonly estimates: readonly PublishedEstimate[];
  /** Dated events that explain the curves. */
  readonly programmeEvents: readonly ProgrammeEvent[];
  /** The IAEA's reports on Iran. */
  readonly reports: readonly IaeaReport[];
  /** Heavy water per report, tonnes. */
  readonly heavyWater: readonly StockReading[];
  /** Uranium metal per report, kg U. */
  readonly uraniumMetal: readonly StockReading[];
  /** The periods of the Additional Protocol's application. */
  readonly protocol: readonly ProtocolPeriod[];
}

/** The capped stocks stored in iaea_stock_readings. */
export type StockReadingSeries = 'heavy-water' | 'uranium-metal';

interface SourceColumns {
  dataset: string;
  file: string;
  line: number;
  source: string;
  note: string | null;
}

// The newest version of each dataset and its primary file: what a figure's source row names.
const latestVersions = `
  WITH latest AS (
    SELECT DISTINCT ON (name) id, name FROM datasets ORDER BY name, loaded_at DESC, id DESC
  )
  SELECT latest.id, latest.name AS dataset, f.path AS file
  FROM latest JOIN dataset_files f ON f.dataset_id = latest.id AND f.role = 'primary'`;

function sourceRow(row: SourceColumns) {
  return { dataset: row.dataset, file: row.file, line: row.line, source: row.source, note: row.note };
}

/** The JCPOA limits, IAEA stockpile reports and centrifuge events, each row with its source row. */
export class NuclearRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Stores the limits read from one dataset version. */
  async addLimits(datasetId: number, limits: readonly JcpoaLimit[]): Promise<void> {
    await insertRows(
      this.db,
      'jcpoa_limits',
      [
        'dataset_id',
        'line',
        'id',
        'description',
        'value',
        'unit',
        'years',
        'counted_from',
        'where_in_jcpoa',
        'source',
      ],
      limits.map((l) => [
        datasetId,
        l.sourceRow.line,
        l.id,
        l.description,
        l.value,
        l.unit,
        l.years,
        l.countedFrom,
        l.whereInJcpoa,
        l.sourceRow.source,
      ]),
    );
  }

  /** Stores the stockpile reports read from one dataset version. */
  async addStockpileReports(datasetId: number, reports: readonly StockpileReport[]): Promise<void> {
    await insertRows(
      this.db,
      'stockpile_reports',
      [
        'dataset_id',
        'line',
        'as_of',
        'total_kg_u',
        'up_to_2pct_kg_u',
        'up_to_5pct_kg_u',
        'up_to_20pct_kg_u',
        'up_to_60pct_kg_u',
        'source',
        'note',
      ],
      reports.map((r) => [
        datasetId,
        r.sourceRow.line,
        r.asOf,
        r.totalKgU,
        r.byLevel['up-to-2pct'],
        r.byLevel['up-to-5pct'],
        r.byLevel['up-to-20pct'],
        r.byLevel['up-to-60pct'],
        r.sourceRow.source,
        r.sourceRow.note,
      ]),
    );
  }

  /** Stores the centrifuge events read from one dataset version. */
  async addCentrifugeEvents(datasetId: number, events: readonly CentrifugeEvent[]): Promise<void> {
    await insertRows(
      this.db,
      'centrifuge_events',
      ['dataset_id', 'line', 'date', 'site', 'event', 'machines', 'machine_type', 'source'],
      events.map((e) => [
        datasetId,
        e.sourceRow.line,
        e.date,
        e.site,
        e.event,
        e.machines,
        e.machineType,
        e.sourceRow.source,
      ]),
    );
  }

  /** Stores the per-report machine counts read from one dataset version. */
  async addCentrifugeCensus(datasetId: number, rows: readonly CensusRow[]): Promise<void> {
    await insertRows(
      this.db,
      'centrifuge_census',
      [
        'dataset_id',
        'line',
        'as_of',
        'report',
        'site',
        'machine_type',
        'installed',
        'enriching',
        'cascades',
        'status',
        'source',
        'note',
      ],
      rows.map((r) => [
        datasetId,
        r.sourceRow.line,
        r.asOf,
        r.report,
        r.site,
        r.machineType,
        r.installed,
        r.enriching,
        r.cascades,
        r.status,
        r.sourceRow.source,
        r.sourceRow.note,
      ]),
    );
  }

  /** Stores the published estimates read from one dataset version. */
  async addPublishedEstimates(datasetId: number, rows: readonly PublishedEstimate[]): Promise<void> {
    await insertRows(
      this.db,
      'published_estimates',
      [
        'dataset_id',
        'line',
        'date',
        'author',
        'low',
        'high',
        'unit',
        'material',
        'sq_convention',
        'stock_counted',
        'quote',
        'source',
      ],
      rows.map((r) => [
        datasetId,
        r.sourceRow.line,
        r.date,
        r.author,
        r.low,
        r.high,
        r.unit,
        r.material,
        r.sqConvention,
        r.stockCounted,
        r.quote,
        r.sourceRow.source,
      ]),
    );
  }

  /** Stores the programme events read from one dataset version. */
  async addProgrammeEvents(datasetId: number, rows: readonly ProgrammeEvent[]): Promise<void> {
    await insertRows(
      this.db,
      'programme_events',
      ['dataset_id', 'line', 'date', 'event', 'kind', 'source'],
      rows.map((r) => [datasetId, r.sourceRow.line, r.date, r.event, r.kind, r.sourceRow.source]),
    );
  }

  /** Stores the IAEA reports read from one dataset version. */
  async addIaeaReports(datasetId: number, rows: readonly IaeaReport[]): Promise<void> {
    await insertRows(
      this.db,
      'iaea_reports',
      ['dataset_id', 'line', 'report', 'date', 'kind', 'source', 'note'],
      rows.map((r) => [
        datasetId,
        r.sourceRow.line,
        r.report,
        r.date,
        r.kind,
        r.sourceRow.source,
        r.sourceRow.note,
      ]),
    );
  }

  /** Stores one capped stock's figures per report, read from one dataset version. */
  async addStockReadings(
    datasetId: number,
    series: StockReadingSeries,
    rows: readonly StockReading[],
  ): Promise<void> {
    await insertRows(
      this.db,
      'iaea_stock_readings',
      ['dataset_id', 'line', 'series', 'as_of', 'report', 'amount', 'status', 'source', 'note'],
      rows.map((r) => [
        datasetId,
        r.sourceRow.line,
        series,
        r.asOf,
        r.report,
        r.amount,
        r.status,
        r.sourceRow.source,
        r.sourceRow.note,
      ]),
    );
  }

  /** Stores the Additional Protocol's periods read from one dataset version. */
  async addProtocolPeriods(datasetId: number, rows: readonly ProtocolPeriod[]): Promise<void> {
    await insertRows(
      this.db,
      'protocol_periods',
      ['dataset_id', 'line', 'date_from', 'date_to', 'applied', 'status', 'source', 'note'],
      rows.map((r) => [
        datasetId,
        r.sourceRow.line,
        r.from,
        r.to,
        r.applied,
        r.status,
        r.sourceRow.source,
        r.sourceRow.note,
      ]),
    );
  }

  /** The newest loaded version of each series, in file order. */
  async latest(): Promise<NuclearSeries> {
    const limits = await this.db.query<
      SourceColumns & {
        id: string;
        description: string;
        value: number;
        unit: string;
        years: number | null;
        counted_from: string;
        where_in_jcpoa: string;
      }
    >(
      `WITH v AS (${latestVersions})
       SELECT l.*, v.dataset, v.file, NULL AS note FROM jcpoa_limits l JOIN v ON v.id = l.dataset_id ORDER BY l.line`,
    );
    const stockpile = await this.db.query<
      SourceColumns & {
        as_of: string;
        total_kg_u: number | null;
        up_to_2pct_kg_u: number | null;
        up_to_5pct_kg_u: number | null;
        up_to_20pct_kg_u: number | null;
        up_to_60pct_kg_u: number | null;
      }
    >(
      `WITH v AS (${latestVersions})
       SELECT s.*, v.dataset, v.file FROM stockpile_reports s JOIN v ON v.id = s.dataset_id ORDER BY s.as_of, s.line`,
    );
    const events = await this.db.query<
      SourceColumns & {
        date: string;
        site: string;
        event: string;
        machines: number | null;
        machine_type: string;
      }
    >(
      `WITH v AS (${latestVersions})
       SELECT e.*, v.dataset, v.file, NULL AS note FROM centrifuge_events e JOIN v ON v.id = e.dataset_id
       ORDER BY e.date, e.line`,
    );
    const census = await this.db.query<
      SourceColumns & {
        as_of: string;
        report: string;
        site: string;
        machine_type: string;
        installed: number | null;
        enriching: number | null;
        cascades: number | null;
        status: string;
      }
    >(
      `WITH v AS (${latestVersions})
       SELECT c.*, v.dataset, v.file FROM centrifuge_census c JOIN v ON v.id = c.dataset_id
       ORDER BY c.as_of, c.line`,
    );
    const estimates = await this.db.query<
      SourceColumns & {
        date: string;
        author: string;
        low: number | null;
        high: number | null;
        unit: string;
        material: string;
        sq_convention: string;
        stock_counted: string;
        quote: string;
      }
    >(
      `WITH v AS (${latestVersions})
       SELECT p.*, v.dataset, v.file, NULL AS note FROM published_estimates p JOIN v ON v.id = p.dataset_id
       ORDER BY p.date, p.line`,
    );
    const programmeEvents = await this.db.query<
      SourceColumns & { date: string; event: string; kind: string }
    >(
      `WITH v AS (${latestVersions})
       SELECT e.*, v.dataset, v.file, NULL AS note FROM programme_events e JOIN v ON v.id = e.dataset_id
       ORDER BY e.date, e.line`,
    );
    const reports = await this.db.query<SourceColumns & { report: string; date: string; kind: string }>(
      `WITH v AS (${latestVersions})
       SELECT r.*, v.dataset, v.file FROM iaea_reports r JOIN v ON v.id = r.dataset_id ORDER BY r.date, r.line`,
    );
    const readings = await this.db.query<
      SourceColumns & { series: string; as_of: string; report: string; amount: number | null; status: string }
    >(
      `WITH v AS (${latestVersions})
       SELECT r.*, v.dataset, v.file FROM iaea_stock_readings r JOIN v ON v.id = r.dataset_id
       ORDER BY r.as_of, r.line`,
    );
    const protocol = await this.db.query<
      SourceColumns & { date_from: string; date_to: string | null; applied: boolean; status: string }
    >(
      `WITH v AS (${latestVersions})
       SELECT p.*, v.dataset, v.file FROM protocol_periods p JOIN v ON v.id = p.dataset_id
       ORDER BY p.date_from, p.line`,
    );
    const stockReadings = (series: StockReadingSeries): StockReading[] =>
      readings
        .filter((r) => r.series === series)
        .map((r) => ({
          asOf: r.as_of as IsoDate,
          report: r.report,
          amount: r.amount,
          status: r.status as StockReadingStatus,
          sourceRow: sourceRow(r),
        }));
    // Stored rows passed the same checks on import (and the columns' constraints), so the brands hold.
    return {
      limits: limits.map((r) => ({
        id: r.id,
        description: r.description,
        value: r.value,
        unit: r.unit,
        years: r.years,
        countedFrom: r.counted_from,
        whereInJcpoa: r.where_in_jcpoa,
        sourceRow: sourceRow(r),
      })),
      stockpile: stockpile.map((r) => ({
        asOf: r.as_of as IsoDate,
        totalKgU: r.total_kg_u as KgU | null,
        byLevel: {
          'up-to-2pct': r.up_to_2pct_kg_u as KgU | null,
          'up-to-5pct': r.up_to_5pct_kg_u as KgU | null,
          'up-to-20pct': r.up_to_20pct_kg_u as KgU | null,
          'up-to-60pct': r.up_to_60pct_kg_u as KgU | null,
        },
        sourceRow: sourceRow(r),
      })),
      events: events.map((r) => ({
        date: r.date as IsoDate,
        site: r.site,
        event: r.event,
        machines: r.machines,
        machineType: r.machine_type,
        sourceRow: sourceRow(r),
      })),
      census: census.map((r) => ({
        asOf: r.as_of as IsoDate,
        report: r.report,
        site: r.site,
        machineType: r.machine_type,
        installed: r.installed,
        enriching: r.enriching,
        cascades: r.cascades,
        status: r.status as CensusStatus,
        sourceRow: sourceRow(r),
      })),
      estimates: estimates.map((r) => ({
        date: r.date as IsoDate,
        author: r.author,
        low: r.low,
        high: r.high,
        unit: r.unit as EstimateUnit,
        material: r.material,
        sqConvention: r.sq_convention,
        stockCounted: r.stock_counted,
        quote: r.quote,
        sourceRow: sourceRow(r),
      })),
      programmeEvents: programmeEvents.map((r) => ({
        date: r.date as IsoDate,
        event: r.event,
        kind: r.kind as EventKind,
        sourceRow: sourceRow(r),
      })),
      reports: reports.map((r) => ({
        report: r.report,
        date: r.date as IsoDate,
        kind: r.kind as IaeaReportKind,
        sourceRow: sourceRow(r),
      })),
      heavyWater: stockReadings('heavy-water'),
      uraniumMetal: stockReadings('uranium-metal'),
      protocol: protocol.map((r) => ({
        from: r.date_from as IsoDate,
        to: r.date_to as IsoDate | null,
        applied: r.applied,
        status: r.status,
        sourceRow: sourceRow(r),
      })),
    };
  }
}
