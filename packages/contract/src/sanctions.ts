import { z } from 'zod';
import { defaultPositions, sanctionsDefaults } from './defaults.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** A stored OFAC list snapshot. */
export const SanctionsSnapshot = z
  .object({
    dataset: z.string().describe('The dataset the snapshot was loaded as'),
    date: z.string().describe('List date, to the precision known'),
    entryCount: z.number().int().nonnegative(),
  })
  .meta({ id: 'SanctionsSnapshot' });
export type SanctionsSnapshot = z.infer<typeof SanctionsSnapshot>;

export const SanctionsSnapshotList = z
  .object({ snapshots: z.array(SanctionsSnapshot).readonly() })
  .meta({ id: 'SanctionsSnapshotList' });
export type SanctionsSnapshotList = z.infer<typeof SanctionsSnapshotList>;

/**
 * The longest search query, in characters (after trimming): 200. A name or alias is at most 350
 * characters in OFAC's files and 196 in the real lists; a query is one name in any spelling, not a list.
 */
export const entitySearchQueryMaxChars = 200;

/** `GET /api/sanctions/search`: names and aliases, tolerant of transliteration and word order. */
export const EntitySearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'give a name to search for')
    .max(
      entitySearchQueryMaxChars,
      `at most ${entitySearchQueryMaxChars} characters are accepted: search for one name or alias at a time`,
    )
    .describe(`Name or alias, any spelling; 1 to ${entitySearchQueryMaxChars} characters`),
  snapshot: z.string().optional().describe('Snapshot dataset to search (default: the newest SDN list)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe(`Most matches (default ${sanctionsDefaults.searchLimit})`),
  minScore: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(`Lowest score, 0 to 1 (default ${sanctionsDefaults.searchMinScore})`),
});
export type EntitySearchQuery = z.infer<typeof EntitySearchQuery>;

export const EntityMatch = z
  .object({
    entryNumber: z.number().int(),
    name: z.string(),
    type: z.string(),
    programs: z.array(z.string()).readonly(),
    list: z.string(),
    score: z.number().describe('0 to 1: share of the query found, weighted by closeness'),
    matchedName: z.string(),
    matchedAs: z.enum(['primary name', 'strong alias', 'weak alias']),
    aliasType: z.string().optional(),
    why: z.array(z.string()).readonly().describe('One line per query token: what it matched and how'),
  })
  .meta({ id: 'EntityMatch' });
export type EntityMatch = z.infer<typeof EntityMatch>;

export const EntitySearchResult = z
  .object({
    query: z.string(),
    snapshot: SanctionsSnapshot,
    matches: z.array(EntityMatch).readonly(),
  })
  .meta({ id: 'EntitySearchResult' });
export type EntitySearchResult = z.infer<typeof EntitySearchResult>;

/** `lockstep sanctions import`: one OFAC list in its own files. */
export const SanctionsImportInput = z.object({
  paths: z.array(z.string().min(1)).min(1, 'give the list’s files or its folder'),
  asOf: isoDate.optional().describe('List date, when the files carry none'),
  name: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case name such as ofac-sdn-2025-01-10')
    .optional(),
});
export type SanctionsImportInput = z.infer<typeof SanctionsImportInput>;

export const SanctionsImportResult = z.object({
  dataset: z.string(),
  date: z.string(),
  dateBasis: z.string(),
  entries: z.number().int(),
  alreadyImported: z.boolean(),
  files: z
    .array(z.object({ path: z.string(), role: z.string(), sha256: z.string(), rowCount: z.number() }))
    .readonly(),
});
export type SanctionsImportResult = z.infer<typeof SanctionsImportResult>;

/** `GET /api/sanctions/export`: one snapshot's entries as CSV or JSON. */
export const SanctionsExportQuery = z.object({
  snapshot: z.string().optional().describe('Snapshot dataset (default: the newest SDN list)'),
  format: z.enum(['csv', 'json']).default('csv'),
});
export type SanctionsExportQuery = z.input<typeof SanctionsExportQuery>;

export const SanctionsExport = z.object({
  snapshot: SanctionsSnapshot,
  format: z.enum(['csv', 'json']),
  fileName: z.string(),
  contentType: z.string(),
  body: z.string(),
});
export type SanctionsExport = z.infer<typeof SanctionsExport>;

