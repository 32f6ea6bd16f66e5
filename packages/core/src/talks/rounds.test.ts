import { describe, expect, it } from 'vitest';
import {
  addClause,
  emptyText,
  type NegotiatingText,
  proposeAlternative,
  setClauseStatus,
} from './negotiating-text.ts';
import {
  changesSinceLastRound,
  closeRound,
  emptyRounds,
  lastSnapshot,
  openRound,
  openRoundOf,
} from './rounds.ts';
import { coordinator, headOf, memberOf, observer, unwrap } from './testing/actors.ts';

const at = (day: number) => `2021-04-${String(day).padStart(2, '0')}T12:00:00Z`;

function clauseWithIranianProposal(): NegotiatingText {
  const text = unwrap(
    addClause(emptyText('nuclear-implementation'), coordinator, {
      id: 'ni-1',
      title: 'Centrifuges',
      expectedVersion: 1,
      at: at(6),
    }),
  );
  return unwrap(
    proposeAlternative(text, coordinator, {
      clauseId: 'ni-1',
      id: 'a',
      text: 'IR-6 cascades stored under seal',
      proposer: 'iran',
      expectedVersion: 1,
      at: at(7),
    }),
  );
}

describe('rounds', () => {
  it('numbers rounds, keeps one open at a time, and snapshots the text on closing', () => {
    let rounds = unwrap(openRound(emptyRounds, coordinator, { expectedVersion: 1, at: at(6) }));
    expect(openRoundOf(rounds)?.number).toBe(1);
    const second = openRound(rounds, coordinator, { expectedVersion: 2, at: at(7) });
    expect(!second.ok && second.error.message).toBe('round: round 1 is still open: close it first');
    const text = clauseWithIranianProposal();
    rounds = unwrap(closeRound(rounds, coordinator, { expectedVersion: 2, at: at(9), texts: [text] }));
    expect(openRoundOf(rounds)).toBeUndefined();
    expect(lastSnapshot(rounds)).toEqual({ round: 1, at: at(9), texts: [text] });
    rounds = unwrap(openRound(rounds, coordinator, { expectedVersion: 3, at: at(15) }));
    expect(openRoundOf(rounds)?.number).toBe(2);
  });

  it('lets only the coordinator open and close, on the current version', () => {
    const byHead = openRound(emptyRounds, headOf('iran'), { expectedVersion: 1, at: at(6) });
    expect(!byHead.ok && byHead.error.code).toBe('forbidden');
    const stale = openRound(emptyRounds, coordinator, { expectedVersion: 0, at: at(6) });
    expect(!stale.ok && stale.error.code).toBe('version-conflict');
    const closing = closeRound(emptyRounds, coordinator, { expectedVersion: 1, at: at(6), texts: [] });
    expect(!closing.ok && closing.error.code).toBe('no-open-round');
  });

  it('tells each delegation what changed since the last round, within what it may see', () => {
    const before = clauseWithIranianProposal();
    let now = unwrap(
      proposeAlternative(before, coordinator, {
        clauseId: 'ni-1',
        id: 'b',
        text: 'IR-6 cascades removed to Natanz storage',
        proposer: 'us',
        expectedVersion: 2,
        at: at(16),
      }),
    );
    now = unwrap(
      setClauseStatus(now, coordinator, {
        clauseId: 'ni-1',
        to: 'agreed-ad-referendum',
        alternativeId: 'b',
        expectedVersion: 3,
        at: at(17),
      }),
    );
    now = unwrap(
      addClause(now, coordinator, { id: 'ni-2', title: 'Fordow', expectedVersion: 2, at: at(17) }),
    );
    const snapshot = { round: 1, at: at(9), texts: [before] };

    const forUs = changesSinceLastRound(memberOf('us'), snapshot, [now]);
    expect(forUs.map((c) => c.kind)).toEqual(['alternative-added', 'status-changed', 'clause-added']);
    expect(forUs[0]).toMatchObject({ alternative: { id: 'b', proposer: 'us' } });

    const forChina = changesSinceLastRound(memberOf('china'), snapshot, [now]);
    expect(forChina[0]).toEqual({
      kind: 'alternative-added',
      group: 'nuclear-implementation',
      clauseId: 'ni-1',
      alternative: { id: 'b', text: 'IR-6 cascades removed to Natanz storage' },
    });
    expect(JSON.stringify(changesSinceLastRound(observer, snapshot, [now]))).not.toMatch(/"(us|iran)"/);
    expect(changesSinceLastRound(memberOf('iran'), undefined, [now]).map((c) => c.kind)).toEqual([
      'clause-added',
      'clause-added',
    ]);
  });
});
