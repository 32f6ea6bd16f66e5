import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSubjectToSecondarySanctions, vesselImoNumbers } from './ofac-identifier.ts';
import { parseOfacRemarks } from './ofac-remarks.ts';

describe('parseOfacRemarks', () => {
  it('reads weak aliases, with apostrophes inside names', () => {
    // 2019-01/sdn.csv line 3 and OFAC's data specification.
    expect(parseOfacRemarks("a.k.a. 'BNC'.").aliases).toEqual([
      { type: 'a.k.a.', name: 'BNC', strength: 'weak' },
    ]);
    const remarks =
      "DOB 17 Jan 1941; POB El Menea, Algeria; a.k.a. 'ABU AL-FOUTOUH'; a.k.a. 'BOULAHIA'; f.k.a. 'AL-QA'IDA'.";
    expect(parseOfacRemarks(remarks).aliases).toEqual([
      { type: 'a.k.a.', name: 'ABU AL-FOUTOUH', strength: 'weak' },
      { type: 'a.k.a.', name: 'BOULAHIA', strength: 'weak' },
      { type: 'f.k.a.', name: "AL-QA'IDA", strength: 'weak' },
    ]);
  });

  it('reads identifiers with country, alt. repeats and issue and expiry dates', () => {
    const remarks =
      'DOB 13 Feb 1966; citizen Switzerland; Passport X0906223 (Switzerland); alt. Passport RL 1794375 (Lebanon) ' +
      'issued 08 Sep 2006 expires 17 Jul 2011; Registration Number HRA 738077 (Stuttgart) (Germany); ' +
      'Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; Gender Male.';
    expect(parseOfacRemarks(remarks).identifiers).toEqual([
      { type: 'Passport', value: 'X0906223', country: 'Switzerland' },
      {
        type: 'Passport',
        value: 'RL 1794375',
        country: 'Lebanon',
        issueDate: '08 Sep 2006',
        expirationDate: '17 Jul 2011',
      },
      { type: 'Registration Number', value: 'HRA 738077 (Stuttgart)', country: 'Germany' },
      { type: 'Digital Currency Address - XBT', value: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
    ]);
  });

  it('reads vessel IMO numbers and the secondary-sanctions note', () => {
    // cons_prim.csv line 184 (entry 15065), shortened.
    const remarks =
      'Additional Sanctions Information - Not on the SDN List and Not Subject to Secondary Sanctions; U.S. ' +
      'Persons Must Continue to Block this Property and Interests in this Property Pursuant to Executive Order ' +
      '13599; Vessel Registration Identification IMO 9286140; Linked To: NATIONAL IRANIAN TANKER COMPANY.';
    const parsed = parseOfacRemarks(remarks);
    expect(parsed.identifiers).toEqual([
      {
        type: 'Additional Sanctions Information -',
        value:
          'Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons Must Continue to Block this ' +
          'Property and Interests in this Property Pursuant to Executive Order 13599',
      },
      { type: 'Vessel Registration Identification', value: 'IMO 9286140' },
    ]);
    expect(parsed.linkedTo).toEqual(['NATIONAL IRANIAN TANKER COMPANY']);
    expect(vesselImoNumbers(parsed.identifiers)).toEqual(['9286140']);
    expect(isSubjectToSecondarySanctions(parsed.identifiers)).toBe(false);
    const secondary = parseOfacRemarks(
      'Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male.',
    );
    expect(isSubjectToSecondarySanctions(secondary.identifiers)).toBe(true);
  });

  it('keeps the period of a final name that ends in an abbreviation', () => {
    // 2019-01/sdn_comments.csv, entry 15599: the remarks end "VILLAS DEL COLLI S.A. DE C.V."
    expect(parseOfacRemarks('Linked To: VILLAS DEL COLLI S.A. DE C.V.').linkedTo).toEqual([
      'VILLAS DEL COLLI S.A. DE C.V.',
    ]);
    expect(parseOfacRemarks('Linked To: FEDERAL NEWS AGENCY LLC.').linkedTo).toEqual([
      'FEDERAL NEWS AGENCY LLC',
    ]);
  });

  it('does not read the last item of remarks cut at 1,000 characters', () => {
    // 2021-08-18/sdn.csv, entry 28263, ends "a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjo".
    const tail = "; a.k.a. 'tianyinyin0404'; Passport 1234 (Chi";
    const cut = `${'DOB 12 Jul 1986'.padEnd(1000 - tail.length, ' x')}${tail}`;
    expect(cut).toHaveLength(1000);
    const parsed = parseOfacRemarks(cut);
    expect(parsed.cutShort).toBe(true);
    expect(parsed.aliases.map((alias) => alias.name)).toEqual(['tianyinyin0404']);
    expect(parsed.identifiers).toEqual([]);
  });

  it('reads nothing from empty remarks or free text', () => {
    expect(parseOfacRemarks(undefined)).toEqual({
      aliases: [],
      identifiers: [],
      linkedTo: [],
      cutShort: false,
    });
    expect(parseOfacRemarks('all offices worldwide')).toEqual({
      aliases: [],
      identifiers: [],
      linkedTo: [],
      cutShort: false,
    });
  });

  it('reads back every alias and identifier it is given, in order', () => {
    const text = fc.stringMatching(/^[A-Z0-9][A-Z0-9 '&,.-]{0,20}[A-Z0-9]$/);
    const item = fc.oneof(
      fc.record({
        kind: fc.constant('alias' as const),
        type: fc.constantFrom('a.k.a.', 'f.k.a.', 'n.k.a.'),
        name: text,
      }),
      fc.record({
        kind: fc.constant('id' as const),
        type: fc.constantFrom('Passport', 'Tax ID No.', 'Registration ID', 'Website', 'SWIFT/BIC'),
        value: fc.stringMatching(/^[A-Z0-9][A-Z0-9./-]{0,14}$/),
        country: fc.option(fc.constantFrom('Iran', 'Korea, North', 'United Arab Emirates'), {
          nil: undefined,
        }),
      }),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
        const remarks = `${items
          .map((i) =>
            i.kind === 'alias'
              ? `${i.type} '${i.name}'`
              : `${i.type} ${i.value}${i.country ? ` (${i.country})` : ''}`,
          )
          .join('; ')}.`;
        const parsed = parseOfacRemarks(remarks);
        expect(parsed.aliases).toEqual(
          items.flatMap((i) =>
            i.kind === 'alias' ? [{ type: i.type, name: i.name, strength: 'weak' }] : [],
          ),
        );
        expect(parsed.identifiers).toEqual(
          items.flatMap((i) =>
            i.kind === 'id'
              ? [{ type: i.type, value: i.value, ...(i.country && { country: i.country }) }]
              : [],
          ),
        );
      }),
    );
  });
});
