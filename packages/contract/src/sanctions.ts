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

/**
 * Control characters (C0, DEL and C1: U+0000-U+001F, U+007F-U+009F) have no place in a name; a name holding
 * one is refused rather than searched with it stripped, since the caller's text is not what they meant.
 */
export const controlCharacters = /\p{Cc}/u;

/** The first control character in `text`, as `U+000A`, or undefined. */
export function controlCharacterIn(text: string): string | undefined {
  const found = controlCharacters.exec(text)?.[0];
  return found === undefined
    ? undefined
    : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One name to search for: trimmed, 1 to `entitySearchQueryMaxChars` characters, no control characters. */
export function searchName(what: string) {
  return z
    .string()
    .trim()
    .min(1, `give a name to ${what}`)
    .max(
      entitySearchQueryMaxChars,
      `at most ${entitySearchQueryMaxChars} characters are accepted: search for one name or alias at a time`,
    )
    .refine((text) => !controlCharacters.test(text), {
      error: (issue) =>
        `a control character (${controlCharacterIn(String(issue.input))}) is not accepted in a name; control characters U+0000-U+001F and U+007F-U+009F are refused`,
    });
}

/** `GET /api/sanctions/search`: names and aliases, tolerant of transliteration and word order. */
export const EntitySearchQuery = z.object({
  q: searchName('search for').describe(
    `Name or alias, any spelling; 1 to ${entitySearchQueryMaxChars} characters, no control characters`,
  ),
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
    .describe(
      `The floor: lowest score shown, 0 to 1 (default ${sanctionsDefaults.searchMinScore}); every candidate at or above it is ranked`,
    ),
  type: z
    .enum(['individual', 'entity', 'vessel', 'aircraft'])
    .optional()
    .describe('Only entries of this SDN type'),
  program: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('Only entries under this program tag, e.g. IRGC'),
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
    nameSource: z
      .string()
      .describe(
        'Where the matched name comes from: "primary name on this list", "alias on this list", or a list it was carried from, e.g. "alias on the 2023-12-28 list"',
      ),
    why: z.array(z.string()).readonly().describe('One line per query token: what it matched and how'),
  })
  .meta({ id: 'EntityMatch' });
export type EntityMatch = z.infer<typeof EntityMatch>;

export const EntitySearchResult = z
  .object({
    query: z.string(),
    snapshot: SanctionsSnapshot,
    minScore: z
      .number()
      .describe('The floor this answer used: every candidate scoring at or above it is listed'),
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
    minScore: z
      .number()
      .describe('The floor this answer used: every candidate scoring at or above it is listed'),
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

/** The SDN types a screening row or a match query may be limited to. */
export const screeningTypes = ['individual', 'entity', 'vessel', 'aircraft'] as const;

/** What a screening or match call leaves out when the caller gives none, and its bounds. */
export const screeningDefaults = {
  /** Lowest score a candidate must reach, 0 to 1, after the country and birth-date adjustments. */
  threshold: 0.8,
  /** Most candidates kept per screened name. */
  limit: 3,
  /** Most rows one `POST /api/sanctions/screen` takes (a file on the command line may hold more). */
  maxRowsPerRequest: 100,
  /** Most rows one screening file may hold. */
  maxFileRows: 50_000,
  /** Most characters of a country or birth-date cell. */
  maxCellChars: 100,
  /** yente's defaults: results per query, the score that makes `match` true, queries per request. */
  matchLimit: 5,
  matchMaxLimit: 50,
  matchThreshold: 0.7,
  matchMaxQueries: 100,
} as const;

const screeningCell = (what: string) =>
  z
    .string()
    .trim()
    .max(screeningDefaults.maxCellChars, `at most ${screeningDefaults.maxCellChars} characters`)
    .refine((text) => !controlCharacters.test(text), {
      message: `control characters are not accepted in a ${what}`,
    });

/** One name to screen, as the JSON body of `POST /api/sanctions/screen` gives it. */
export const ScreeningRow = z
  .object({
    name: searchName('screen').describe(
      `The name to screen, any spelling; 1 to ${entitySearchQueryMaxChars} characters`,
    ),
    type: z
      .enum(screeningTypes)
      .optional()
      .describe('Only candidates of this SDN type: individual, entity, vessel or aircraft'),
    country: screeningCell('country')
      .optional()
      .describe(
        'A country (name as OFAC writes it, e.g. Iran, or ISO code, e.g. IR): agreeing addresses or nationality add to the score, disagreeing ones take from it',
      ),
    birthDate: z
      .string()
      .trim()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
      .optional()
      .describe('Birth date (YYYY, YYYY-MM or YYYY-MM-DD), compared with the DOB in the remarks'),
  })
  .meta({ id: 'ScreeningRow' });
export type ScreeningRow = z.infer<typeof ScreeningRow>;

const screeningOptions = {
  snapshot: z
    .string()
    .optional()
    .describe('Snapshot dataset to screen against (default: the newest SDN list)'),
  threshold: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(`Lowest score of a candidate, 0 to 1 (default ${screeningDefaults.threshold})`),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .optional()
    .describe(`Most candidates per name (default ${screeningDefaults.limit})`),
};

/** `POST /api/sanctions/screen`: a batch of names, each with its best candidates. */
export const ScreeningRequest = z
  .object({
    rows: z
      .array(ScreeningRow)
      .min(1, 'give at least one row to screen')
      .max(
        screeningDefaults.maxRowsPerRequest,
        `at most ${screeningDefaults.maxRowsPerRequest} rows per request: split the batch, or screen a file with lockstep sanctions screen`,
      )
      .describe(`The names to screen, 1 to ${screeningDefaults.maxRowsPerRequest}`),
    ...screeningOptions,
  })
  .meta({ id: 'ScreeningRequest' });
export type ScreeningRequest = z.infer<typeof ScreeningRequest>;

/** `lockstep sanctions screen names.csv`: a CSV file of names with a header. */
export const ScreeningFileInput = z.object({
  path: z.string().min(1),
  ...screeningOptions,
  skipBadRows: z
    .boolean()
    .optional()
    .describe('Report bad rows (line and reason) and screen the rest, instead of refusing the file'),
});
export type ScreeningFileInput = z.infer<typeof ScreeningFileInput>;

/** One candidate for a screened name. */
export const ScreeningCandidate = z
  .object({
    entryNumber: z.number().int(),
    name: z.string(),
    type: z.string(),
    programs: z.array(z.string()).readonly(),
    score: z.number().describe('0 to 1: the name score, adjusted by country and birth date'),
    nameScore: z.number().describe('0 to 1: the name search score alone'),
    matchedName: z.string(),
    matchedAs: z.enum(['primary name', 'strong alias', 'weak alias']),
    nameSource: z
      .string()
      .describe('Where the matched name comes from: primary name, alias on this list, or another list'),
    why: z.array(z.string()).readonly(),
  })
  .meta({ id: 'ScreeningCandidate' });
export type ScreeningCandidate = z.infer<typeof ScreeningCandidate>;

export const ScreeningResult = z
  .object({
    snapshot: SanctionsSnapshot,
    threshold: z.number(),
    limit: z.number().int(),
    screened: z.number().int().describe('Rows screened'),
    withCandidates: z.number().int().describe('Rows with at least one candidate at or above the threshold'),
    rows: z
      .array(
        z.object({
          line: z.number().int().optional().describe('The row’s line in the file (files only)'),
          index: z.number().int().describe('0-based position among the rows given'),
          name: z.string(),
          type: z.string().optional(),
          country: z.string().optional(),
          birthDate: z.string().optional(),
          candidates: z.array(ScreeningCandidate).readonly(),
        }),
      )
      .readonly(),
    skipped: z
      .array(z.object({ line: z.number().int(), reason: z.string() }))
      .readonly()
      .describe('Rows left out with --skip-bad-rows, each with its line and why'),
  })
  .meta({ id: 'ScreeningResult' });
export type ScreeningResult = z.infer<typeof ScreeningResult>;

/** The FollowTheMoney schemas a yente match query may name. */
export const matchSchemas = [
  'Person',
  'Company',
  'Organization',
  'LegalEntity',
  'Vessel',
  'Airplane',
  'Thing',
] as const;

/** A property value as yente takes it: one string or a list of them (bounded here; checked per name later). */
const matchValues = z
  .union([z.string().max(1_000), z.array(z.string().max(1_000)).max(20)], {
    error: 'expected a string or a list of at most 20 strings, each of at most 1,000 characters',
  })
  .describe('One value or a list of values');

/** One example entity of a yente match query. */
export const MatchExample = z
  .object({
    id: z.string().max(200).optional(),
    schema: z
      .enum(matchSchemas)
      .describe(
        'FollowTheMoney schema: Person, Company, Organization, LegalEntity, Vessel, Airplane or Thing',
      ),
    properties: z
      .object({
        name: matchValues.describe(
          `Names to match (required), each 1 to ${entitySearchQueryMaxChars} characters`,
        ),
        birthDate: matchValues.optional(),
        country: matchValues.optional(),
        nationality: matchValues.optional(),
        jurisdiction: matchValues.optional(),
        imoNumber: matchValues.optional(),
        registrationNumber: matchValues.optional(),
        idNumber: matchValues.optional(),
        passportNumber: matchValues.optional(),
      })
      .catchall(matchValues)
      .describe('FollowTheMoney properties; others are accepted and not used'),
  })
  .meta({ id: 'MatchExample' });
export type MatchExample = z.infer<typeof MatchExample>;

/** `POST /api/match/{dataset}`: yente's query-by-example matcher over one stored snapshot. */
export const MatchQuery = z.object({
  dataset: z
    .string()
    .min(1)
    .max(200)
    .describe('A stored snapshot dataset, or `default` for the newest SDN list'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(screeningDefaults.matchMaxLimit)
    .optional()
    .describe(`Results per query (default ${screeningDefaults.matchLimit})`),
  threshold: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(`Score at which a result is a match (default ${screeningDefaults.matchThreshold})`),
  queries: z
    .record(z.string().min(1).max(100), MatchExample)
    .describe(`Examples by a key of the caller's choosing, 1 to ${screeningDefaults.matchMaxQueries}`),
  weights: z.record(z.string(), z.number()).optional().describe('Accepted for yente compatibility; not used'),
  config: z.record(z.string(), z.unknown()).optional().describe('Accepted for yente compatibility; not used'),
});
export type MatchQuery = z.infer<typeof MatchQuery>;

const FtmProperties = z.record(z.string(), z.array(z.string()).readonly());

export const MatchResultEntity = z
  .object({
    id: z.string().describe('ofac-<entry number>'),
    caption: z.string(),
    schema: z.string(),
    properties: FtmProperties,
    datasets: z.array(z.string()).readonly(),
    referents: z.array(z.string()).readonly(),
    target: z.boolean(),
    first_seen: z.string().nullable(),
    last_seen: z.string().nullable(),
    last_change: z.string().nullable(),
    score: z.number(),
    features: z.record(z.string(), z.number()),
    match: z.boolean().describe('score >= threshold'),
    explanations: z.array(z.string()).readonly().describe('Lockstep’s reasons, line by line (not in yente)'),
  })
  .meta({ id: 'MatchResultEntity' });
export type MatchResultEntity = z.infer<typeof MatchResultEntity>;

export const MatchResponse = z
  .object({
    responses: z.record(
      z.string(),
      z.object({
        status: z.number().int(),
        results: z.array(MatchResultEntity).readonly(),
        total: z.object({ value: z.number().int(), relation: z.string() }),
        query: z.object({
          id: z.string().optional(),
          schema: z.string(),
          properties: FtmProperties,
        }),
      }),
    ),
    matcher: z.record(
      z.string(),
      z.object({ description: z.string(), coefficient: z.number(), url: z.string() }),
    ),
    limit: z.number().int(),
  })
  .meta({ id: 'MatchResponse' });
export type MatchResponse = z.infer<typeof MatchResponse>;
