import { describe, expect, it } from 'vitest';
import {
  addClause,
  emptyText,
  type NegotiatingText,
  proposeAlternative,
  setClauseStatus,
  withdrawAlternative,
} from './negotiating-text.ts';
import { roundReport } from './round-report.ts';
import { closeRound, emptyRounds, openRound, type RoundsState } from './rounds.ts';
import { admin, coordinator, headOf, memberOf, observer, unwrap } from './testing/actors.ts';

const at = (day: number) => `2021-04-${String(day).padStart(2, '0')}T12:00:00Z`;
const generatedAt = '2021-06-03T08:00:00Z';

/**
 * Two closed rounds and a third open. Round 1 ends with two sanctions clauses: sl-1 with Iran's wording (told
 * to no one) and sl-2 with the US's (told to Iran). Round 2 adds France's wording to sl-1 (told to no one),
 * withdraws Iran's, agrees sl-2, adds sl-3 and opens the nuclear text with ni-1 agreed ad referendum.
 */
function talks(): RoundsState {
  let sanctions = emptyText('sanctions-lifting');
  const add = (text: NegotiatingText, id: string, title: string, day: number) =>
    unwrap(addClause(text, coordinator, { id, title, expectedVersion: text.version, at: at(day) }));
  const version = (text: NegotiatingText, id: string) => text.clauses.find((c) => c.id === id)!.version;
  const propose = (
    text: NegotiatingText,
    clauseId: string,
    id: string,
    wording: string,
    proposer: 'iran' | 'us' | 'france' | 'coordinator',
    disclosedTo: ('iran' | 'us')[],
    day: number,
  ) =>
    unwrap(
      proposeAlternative(text, coordinator, {
        clauseId,
        id,
        text: wording,
        proposer,
        disclosedTo,
        expectedVersion: version(text, clauseId),
        at: at(day),
      }),
    );
  sanctions = add(sanctions, 'sl-1', 'Scope of lifting', 6);
  sanctions = add(sanctions, 'sl-2', 'Oil exports', 6);
  sanctions = propose(sanctions, 'sl-1', 'a1', 'every sanction since 2017', 'iran', [], 7);
  sanctions = propose(sanctions, 'sl-2', 'a1', 'exports restored to 2016 levels', 'us', ['iran'], 7);
  let rounds = unwrap(openRound(emptyRounds, coordinator, { expectedVersion: 1, at: at(6) }));
  rounds = unwrap(
    closeRound(rounds, coordinator, { expectedVersion: rounds.version, at: at(9), texts: [sanctions] }),
  );
  rounds = unwrap(openRound(rounds, coordinator, { expectedVersion: rounds.version, at: at(15) }));
  sanctions = propose(sanctions, 'sl-1', 'a2', 'sanctions inconsistent with the deal', 'france', [], 16);
  sanctions = unwrap(
    withdrawAlternative(sanctions, coordinator, {
      clauseId: 'sl-1',
      alternativeId: 'a1',
      expectedVersion: version(sanctions, 'sl-1'),
      at: at(16),
    }),
  );
  sanctions = unwrap(
    setClauseStatus(sanctions, coordinator, {
      clauseId: 'sl-2',
      to: 'agreed',
      expectedVersion: version(sanctions, 'sl-2'),
      at: at(17),
    }),
  );
  sanctions = add(sanctions, 'sl-3', 'Frozen reserves', 17);
  let nuclear = add(emptyText('nuclear-implementation'), 'ni-1', 'Centrifuges', 18);
  nuclear = propose(nuclear, 'ni-1', 'a1', 'cascades stored under seal', 'coordinator', [], 18);
  nuclear = unwrap(
    setClauseStatus(nuclear, coordinator, {
      clauseId: 'ni-1',
      to: 'agreed-ad-referendum',
      expectedVersion: version(nuclear, 'ni-1'),
      at: at(19),
    }),
  );
  rounds = unwrap(
    closeRound(rounds, coordinator, {
      expectedVersion: rounds.version,
      at: at(28),
      texts: [sanctions, nuclear],
    }),
  );
  return unwrap(openRound(rounds, coordinator, { expectedVersion: rounds.version, at: at(29) }));
}

