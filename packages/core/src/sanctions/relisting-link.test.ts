import { describe, expect, it } from 'vitest';
import { linkRelistedEntries, normalizedPartyName } from './relisting-link.ts';
import { entry } from './testing/sanctions-fixtures.ts';

describe('linkRelistedEntries', () => {
  it('links by the same name and gives the evidence', () => {
    const links = linkRelistedEntries(
      [entry(10571, 'BANK MELLAT', ['IRAN', 'IFSR'])],
      [entry(25019, 'Bank Mellat', ['IRAN'])],
    );
    expect(links).toEqual([
      { from: 10571, to: 25019, confidence: 0.85, evidence: ['same name "Bank Mellat"'] },
    ]);
  });

  it('links a renamed vessel by its IMO number, not by name', () => {
    const imo = (n: string) =>
      `Vessel Registration Identification IMO ${n}; Linked To: NATIONAL IRANIAN TANKER COMPANY.`;
    const links = linkRelistedEntries(
      [
        entry(1, 'OLD NAME', ['IRAN'], { type: 'vessel', remarks: imo('9187629') }),
        entry(2, 'OTHER', ['IRAN'], { type: 'vessel', remarks: imo('9000001') }),
      ],
      [entry(30, 'NEW NAME', ['IRAN'], { type: 'vessel', remarks: imo('9187629') })],
    );
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ from: 1, to: 30 });
    expect(links[0]!.confidence).toBeGreaterThan(0.9);
  });

  it('never links two people of one name whose dates of birth differ', () => {
    const older = [entry(1, 'HOSSEINI, Ali', ['NPWMD'], { type: 'individual', remarks: 'DOB 01 Jan 1960.' })];
    expect(
      linkRelistedEntries(older, [
        entry(2, 'HOSSEINI, Ali', ['NPWMD'], { type: 'individual', remarks: 'DOB 02 Feb 1970.' }),
      ]),
    ).toEqual([]);
    const same = linkRelistedEntries(older, [
      entry(3, 'HOSSEINI, Ali', ['NPWMD'], { type: 'individual', remarks: 'DOB 01 Jan 1960; Gender Male.' }),
    ]);
    expect(same[0]!.evidence).toContain('same date of birth 01 Jan 1960');
  });

  it('links one to one, best match first, and through aliases', () => {
    const links = linkRelistedEntries(
      [
        entry(1, 'SINA BANK', ['IRAN'], { remarks: 'SWIFT/BIC SINAIRTH.' }),
        entry(2, 'SINA BANK', ['IRAN']),
        entry(3, 'TEJARAT', ['IRAN'], {
          aliases: [{ type: 'a.k.a.', name: 'BANK TEJARAT', strength: 'strong' }],
        }),
      ],
      [
        entry(20, 'SINA BANK', ['IRAN'], { remarks: 'SWIFT/BIC SINAIRTH.' }),
        entry(21, 'BANK TEJARAT', ['IRAN']),
      ],
    );
    expect(links.map((link) => [link.from, link.to])).toEqual([
      [1, 20],
      [3, 21],
    ]);
    expect(normalizedPartyName(' Bank  Sepah, ')).toBe('BANK SEPAH');
  });
});
