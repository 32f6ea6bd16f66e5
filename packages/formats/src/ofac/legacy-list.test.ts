import type { OfacEntry } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { readLegacyOfacList } from './legacy-list.ts';
import { chunked, collect, sanctionsFile } from './testing/sanctions-data.ts';

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
