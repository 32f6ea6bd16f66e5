import { readFileSync } from 'node:fs';
import { maxNameChars, type OfacEntry } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { readLegacyOfacList } from './legacy-list.ts';
import { chunked, collect, sanctionsDataRoot, sanctionsFile } from './testing/sanctions-data.ts';

let joined2019: Promise<OfacEntry[]> | undefined;
function list2019(): Promise<OfacEntry[]> {
  joined2019 ??= collect(
    readLegacyOfacList({
      primary: sanctionsFile('ofac/2019-01/sdn.csv'),
      aliases: sanctionsFile('ofac/2019-01/alt.csv'),
      addresses: sanctionsFile('ofac/2019-01/add.csv'),
      comments: sanctionsFile('ofac/2019-01/sdn_comments.csv'),
    }),
  );
  return joined2019;
}

function source(file: string, text: string) {
  return { file, chunks: chunked(text, 11) };
}

const sdnRows =
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n' +
  '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."\r\n\x1a';

describe('readLegacyOfacList on the 2019-01 SDN list (sdn, alt, add, sdn_comments)', () => {
  it('joins 7,379 entries with their strong and weak aliases and their non-empty addresses', async () => {
    const entries = await list2019();
    expect(entries).toHaveLength(7379);
    const aliases = entries.flatMap((entry) => entry.aliases);
    expect(aliases.filter((alias) => alias.strength === 'strong')).toHaveLength(9682);
    expect(aliases.filter((alias) => alias.strength === 'weak').length).toBeGreaterThan(2000);
    // 2,222 of add.csv's 11,696 records are -0- in every field.
    expect(entries.flatMap((entry) => entry.addresses)).toHaveLength(11696 - 2222);
  });

  it('continues remarks cut at 1,000 characters with sdn_comments.csv, as printed', async () => {
    const entries = await list2019();
    const cifuentes = entries.find((entry) => entry.entryNumber === 12300)!;
    expect(cifuentes.remarks!.length).toBeGreaterThan(1000);
    expect(cifuentes.remarks).toContain('Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL INMOBILIARIA');
    expect(cifuentes.remarks!.endsWith('Linked To: R D I S.A.')).toBe(true);
    const cut = entries.filter((entry) => entry.remarks?.length === 1000);
    expect(cut).toEqual([]);
  });

  it('gives an entry its alt.csv aliases first, then the weak ones from its remarks', async () => {
    const entries = await list2019();
    expect(entries.find((entry) => entry.entryNumber === 306)!.aliases).toEqual([
      { id: 220, type: 'a.k.a.', name: 'NATIONAL BANK OF CUBA', strength: 'strong' },
      { type: 'a.k.a.', name: 'BNC', strength: 'weak' },
    ]);
  });
});

describe('readLegacyOfacList errors', () => {
  it('names the file and line of an alias whose entry is not in the main file', async () => {
    const entries = collect(
      readLegacyOfacList({
        primary: source('sdn.csv', sdnRows),
        aliases: source('alt.csv', '36,12,"aka","AERO-CARIBBEAN",-0- \r\n999,13,"aka","NOBODY",-0- \r\n'),
      }),
    );
    await expect(entries).rejects.toThrow(
      'alt.csv, line 2, ent_num (field 1): entry 999 is not in sdn.csv; every record must belong to an entry',
    );
  });

  it('names the line of an entry number given twice', async () => {
    const entries = collect(
      readLegacyOfacList({ primary: source('sdn.csv', sdnRows.replace('306,', '36,')) }),
    );
    await expect(entries).rejects.toThrow(
      'sdn.csv, line 2, ent_num (field 1): entry 36 is given twice (first on line 1)',
    );
  });

  it('joins a spillover continuation onto the cut remarks', async () => {
    const entries = await collect(
      readLegacyOfacList({
        primary: source('sdn.csv', sdnRows.replace("a.k.a. 'BNC'.", "a.k.a. 'BN")),
        comments: source('sdn_comments.csv', "306,\"C'; a.k.a. 'BANCO'.\"\r\n"),
      }),
    );
    expect(entries[1]!.remarks).toBe("a.k.a. 'BNC'; a.k.a. 'BANCO'.");
    expect(entries[1]!.aliases.map((alias) => alias.name)).toEqual(['BNC', 'BANCO']);
  });
});

describe('the encoding of a legacy list', () => {
  // The real 2019-01 sdn.csv (plain ASCII), with entry 306 renamed to hold characters outside ASCII.
  const original = readFileSync(new URL('ofac/2019-01/sdn.csv', sanctionsDataRoot), 'latin1');
  const name = 'BANCO NACIONAL DE CUBA – SUCURSAL ZÜRICH';
  const renamed = original.replace('"BANCO NACIONAL DE CUBA"', `"${name}"`);
  const utf8 = Buffer.from(renamed, 'utf8');
  // Windows-1252: the dash is 0x96, Ü is 0xDC as in Latin-1.
  const windows1252 = Buffer.from(renamed.replace('–', '\x96'), 'latin1');
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);

  it.each([
    ['UTF-8 without a byte order mark', utf8],
    ['UTF-8 with a byte order mark', Buffer.concat([bom, utf8])],
    ['Windows-1252', windows1252],
  ])('reads the list saved as %s with the name as written', async (_encoding, bytes) => {
    const entries = await collect(
      readLegacyOfacList({ primary: { file: 'sdn.csv', chunks: chunked(bytes, 65_536) } }),
    );
    expect(entries).toHaveLength(7379);
    expect(entries.find((entry) => entry.entryNumber === 306)!.name).toBe(name);
    expect(entries[0]!.entryNumber).toBe(36);
  });

  it('refuses an empty main file, or one of only blank lines, naming it', async () => {
    const read = (text: string) => collect(readLegacyOfacList({ primary: source('sdn.csv', text) }));
    await expect(read('')).rejects.toThrow(
      'sdn.csv, line 1: the file is empty (0 bytes): expected records of ent_num, SDN_Name',
    );
    await expect(read('\r\n\r\n\x1a')).rejects.toThrow('sdn.csv, line 1: the file holds only white space');
    await expect(read(' \r\n\t\r\n\x1a')).rejects.toThrow(
      'sdn.csv, line 1: the file holds no records, only blank lines or white space',
    );
  });
});

describe('the name limit of a legacy list', () => {
  const long = 'A'.repeat(maxNameChars + 1);

  it('refuses a primary name or an alias over the limit, naming its line and field', async () => {
    const sdn = sdnRows.replace('AEROCARIBBEAN AIRLINES', long);
    await expect(collect(readLegacyOfacList({ primary: source('sdn.csv', sdn) }))).rejects.toThrow(
      `sdn.csv, line 1, SDN_Name (field 2): a name of 1,001 characters; names of at most 1,000 are accepted (OFAC's name column holds 350)`,
    );
    const alt = `306,1,"aka","${long}",-0- \r\n`;
    await expect(
      collect(readLegacyOfacList({ primary: source('sdn.csv', sdnRows), aliases: source('alt.csv', alt) })),
    ).rejects.toThrow('alt.csv, line 1, alt_name (field 4): a name of 1,001 characters');
  });

  it('refuses an a.k.a. in the remarks over the limit', async () => {
    const sdn = sdnRows.replace("a.k.a. 'BNC'.", `a.k.a. '${long}'.`);
    await expect(collect(readLegacyOfacList({ primary: source('sdn.csv', sdn) }))).rejects.toThrow(
      'sdn.csv, line 2, Remarks (field 12): the a.k.a. in the remarks is a name of 1,001 characters',
    );
  });
});
