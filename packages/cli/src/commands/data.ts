import { formatTable } from '../output.ts';
import type { CommandOutputs } from './operation-commands.ts';

/** How the data commands print their results. */
export const dataOutputs: CommandOutputs = {
  'datasets.list': {
    print(context, { datasets }) {
      context.io.out(
        formatTable(
          ['NAME', 'DOMAIN', 'DATE', 'RECORDS', 'SHA-256', 'SOURCE'],
          datasets.map((d) => [
            d.name,
            d.domain,
            d.date,
            String(d.rowCount),
            d.sha256.slice(0, 12),
            d.source,
          ]),
        ),
      );
    },
  },
};
