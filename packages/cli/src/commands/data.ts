import type { DatasetDomain } from '@lockstep/contract';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatJson, formatTable } from '../output.ts';
import type { CommandContext } from './command-context.ts';

/** `lockstep data list`: the data catalogue. */
export function registerDataCommands(program: Command, context: CommandContext): void {
  const data = program
    .command('data')
    .description('the datasets Lockstep has loaded, and where they come from');
  data
    .command('list')
    .description('list the loaded datasets: source, list or report date, records and content hash')
    .addOption(new Option('--domain <domain>', 'only one domain').choices(['nuclear', 'sanctions']))
    .option('--json', 'print JSON (the same shape as GET /api/datasets)')
    .action(async (options: { domain?: DatasetDomain; json?: boolean }) => {
      const { datasets } = await context.withWorkbench((wb) =>
        wb.call('datasets.list', options.domain ? { domain: options.domain } : {}),
      );
      if (options.json) return context.io.out(formatJson({ datasets }));
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
    });
}
