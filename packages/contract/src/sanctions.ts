import { z } from 'zod';

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

/** `GET /api/sanctions/search`: names and aliases, tolerant of transliteration and word order. */
export const EntitySearchQuery = z.object({
  q: z.string().trim().min(1, 'give a name to search for').max(200).describe('Name or alias, any spelling'),
  snapshot: z.string().optional().describe('Snapshot dataset to search (default: the newest SDN list)'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Most matches (default 20)'),
  minScore: z.coerce.number().min(0).max(1).optional().describe('Lowest score, 0 to 1 (default 0.75)'),
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