/** A positions file's id, e.g. `us-2021`. */
const positionId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, `expected a position id such as ${defaultPositions.register}`);

/** A category a position's rules assign, with its label from the positions file. */
export const SanctionsCategoryLabel = z
  .object({
    id: z.enum(['lift', 'keep', 'difficult']),
    label: z.string().describe('What the category means, e.g. "lifted under this position"'),
  })
  .meta({ id: 'SanctionsCategoryLabel' });
export type SanctionsCategoryLabel = z.infer<typeof SanctionsCategoryLabel>;

/** One position of data/sanctions/positions.json, as `GET /api/sanctions/positions` serves it. */
export const SanctionsPositionView = z
  .object({
    id: z.string().describe('The position id the other sanctions operations take, e.g. us-2021'),
    label: z.string().describe('A short name for tables and charts, e.g. "United States 2021"'),
    name: z.string(),
    holder: z.string().describe('Whose position it is'),
    date: z.string().describe('When it was stated'),
    description: z.string(),
    sources: z.array(z.string()).readonly(),
    scope: z.enum(['iran-related', 'all']).describe('The parties it speaks about'),
    categories: z
      .array(SanctionsCategoryLabel)
      .readonly()
      .describe('The categories its rules assign, in the order the file labels them'),
    rules: z.number().int().describe('How many rules it has, tried in order'),
  })
  .meta({ id: 'SanctionsPositionView' });
export type SanctionsPositionView = z.infer<typeof SanctionsPositionView>;

/** `sanctions.positions`: the positions, the category labels, and the position each comparison starts from. */
export const SanctionsPositionList = z
  .object({
    categories: z
      .array(SanctionsCategoryLabel)
      .readonly()
      .describe('Every category with its label, in the order to show them'),
    positions: z.array(SanctionsPositionView).readonly(),
    defaults: z
      .object({
        register: z
          .string()
          .describe('The register’s position, and the one that colours an entity’s timeline'),
        gapFirst: z.string().describe('The gap’s first position'),
        gapSecond: z.string().describe('The gap’s second position'),
        planRelief: z.string().describe('The position whose lift is the US relief of plan init'),
      })
      .describe('The position each comparison starts from (contract defaults.ts)'),
  })
  .meta({ id: 'SanctionsPositionList' });
export type SanctionsPositionList = z.infer<typeof SanctionsPositionList>;

/** `sanctions.classify`: a position applied to the Iran-related parties of a snapshot. */
export const ClassifyQuery = z.object({
  position: positionId.describe(
    'Position id, one of data/sanctions/positions.json (GET /api/sanctions/positions lists them)',
  ),
  snapshot: z.string().optional().describe('Snapshot dataset (default: the newest SDN list)'),
  limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(100000)
    .optional()
    .describe(`Most parties listed (default ${sanctionsDefaults.classifyLimit}; totals count all)`),
});
export type ClassifyQuery = z.infer<typeof ClassifyQuery>;

const Classification = z.looseObject({
  program: z.string(),
  category: z.enum(['lift', 'keep', 'difficult']),
  rule: z.string(),
  reason: z.string(),
  evidence: z.array(z.string()).readonly(),
  uncertain: z.boolean(),
});

export const EntityReliefView = z
  .object({
    entryNumber: z.number().int(),
    name: z.string(),
    type: z.string(),
    layered: z.boolean(),
    relieved: z.boolean(),
    partlyRelieved: z.boolean(),
    byBasis: z.array(z.object({ basis: z.string(), programs: z.array(z.string()).readonly() })).readonly(),
    classifications: z.array(Classification).readonly(),
    blockedBy: z.array(z.string()).readonly().describe('Programs whose designations are not lifted'),
  })
  .meta({ id: 'EntityRelief' });
export type EntityReliefView = z.infer<typeof EntityReliefView>;

