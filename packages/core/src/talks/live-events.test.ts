import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelayTarget } from './documents.ts';
import { endsCredentials, type LiveEventSource, liveEventFor } from './live-events.ts';
import { authorize, relayResource } from './policy.ts';
import { type Actor, delegations } from './roles.ts';

const coordinator: Actor = { userId: 'c', role: 'coordinator' };
const iranHead: Actor = { userId: 'i', role: 'head', delegation: 'iran' };
const iranMember: Actor = { userId: 'i2', role: 'member', delegation: 'iran' };
const usHead: Actor = { userId: 'u', role: 'head', delegation: 'us' };
const observer: Actor = { userId: 'o', role: 'observer' };
const admin: Actor = { userId: 'a', role: 'admin' };
const relayTargets: readonly RelayTarget[] = [...delegations, 'plenary'];
const readers = [coordinator, iranHead, iranMember, usHead, observer, admin];

const entry = (actor: Actor, action: string, target: string, detail = {}): LiveEventSource => ({
  seq: 7,
  at: '2021-05-01T10:00:00.000Z',
  actor,
  action,
  target,
  detail,
});
const reachedBy = (source: LiveEventSource) =>
  readers.filter((reader) => liveEventFor(reader, source) !== undefined).map((r) => r.userId);

const arbitraryActor: fc.Arbitrary<Actor> = fc.oneof(
  fc.constantFrom<Actor>(coordinator, observer, admin),
  fc.record({
    userId: fc.constant('d'),
    role: fc.constantFrom('head' as const, 'member' as const),
    delegation: fc.constantFrom(...delegations),
  }),
);

describe('liveEventFor', () => {
  it("gives a paper's drafts to its delegation only, a sent version to the coordinator too", () => {
    expect(reachedBy(entry(iranMember, 'document.create', 'document:d1', { version: 1 }))).toEqual([
      'i',
      'i2',
    ]);
    expect(reachedBy(entry(iranHead, 'document.version', 'document:d1', { number: 2, version: 3 }))).toEqual([
      'i',
      'i2',
    ]);
    expect(reachedBy(entry(iranHead, 'document.send', 'document:d1', { number: 2, version: 4 }))).toEqual([
      'c',
      'i',
      'i2',
    ]);
  });

  it('gives a relay to the coordinator and to exactly the readers the policy lets read it', () => {
    fc.assert(
      fc.property(
        arbitraryActor,
        fc.uniqueArray(fc.constantFrom(...relayTargets), { minLength: 1 }),
        (reader, to) => {
          const source = entry(coordinator, 'document.relay', 'document:d1', { relay: 'r1', to });
          const relay = {
            id: 'r1',
            documentId: 'd1',
            documentVersion: 1,
            author: 'iran' as const,
            title: 't',
            text: 't',
            edited: false,
            note: '',
            to,
            by: 'c',
            at: source.at,
            discloseAuthor: false,
          };
          const mayRead = authorize(reader, 'relay.read', relayResource(reader, [relay], 'r1')).allowed;
          const event = liveEventFor(reader, source);
          expect(event !== undefined).toBe(mayRead);
          if (event) expect(event).toEqual({ seq: 7, at: source.at, type: 'relay.received', relayId: 'r1' });
        },
      ),
    );
  });

  it('gives text and round changes to every participant, by id, and nothing to the admin', () => {
    const proposal = entry(coordinator, 'text.propose', 'clause:sanctions-lifting/sl-2', {
      alternative: 'sl-2-a1',
      proposer: 'us',
      disclosedTo: [],
    });
    expect(reachedBy(proposal)).toEqual(['c', 'i', 'i2', 'u', 'o']);
    // The proposer is in the record's detail, never in the event.
    expect(liveEventFor(observer, proposal)).toEqual({
      seq: 7,
      at: proposal.at,
      type: 'text.changed',
      group: 'sanctions-lifting',
      clauseId: 'sl-2',
      change: 'alternative-added',
    });
    expect(
      liveEventFor(usHead, entry(coordinator, 'text.add-clause', 'text:sequencing', { imported: 3 })),
    ).toEqual({
      seq: 7,
      at: proposal.at,
      type: 'text.changed',
      group: 'sequencing',
      change: 'clauses-imported',
    });
    expect(reachedBy(entry(coordinator, 'round.close', 'round:3'))).toEqual(['c', 'i', 'i2', 'u', 'o']);
    expect(liveEventFor(usHead, entry(coordinator, 'round.close', 'round:3'))).toMatchObject({
      type: 'round.closed',
      number: 3,
    });
  });

  it("gives a note to its desk only: never the coordinator for a delegation's note, nor the reverse", () => {
    expect(reachedBy(entry(iranMember, 'note.write', 'note:n1', { version: 2 }))).toEqual(['i', 'i2']);
    expect(reachedBy(entry(coordinator, 'note.write', 'note:n2', { version: 1 }))).toEqual(['c']);
    expect(reachedBy(entry(iranMember, 'note.read.refused', 'note:n1', { status: 404 }))).toEqual([]);
  });

  it('makes no event of reads, refusals, sign-ins or account changes, but marks those that end credentials', () => {
    for (const action of ['document.read', 'relay.read', 'document.list', 'session.start', 'user.create']) {
      expect(reachedBy(entry(coordinator, action, 'document:d1'))).toEqual([]);
    }
    expect(reachedBy(entry(usHead, 'document.read.refused', 'document:d1', { status: 404 }))).toEqual([]);
    expect(endsCredentials('user.disable')).toBe(true);
    expect(endsCredentials('session.end')).toBe(true);
    expect(endsCredentials('document.relay')).toBe(false);
  });
});
