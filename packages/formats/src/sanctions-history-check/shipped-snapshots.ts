import {
  type ChangeLog,
  type IsoDate,
  isoDate,
  type OfacEntry,
  type OfacListChange,
  type OfacSnapshot,
} from '@lockstep/core';
import { readOfacAdvancedXml } from '../ofac/advanced-xml.ts';
import { readOfacDailyChanges } from '../ofac/daily-changes.ts';
import { type LegacyListFiles, readLegacyOfacList } from '../ofac/legacy-list.ts';

/** Opens a shipped file by its path under data/sanctions: its bytes in chunks. */
export type SanctionsFileOpener = (path: string) => AsyncIterable<Uint8Array>;

interface ShippedSnapshot {
  readonly label: string;
  readonly date: IsoDate;
  readonly earliestDate?: IsoDate;
  readonly lists: OfacSnapshot['lists'];
  /** `advanced-xml`: the primary file is OFAC's advanced XML (no other files); else legacy CSV files. */
  readonly format?: 'advanced-xml';
  readonly files: Readonly<Record<'primary' | 'aliases' | 'addresses' | 'comments', string | undefined>>;
}

/**
 * The eight snapshots shipped in data/sanctions/ofac, with their dates as PROVENANCE.md gives them: 2015-01
 * (a day of January 2015), the 2018 Consolidated List (published 2018-04-06, no SDN entries), 2019-01
 * (between 2018-12-19 and 2019-01-04), the 2020 Consolidated List in the advanced XML (issued 2020-03-17,
 * with each listing's date), 2021-04-25 (between 2021-04-15 and 2021-04-25), 2021-08-18, 2023-12-28 and
 * 2024-05-03. Complete sets (sdn, alt, add) are 2019-01, 2021-04-25 and 2023-12-28.
 */
export const shippedSnapshots: readonly ShippedSnapshot[] = [
  {
    label: '2015-01',
    date: isoDate('2015-01-31'),
    earliestDate: isoDate('2015-01-01'),
    lists: ['sdn'],
    files: { primary: 'ofac/2015-01/sdn.csv', aliases: undefined, addresses: undefined, comments: undefined },
  },
  {
    label: '2018-04-consolidated',
    date: isoDate('2018-04-06'),
    lists: ['consolidated'],
    files: {
      primary: 'ofac/2018-04-consolidated/cons_prim.csv',
      aliases: 'ofac/2018-04-consolidated/cons_alt.csv',
      addresses: 'ofac/2018-04-consolidated/cons_add.csv',
      comments: undefined,
    },
  },
  {
    label: '2019-01',
    date: isoDate('2019-01-04'),
    earliestDate: isoDate('2018-12-19'),
    lists: ['sdn'],
    files: {
      primary: 'ofac/2019-01/sdn.csv',
      aliases: 'ofac/2019-01/alt.csv',
      addresses: 'ofac/2019-01/add.csv',
      comments: 'ofac/2019-01/sdn_comments.csv',
    },
  },
  {
    label: '2020-03-17-consolidated-advanced',
    date: isoDate('2020-03-17'),
    lists: ['consolidated'],
    format: 'advanced-xml',
    files: {
      primary: 'ofac/2020-03-17-consolidated-advanced/cons_advanced.xml',
      aliases: undefined,
      addresses: undefined,
      comments: undefined,
    },
  },
  {
    label: '2021-04-25',
    date: isoDate('2021-04-25'),
    earliestDate: isoDate('2021-04-15'),
    lists: ['sdn'],
    files: {
      primary: 'ofac/2021-04-25/sdn.csv',
      aliases: 'ofac/2021-04-25/alt.csv',
      addresses: 'ofac/2021-04-25/add.csv',
      comments: undefined,
    },
  },
  {
    label: '2021-08-18',
    date: isoDate('2021-08-18'),
    lists: ['sdn'],
    files: {
      primary: 'ofac/2021-08-18/sdn.csv',
      aliases: undefined,
      addresses: undefined,
      comments: undefined,
    },
  },
  {
    label: '2023-12-28',
    date: isoDate('2023-12-28'),
    lists: ['sdn'],
    files: {
      primary: 'ofac/2023-12-28/sdn.csv',
      aliases: 'ofac/2023-12-28/alt.csv',
      addresses: 'ofac/2023-12-28/add.csv',
      comments: undefined,
    },
  },
  {
    label: '2024-05-03',
    date: isoDate('2024-05-03'),
    lists: ['sdn'],
    files: {
      primary: 'ofac/2024-05-03/sdn.csv',
      aliases: undefined,
      addresses: undefined,
      comments: undefined,
    },
  },
];

/** The shipped daily change log and the snapshot dates it spans. */
export const shippedChangeLog = {
  path: 'ofac/daily-changes-2021-08_2024-05.csv',
  from: isoDate('2021-08-18'),
  to: isoDate('2024-05-03'),
} as const;

/** Reads one shipped snapshot with every file it has. */
export async function readShippedSnapshot(
  snapshot: ShippedSnapshot,
  open: SanctionsFileOpener,
): Promise<OfacSnapshot> {
  const source = (path: string | undefined) =>
    path === undefined ? undefined : { file: path, chunks: open(path) };
  const files: LegacyListFiles = {
    primary: source(snapshot.files.primary)!,
    ...(snapshot.files.aliases && { aliases: source(snapshot.files.aliases)! }),
    ...(snapshot.files.addresses && { addresses: source(snapshot.files.addresses)! }),
    ...(snapshot.files.comments && { comments: source(snapshot.files.comments)! }),
  };
  const entries: OfacEntry[] = [];
  if (snapshot.format === 'advanced-xml') {
    for await (const item of readOfacAdvancedXml(files.primary.chunks, files.primary.file)) {
      if (item.kind === 'entry') entries.push(item.entry);
    }
  } else {
    for await (const entry of readLegacyOfacList(files)) entries.push(entry);
  }
  return {
    label: snapshot.label,
    date: snapshot.date,
    ...(snapshot.earliestDate && { earliestDate: snapshot.earliestDate }),
    lists: snapshot.lists,
    entries,
  };
}

/** Reads all shipped snapshots, oldest first. */
export function readShippedSnapshots(open: SanctionsFileOpener): Promise<OfacSnapshot[]> {
  return Promise.all(shippedSnapshots.map((snapshot) => readShippedSnapshot(snapshot, open)));
}

/** Reads the shipped change log as `buildDesignationHistory` takes it. */
export async function readShippedChangeLog(open: SanctionsFileOpener): Promise<ChangeLog> {
  const changes: OfacListChange[] = [];
  for await (const change of readOfacDailyChanges(open(shippedChangeLog.path), shippedChangeLog.path)) {
    changes.push(change);
  }
  return { from: shippedChangeLog.from, to: shippedChangeLog.to, changes };
}