export const ClassifyResult = z
  .object({
    position: z.looseObject({
      id: z.string(),
      name: z.string(),
      holder: z.string(),
      date: z.string(),
      description: z.string(),
      sources: z.array(z.string()).readonly(),
    }),
    snapshot: SanctionsSnapshot,
    totals: z.looseObject({
      entities: z.number(),
      designations: z.number(),
      byCategory: z.object({ lift: z.number(), keep: z.number(), difficult: z.number() }),
      entitiesRelieved: z.number(),
      entitiesPartlyRelieved: z.number(),
      layeredEntities: z.number(),
      layeredLeftSanctioned: z.number(),
      uncertain: z.number().describe('Designations decided by a rule whose date condition was undetermined'),
      unknownPrograms: z.array(z.string()).readonly().describe('Tags in scope the catalogue does not know'),
    }),
    entities: z.array(EntityReliefView).readonly(),
  })
  .meta({ id: 'ClassifyResult' });
export type ClassifyResult = z.infer<typeof ClassifyResult>;

/** `sanctions.gap`: where two positions differ, designation by designation. */
export const GapQuery = z.object({
  first: positionId.default(defaultPositions.gapFirst),
  second: positionId.default(defaultPositions.gapSecond),
  snapshot: z.string().optional(),
  limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(100000)
    .optional()
    .describe(`Most designations listed (default ${sanctionsDefaults.gapLimit})`),
});
export type GapQuery = z.infer<typeof GapQuery>;

export const GapResult = z
  .object({
    first: z.string(),
    second: z.string(),
    snapshot: SanctionsSnapshot,
    designations: z.number().int().describe('Designations classified differently'),
    moves: z.record(z.string(), z.number()),
    byProgram: z
      .array(
        z.object({
          program: z.string(),
          basis: z.string(),
          designations: z.number(),
          moves: z.record(z.string(), z.number()),
        }),
      )
      .readonly(),
    relievedOnlyByFirst: z.number().int(),
    relievedOnlyBySecond: z.number().int(),
    items: z
      .array(
        z.object({
          entryNumber: z.number(),
          name: z.string(),
          program: z.string(),
          first: Classification.nullable(),
          second: Classification.nullable(),
        }),
      )
      .readonly(),
  })
  .meta({ id: 'GapResult' });
export type GapResult = z.infer<typeof GapResult>;

/** `sanctions.history`: the designation history across the stored snapshots. */
export const HistoryResult = z
  .object({
    snapshots: z
      .array(z.object({ label: z.string(), date: z.string(), earliestDate: z.string().optional() }))
      .readonly(),
    entries: z.number().int(),
    events: z.record(z.string(), z.number()).describe('History events by kind'),
    relistingLinks: z
      .array(
        z.looseObject({
          from: z.number(),
          to: z.number(),
          confidence: z.number(),
          evidence: z.array(z.string()).readonly(),
        }),
      )
      .readonly(),
    discrepancies: z
      .number()
      .int()
      .describe('Entries where the change log replay did not give the next snapshot'),
  })
  .meta({ id: 'HistoryResult' });
export type HistoryResult = z.infer<typeof HistoryResult>;

/** `sanctions.entity`: matches with their designations, history and category under each position. */
export const EntityQuery = EntitySearchQuery;
export const EntityResult = z
  .object({
    query: z.string(),
    snapshot: SanctionsSnapshot,
    matches: z
      .array(
        EntityMatch.extend({
          layered: z.boolean(),
          lineage: z
            .array(z.number())
            .readonly()
            .describe('Its entry numbers, oldest first, the current one last'),
          designations: z.array(z.object({ program: z.string(), imposed: z.string().nullable() })).readonly(),
          pastDesignations: z
            .array(z.object({ program: z.string(), ended: z.string(), how: z.string() }))
            .readonly(),
          timeline: z
            .array(
              z.object({
                snapshot: z.string(),
                date: z.string(),
                programs: z.array(z.string()).readonly().nullable(),
              }),
            )
            .readonly()
            .describe('Programs in each snapshot (null: not on that list)'),
          positions: z
            .array(
              z.object({
                position: z.string(),
                relieved: z.boolean(),
                classifications: z.array(Classification).readonly(),
              }),
            )
            .readonly(),
        }),
      )
      .readonly(),
  })
  .meta({ id: 'EntityResult' });
export type EntityResult = z.infer<typeof EntityResult>;
