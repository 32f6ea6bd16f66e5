import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { DatasetSpec, OfacEntry, OfacListChange } from '@lockstep/core';
import {
  type LegacyFileSource,
  readLegacyOfacList,
  readOfacAdvancedXml,
  readOfacDailyChanges,
} from '@lockstep/formats';
import { SanctionsRepository } from '@lockstep/store';
import type { PreparedImport } from '../prepared-import.ts';

const legacyRoles = {
  primary: 'primary',
  aliases: 'aliases',
  addresses: 'addresses',
  'remarks continued': 'comments',
} as const;

/**
 * Reads an OFAC list snapshot (legacy CSV files or the advanced XML) or the daily change log into core values, streaming the
 * files; a malformed file fails here with file, line and field, before anything is written. Undefined for
 * datasets that are not sanctions lists.
 */
export async function prepareSanctionsImport(
  dataDir: string,
  spec: DatasetSpec,
): Promise<PreparedImport | undefined> {
  if (spec.domain !== 'sanctions') return undefined;
  const primary = spec.files.find((f) => f.role === 'primary');
  if (!primary) return undefined;
  if (primary.format === 'csv-header' && spec.name.startsWith('ofac-daily-changes')) {
    const changes: OfacListChange[] = [];
    for await (const change of readOfacDailyChanges(
      createReadStream(join(dataDir, primary.path)),
      primary.path,
    )) {
      changes.push(change);
    }
    return (tx, id) => new SanctionsRepository(tx).addChanges(id, changes);
  }
  if (primary.format === 'ofac-advanced-xml') {
    const entries: OfacEntry[] = [];
    for await (const item of readOfacAdvancedXml(
      createReadStream(join(dataDir, primary.path)),
      primary.path,
    )) {
      if (item.kind === 'entry') entries.push(item.entry);
    }
    return (tx, id) => new SanctionsRepository(tx).addEntries(id, entries);
  }
  if (primary.format !== 'ofac-csv') return undefined;
  const list = spec.name.startsWith('ofac-consolidated') ? 'consolidated' : 'sdn';
  const files: Partial<Record<'primary' | 'aliases' | 'addresses' | 'comments', LegacyFileSource>> = {};
  for (const file of spec.files) {
    const key = legacyRoles[file.role as keyof typeof legacyRoles]; // roles outside the map are not list files
    if (key && file.format === 'ofac-csv') {
      files[key] = { chunks: createReadStream(join(dataDir, file.path)), file: file.path, list };
    }
  }
  const entries: OfacEntry[] = [];
  for await (const entry of readLegacyOfacList({ ...files, primary: files.primary! })) entries.push(entry);
  return (tx, id) => new SanctionsRepository(tx).addEntries(id, entries);
}
