import { z } from 'zod';

/** The subject areas datasets belong to. */
export const DatasetDomain = z.enum(['nuclear', 'sanctions']);
export type DatasetDomain = z.infer<typeof DatasetDomain>;

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256 of the content, lowercase hex');

/** One file of a loaded dataset. */
export const DatasetFile = z
  .object({
    path: z.string().describe('Path inside the data folder'),
    format: z.enum(['csv-header', 'ofac-csv', 'ofac-pip', 'ofac-xml', 'ofac-advanced-xml', 'text']),
    role: z.string().describe('What the file holds within the dataset; `primary` is the one counted'),
    sha256,
    bytes: z.number().int().nonnegative(),
    rowCount: z.number().int().nonnegative().describe('Records in the file'),
  })
  .meta({ id: 'DatasetFile' });
export type DatasetFile = z.infer<typeof DatasetFile>;

/** A dataset in the catalogue: what every figure in the product cites as its source. */
export const Dataset = z
  .object({
    name: z.string().describe('Stable identifier, e.g. ofac-sdn-2019-01'),
    title: z.string(),
    domain: DatasetDomain,
    source: z.string().describe('Who published it and where the copy was preserved'),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      .describe('List or report date, to the precision known: YYYY, YYYY-MM or YYYY-MM-DD'),
    dateBasis: z.string().describe('How that date was established'),
    provenance: z.string().describe('Provenance notes shipped with the data, path inside the data folder'),
    sha256: sha256.describe('SHA-256 over the file hashes: changes when any file changes'),
    rowCount: z.number().int().nonnegative().describe('Records in the primary file'),
    loadedAt: z.string().describe('When this version was loaded (ISO 8601, UTC)'),
    files: z.array(DatasetFile).readonly(),
  })
  .meta({ id: 'Dataset' });
export type Dataset = z.infer<typeof Dataset>;

/** `GET /api/datasets` query. */
export const DatasetListQuery = z.object({
  domain: DatasetDomain.optional().describe('Only the datasets of this domain'),
});
export type DatasetListQuery = z.infer<typeof DatasetListQuery>;

/** `GET /api/datasets` response. */
export const DatasetList = z.object({ datasets: z.array(Dataset).readonly() }).meta({ id: 'DatasetList' });
export type DatasetList = z.infer<typeof DatasetList>;
