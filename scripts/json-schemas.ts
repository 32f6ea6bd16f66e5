import { ReliefEconomicsJson, StatedRedLinesJson } from '@lockstep/contract';
import { ProgramCatalogueJson, SanctionsPositionsJson } from '@lockstep/formats';
import { z } from 'zod';

/**
 * The JSON Schema files published beside the data files Lockstep writes itself, each generated from the
 * zod schema that reads its file (parsing with it is the validation at load). Paths are from the
 * repository root. `generate-json-schemas.ts` writes them; `json-schemas.test.ts` fails when a checked-in
 * file differs from what is generated here.
 */
export const jsonSchemaFiles: readonly { readonly path: string; readonly schema: z.ZodType }[] = [
  { path: 'data/sanctions/positions.schema.json', schema: SanctionsPositionsJson },
  { path: 'data/sanctions/programs.schema.json', schema: ProgramCatalogueJson },
  { path: 'data/sequencing/stated-red-lines-2021.schema.json', schema: StatedRedLinesJson },
  { path: 'data/sequencing/relief-economics-2021.schema.json', schema: ReliefEconomicsJson },
];

/** The text of one schema file: draft 2020-12, as a file is written (the input side of the zod schema). */
export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }), null, 2)}\n`;
}
