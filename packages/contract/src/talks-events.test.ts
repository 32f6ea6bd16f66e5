import { describe, expect, it } from 'vitest';
import { describeTalksEvent, TalksEvent } from './talks-events.ts';

const at = '2021-05-01T10:00:00.000Z';

describe('describeTalksEvent', () => {
  it('words a relay and a sent paper for the coordinator apart from a delegation', () => {
    const relay = TalksEvent.parse({ seq: 3, at, type: 'relay.received', relayId: 'r_1' });
    expect(describeTalksEvent(relay, 'head')).toBe('A relay reached your inbox');
    expect(describeTalksEvent(relay, 'coordinator')).toBe('A relay was made by the coordinator’s office');
    const sent = TalksEvent.parse({ seq: 4, at, type: 'paper.sent', documentId: 'd_1', number: 2 });
    expect(describeTalksEvent(sent, 'coordinator')).toBe('Version 2 of a paper was sent to you');
    expect(describeTalksEvent(sent, 'member')).toBe(
      "Version 2 of your delegation's paper was sent to the coordinator",
    );
  });

  it('names the group, the clause and the change of a text, and nothing of who proposed it', () => {
    const changed = TalksEvent.parse({
      seq: 5,
      at,
      type: 'text.changed',
      group: 'sanctions-lifting',
      clauseId: 'sl-2',
      change: 'alternative-added',
    });
    expect(describeTalksEvent(changed)).toBe('Sanctions lifting: an alternative added to clause sl-2');
    // A field the contract does not know (a proposer, say) is dropped when an event is read.
    expect(TalksEvent.safeParse({ ...changed, proposer: 'us' }).success).toBe(true);
    expect(Object.keys(TalksEvent.parse({ ...changed, proposer: 'us' }))).not.toContain('proposer');
  });
});
