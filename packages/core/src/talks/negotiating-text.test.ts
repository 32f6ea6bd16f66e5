import { describe, expect, it } from 'vitest';
import {
  addClause,
  emptyText,
  type NegotiatingText,
  proposeAlternative,
  renderText,
  setClauseStatus,
  withdrawAlternative,
} from './negotiating-text.ts';
import { coordinator, headOf, memberOf, observer, unwrap } from './testing/actors.ts';

const at = (day: number) => `2021-04-${String(day).padStart(2, '0')}T12:00:00Z`;

/** A sanctions-lifting clause with a US and an Iranian alternative; the Iranian one disclosed to Russia. */
function bracketedClause(): NegotiatingText {
  let text = unwrap(
    addClause(emptyText('sanctions-lifting'), coordinator, {
      id: 'sl-1',
      title: 'Scope of relief',
      weight: 2,
      references: [{ kind: 'sanctions-designations', ids: ['SDN-123', 'SDN-456'] }],
      expectedVersion: 1,
      at: at(6),
    }),
  );
  text = unwrap(
    proposeAlternative(text, coordinator, {
      clauseId: 'sl-1',
      id: 'a',
      text: 'sanctions inconsistent with the JCPOA',
      proposer: 'us',
      expectedVersion: 1,
      at: at(7),
    }),
  );
  return unwrap(
    proposeAlternative(text, coordinator, {
      clauseId: 'sl-1',
      id: 'b',
      text: 'all sanctions imposed since 2017',
      proposer: 'iran',
      disclosedTo: ['russia'],
      expectedVersion: 2,
      at: at(8),
    }),
  );
}

const proposersSeenBy = (actor: Parameters<typeof renderText>[0], text: NegotiatingText) =>
  renderText(actor, text).clauses[0]!.alternatives.map((a) => a.proposer);

describe('the negotiating text', () => {
  it('shows proposers only to the proposer, those it is disclosed to and the coordinator', () => {
    const text = bracketedClause();
    expect(proposersSeenBy(coordinator, text)).toEqual(['us', 'iran']);
    expect(proposersSeenBy(memberOf('us'), text)).toEqual(['us', undefined]);
    expect(proposersSeenBy(headOf('iran'), text)).toEqual([undefined, 'iran']);
    expect(proposersSeenBy(memberOf('russia'), text)).toEqual([undefined, 'iran']);
    expect(proposersSeenBy(memberOf('china'), text)).toEqual([undefined, undefined]);
    expect(proposersSeenBy(observer, text)).toEqual([undefined, undefined]);
    expect(JSON.stringify(renderText(memberOf('china'), text))).not.toMatch(/"(us|iran)"/);
  });

  it('refuses agreement while two alternatives stand, unless one is chosen', () => {
    const text = bracketedClause();
    const ambiguous = setClauseStatus(text, coordinator, {
      clauseId: 'sl-1',
      to: 'agreed-ad-referendum',
      expectedVersion: 3,
      at: at(9),
    });
    expect(!ambiguous.ok && ambiguous.error.message).toBe(
      'alternativeId: clause "sl-1" has 2 standing alternatives: name the one agreed',
    );
    const chosen = unwrap(
      setClauseStatus(text, coordinator, {
        clauseId: 'sl-1',
        to: 'agreed-ad-referendum',
        alternativeId: 'a',
        expectedVersion: 3,
        at: at(9),
      }),
    );
    expect(chosen.clauses[0]!.agreedAlternative).toBe('a');
  });

  it('agrees on the one alternative left after a withdrawal, and records the history', () => {
    let text = unwrap(
      withdrawAlternative(bracketedClause(), coordinator, {
        clauseId: 'sl-1',
        alternativeId: 'b',
        expectedVersion: 3,
        at: at(9),
      }),
    );
    expect(renderText(memberOf('uk'), text).clauses[0]!.alternatives.map((a) => a.id)).toEqual(['a']);
    text = unwrap(
      setClauseStatus(text, coordinator, {
        clauseId: 'sl-1',
        to: 'agreed-ad-referendum',
        expectedVersion: 4,
        at: at(10),
      }),
    );
    text = unwrap(
      setClauseStatus(text, coordinator, { clauseId: 'sl-1', to: 'agreed', expectedVersion: 5, at: at(12) }),
    );
    expect(text.clauses[0]!.history).toEqual([
      { by: 'mora', at: at(10), from: 'open', to: 'agreed-ad-referendum', alternativeId: 'a' },
      { by: 'mora', at: at(12), from: 'agreed-ad-referendum', to: 'agreed', alternativeId: 'a' },
    ]);
  });

  it('closes an agreed clause to new brackets until it is reopened', () => {
    let text = unwrap(
      setClauseStatus(bracketedClause(), coordinator, {
        clauseId: 'sl-1',
        to: 'agreed',
        alternativeId: 'b',
        expectedVersion: 3,
        at: at(9),
      }),
    );
    const late = proposeAlternative(text, coordinator, {
      clauseId: 'sl-1',
      id: 'c',
      text: 'x',
      proposer: 'china',
      expectedVersion: 4,
      at: at(10),
    });
    expect(!late.ok && late.error.code).toBe('clause-closed');
    const backwards = setClauseStatus(text, coordinator, {
      clauseId: 'sl-1',
      to: 'agreed-ad-referendum',
      expectedVersion: 4,
      at: at(10),
    });
    expect(!backwards.ok && backwards.error.code).toBe('invalid-transition');
    text = unwrap(
      setClauseStatus(text, coordinator, { clauseId: 'sl-1', to: 'open', expectedVersion: 4, at: at(11) }),
    );
    expect(text.clauses[0]!.agreedAlternative).toBeUndefined();
    expect(text.clauses[0]!.status).toBe('open');
  });

  it('lets only the coordinator write the text', () => {
    const byHead = proposeAlternative(bracketedClause(), headOf('us'), {
      clauseId: 'sl-1',
      id: 'c',
      text: 'x',
      proposer: 'us',
      expectedVersion: 3,
      at: at(9),
    });
    expect(!byHead.ok && byHead.error.code).toBe('forbidden');
    const status = setClauseStatus(bracketedClause(), headOf('iran'), {
      clauseId: 'sl-1',
      to: 'agreed',
      alternativeId: 'b',
      expectedVersion: 3,
      at: at(9),
    });
    expect(!status.ok && status.error.code).toBe('forbidden');
  });

  it('answers a stale clause write with the current version, and names a bad weight', () => {
    const stale = withdrawAlternative(bracketedClause(), coordinator, {
      clauseId: 'sl-1',
      alternativeId: 'a',
      expectedVersion: 1,
      at: at(9),
    });
    expect(!stale.ok && stale.error.code).toBe('version-conflict');
    const weight = addClause(emptyText('sequencing'), coordinator, {
      id: 's-1',
      title: 't',
      weight: -1,
      expectedVersion: 1,
      at: at(20),
    });
    expect(!weight.ok && weight.error.message).toBe('weight: -1 is not a positive number');
  });
});
