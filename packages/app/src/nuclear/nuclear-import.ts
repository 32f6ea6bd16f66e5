import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetSpec } from '@lockstep/core';
import {
  checkFileSize,
  maxNuclearCsvBytes,
  nuclearCsvText,
  parseCentrifugeCensus,
  parseCentrifugeEvents,
  parseHeavyWater,
  parseIaeaReports,
  parseJcpoaLimits,
  parseProgrammeEvents,
  parseProtocolPeriods,
  parsePublishedEstimates,
  parseStockpileReports,
  parseUraniumMetal,
} from '@lockstep/formats';
import { NuclearRepository } from '@lockstep/store';
import type { PreparedImport } from '../prepared-import.ts';

function primaryFile(spec: DatasetSpec): string {
  return spec.files.find((f) => f.role === 'primary')?.path ?? spec.files[0]!.path;
}

/**
 * Parses the nuclear datasets' files into core types (a malformed, empty or oversized file fails here with
 * file, line and column, before anything is written; the encoding is detected as for every CSV file) and returns the step that stores them. Undefined for datasets whose
 * rows are not imported (yet): their catalogue record is all that is stored.
 */
export function prepareNuclearImport(dataDir: string, spec: DatasetSpec): PreparedImport | undefined {
  const file = primaryFile(spec);
  const text = () => {
    const path = join(dataDir, file);
    // Checked before reading, so an oversized file is never read into memory.
    checkFileSize(file, statSync(path).size, maxNuclearCsvBytes, 'a nuclear series CSV');
    return nuclearCsvText(readFileSync(path), file);
  };
  switch (spec.name) {
    case 'jcpoa-limits': {
      const rows = parseJcpoaLimits(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addLimits(id, rows);
    }
    case 'iaea-enriched-uranium-stockpile': {
      const rows = parseStockpileReports(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addStockpileReports(id, rows);
    }
    case 'centrifuge-events': {
      const rows = parseCentrifugeEvents(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addCentrifugeEvents(id, rows);
    }
    case 'iaea-centrifuges': {
      const rows = parseCentrifugeCensus(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addCentrifugeCensus(id, rows);
    }
    case 'published-breakout-estimates': {
      const rows = parsePublishedEstimates(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addPublishedEstimates(id, rows);
    }
    case 'programme-events': {
      const rows = parseProgrammeEvents(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addProgrammeEvents(id, rows);
    }
    case 'iaea-reports': {
      const rows = parseIaeaReports(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addIaeaReports(id, rows);
    }
    case 'iaea-heavy-water': {
      const rows = parseHeavyWater(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addStockReadings(id, 'heavy-water', rows);
    }
    case 'iaea-uranium-metal': {
      const rows = parseUraniumMetal(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addStockReadings(id, 'uranium-metal', rows);
    }
    case 'additional-protocol': {
      const rows = parseProtocolPeriods(text(), file, spec.name);
      return (tx, id) => new NuclearRepository(tx).addProtocolPeriods(id, rows);
    }
    default:
      return undefined;
  }
}