describe('the round report', () => {
  const state = talks();

  it('gives the header, the shares at the close beside the previous close, the changes and the open brackets', () => {
    const report = unwrap(roundReport(coordinator, state, 2, generatedAt));
    expect(report).toMatchObject({
      round: 2,
      openedAt: at(15),
      openedBy: 'mora',
      closedAt: at(28),
      closedBy: 'mora',
      previousRound: { number: 1, closedAt: at(9) },
      reader: { role: 'coordinator' },
      generatedAt,
    });
    const sanctions = report.shares.groups.find((g) => g.group === 'sanctions-lifting')!;
    expect(sanctions).toMatchObject({ total: 3, agreed: 1, share: 1 / 3, previous: { total: 2, agreed: 0 } });
    const nuclear = report.shares.groups.find((g) => g.group === 'nuclear-implementation')!;
    expect(nuclear).toMatchObject({ total: 1, agreed: 0, adReferendum: 1, provisionalShare: 1 });
    expect(nuclear.previous).toBeUndefined();
    expect(report.shares.overall).toMatchObject({ total: 4, agreed: 1, previous: { total: 2, agreed: 0 } });

    expect(report.changes.map((c) => [c.kind, 'clauseId' in c ? c.clauseId : c.clause.id])).toEqual([
      ['alternative-withdrawn', 'sl-1'],
      ['alternative-added', 'sl-1'],
      ['status-changed', 'sl-2'],
      ['clause-added', 'sl-3'],
      ['clause-added', 'ni-1'],
    ]);
    expect(report.changes[1]).toMatchObject({ alternative: { id: 'a2', proposer: 'france' } });

    expect(report.openBrackets).toEqual([
      {
        group: 'sanctions-lifting',
        openClauses: 2,
        alternatives: 1,
        clauses: [
          {
            id: 'sl-1',
            title: 'Scope of lifting',
            alternatives: [{ id: 'a2', text: 'sanctions inconsistent with the deal', proposer: 'france' }],
          },
          { id: 'sl-3', title: 'Frozen reserves', alternatives: [] },
        ],
      },
      { group: 'nuclear-implementation', openClauses: 0, alternatives: 0, clauses: [] },
    ]);
  });

  it('renders both closes for the reader first: a proposer not disclosed to it never appears', () => {
    const forIran = unwrap(roundReport(headOf('iran'), state, 2, generatedAt));
    expect(forIran.reader).toEqual({ role: 'head', delegation: 'iran' });
    // Iran sees its own withdrawn wording's proposer, and not France's.
    expect(forIran.changes[0]).toMatchObject({
      kind: 'alternative-withdrawn',
      alternative: { proposer: 'iran' },
    });
    expect(forIran.changes[1]).toEqual({
      kind: 'alternative-added',
      group: 'sanctions-lifting',
      clauseId: 'sl-1',
      alternative: { id: 'a2', text: 'sanctions inconsistent with the deal' },
    });
    expect(JSON.stringify(forIran)).not.toMatch(/"(france|coordinator)"/);

    const forUs = unwrap(roundReport(memberOf('us'), state, 2, generatedAt));
    expect(JSON.stringify(forUs)).not.toMatch(/"(iran|france|coordinator)"/);

    const forObserver = unwrap(roundReport(observer, state, 2, generatedAt));
    expect(JSON.stringify(forObserver)).not.toMatch(/"proposer"/);
    expect(forObserver.reader).toEqual({ role: 'observer' });
  });

  it('counts every clause of round 1 as added, with no previous close', () => {
    const first = unwrap(roundReport(memberOf('us'), state, 1, generatedAt));
    expect(first.previousRound).toBeUndefined();
    expect(first.shares.overall.previous).toBeUndefined();
    expect(first.changes.map((c) => c.kind)).toEqual(['clause-added', 'clause-added']);
    expect(first.openBrackets[0]).toMatchObject({ openClauses: 2, alternatives: 2 });
  });

  it('refuses a round that is open or does not exist, naming the closed rounds, and the admin', () => {
    const open = roundReport(coordinator, state, 3, generatedAt);
    expect(!open.ok && [open.error.code, open.error.message]).toEqual([
      'round-not-closed',
      'number: round 3 is still open: its report is drawn when it closes; the closed rounds are 1, 2',
    ]);
    const missing = roundReport(observer, state, 7, generatedAt);
    expect(!missing.ok && [missing.error.code, missing.error.message]).toEqual([
      'not-found',
      'number: there is no round 7; the closed rounds are 1, 2',
    ]);
    const none = roundReport(observer, emptyRounds, 1, generatedAt);
    expect(!none.ok && none.error.message).toBe('number: there is no round 1; no round has closed yet');
    const refused = roundReport(admin, state, 1, generatedAt);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
  });
});
