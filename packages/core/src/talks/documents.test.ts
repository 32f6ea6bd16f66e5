import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inbox, visibleDocument, visibleRelay } from './document-visibility.ts';
import {
  addVersion,
  createDocument,
  type DocumentState,
  emptyDocumentState,
  type RelayTarget,
  relayDocument,
  sendVersion,
} from './documents.ts';
import { type Delegation, delegations } from './roles.ts';
import { admin, coordinator, everyActor, headOf, memberOf, observer, unwrap } from './testing/actors.ts';
import { VersionConflict } from './versioned.ts';

const at = (minute: number) => `2021-04-20T10:${String(minute).padStart(2, '0')}:00Z`;

/** The US writes a non-paper in two versions, sends the second; the coordinator relays an edit to Iran. */
function usPaperRelayedToIran(): DocumentState {
  let state = unwrap(
    createDocument(emptyDocumentState, memberOf('us'), {
      id: 'np-1',
      title: 'Sanctions relief, first cut',
      text: 'US draft v1: lift the EO 13846 designations',
      at: at(0),
    }),
  );
  state = unwrap(
    addVersion(state, headOf('us'), {
      documentId: 'np-1',
      text: 'US draft v2: lift the EO 13846 designations on oil',
      expectedVersion: 1,
      at: at(5),
    }),
  );
  state = unwrap(
    sendVersion(state, headOf('us'), { documentId: 'np-1', number: 2, expectedVersion: 2, at: at(6) }),
  );
  return unwrap(
    relayDocument(state, coordinator, {
      id: 'r-1',
      documentId: 'np-1',
      documentVersion: 2,
      text: 'Coordinator text: relief for oil exports, as discussed',
      note: 'For your reaction',
      to: ['iran'],
      at: at(30),
    }),
  );
}

describe('non-papers and relays', () => {
  it('shows Iran only the edited relayed text and the coordinator as relayer, and not the paper', () => {
    const state = usPaperRelayedToIran();
    const view = visibleRelay(memberOf('iran'), state.relays, 'r-1');
    expect(view).toEqual({
      relayId: 'r-1',
      title: 'Sanctions relief, first cut',
      text: 'Coordinator text: relief for oil exports, as discussed',
      note: 'For your reaction',
      relayedBy: 'mora',
      at: at(30),
    });
    expect(JSON.stringify(view)).not.toMatch(/US draft|"us"|np-1/);
    expect(visibleDocument(memberOf('iran'), state, 'np-1')).toBeUndefined();
    expect(JSON.stringify(inbox(memberOf('iran'), state))).not.toMatch(/US draft|"us"|np-1/);
  });

  it('shows China, the EU, an observer and an admin nothing', () => {
    const state = usPaperRelayedToIran();
    for (const actor of [headOf('china'), memberOf('eu'), observer, admin]) {
      expect(visibleDocument(actor, state, 'np-1')).toBeUndefined();
      expect(inbox(actor, state)).toEqual([]);
    }
  });

  it('shows the US every version of its own paper, drafts included, but not the relay', () => {
    const view = visibleDocument(memberOf('us'), usPaperRelayedToIran(), 'np-1');
    expect(view?.kind).toBe('own');
    expect(view?.kind === 'own' && view.versions.map((v) => v.text)).toEqual([
      'US draft v1: lift the EO 13846 designations',
      'US draft v2: lift the EO 13846 designations on oil',
    ]);
    expect(JSON.stringify(view)).not.toContain('Coordinator text');
  });

  it('shows the coordinator only the version sent to it, with its relays', () => {
    const view = visibleDocument(coordinator, usPaperRelayedToIran(), 'np-1');
    expect(view?.kind === 'sent' && view.versions.map((v) => v.number)).toEqual([2]);
    expect(view?.kind === 'sent' && view.relays.map((r) => r.id)).toEqual(['r-1']);
    expect(inbox(coordinator, usPaperRelayedToIran()).map((i) => i.kind)).toEqual(['sent']);
  });

  it('keeps a draft from the coordinator until it is sent, and refuses to relay it', () => {
    const state = unwrap(
      createDocument(emptyDocumentState, memberOf('iran'), {
        id: 'np-2',
        title: 'Guarantees',
        text: 'draft',
        at: at(0),
      }),
    );
    expect(visibleDocument(coordinator, state, 'np-2')).toBeUndefined();
    const relay = relayDocument(state, coordinator, {
      id: 'r-2',
      documentId: 'np-2',
      documentVersion: 1,
      note: '',
      to: ['us'],
      at: at(1),
    });
    expect(!relay.ok && relay.error.code).toBe('not-found');
  });

  it('tells recipients the author only when the coordinator discloses it', () => {
    let state = usPaperRelayedToIran();
    state = unwrap(
      relayDocument(state, coordinator, {
        id: 'r-2',
        documentId: 'np-1',
        documentVersion: 2,
        note: 'The US paper as written',
        to: ['plenary'],
        discloseAuthor: true,
        at: at(40),
      }),
    );
    const france = inbox(memberOf('france'), state);
    expect(france.map((i) => i.kind === 'received' && [i.author, i.text])).toEqual([
      ['us', 'US draft v2: lift the EO 13846 designations on oil'],
    ]);
    const iran = inbox(memberOf('iran'), state);
    expect(iran.map((i) => i.kind === 'received' && i.author)).toEqual([undefined, 'us']);
    expect(inbox(observer, state).map((i) => i.kind === 'received' && i.relayId)).toEqual(['r-2']);
  });

  it('never links an anonymous relay to a later one of the same paper whose author is disclosed', () => {
    const state = unwrap(
      relayDocument(usPaperRelayedToIran(), coordinator, {
        id: 'r-2',
        documentId: 'np-1',
        documentVersion: 2,
        note: 'Now under its flag',
        to: ['iran'],
        discloseAuthor: true,
        at: at(40),
      }),
    );
    const [anonymous, disclosed] = inbox(memberOf('iran'), state);
    expect(disclosed).toMatchObject({ relayId: 'r-2', author: 'us' });
    // Nothing in the anonymous relay's line (or its page) is shared with the disclosed one but the title the
    // coordinator chose to keep: no paper id, no version, no author.
    expect(anonymous).not.toHaveProperty('author');
    expect(JSON.stringify(anonymous)).not.toMatch(/np-1|"us"/);
    expect(JSON.stringify(visibleRelay(memberOf('iran'), state.relays, 'r-1'))).not.toMatch(/np-1|"us"/);
    expect(visibleRelay(memberOf('china'), state.relays, 'r-1')).toBeUndefined();
    expect(visibleRelay(admin, state.relays, 'r-1')).toBeUndefined();
    expect(visibleRelay(coordinator, state.relays, 'r-1')?.relayId).toBe('r-1');
  });

  it('lets only the author delegation write, and only the coordinator relay', () => {
    const state = usPaperRelayedToIran();
    const foreign = addVersion(state, memberOf('iran'), {
      documentId: 'np-1',
      text: 'x',
      expectedVersion: 3,
      at: at(50),
    });
    expect(!foreign.ok && foreign.error.code).toBe('not-found');
    const relay = relayDocument(state, headOf('uk'), {
      id: 'r-9',
      documentId: 'np-1',
      documentVersion: 2,
      note: '',
      to: ['iran'],
      at: at(50),
    });
    expect(!relay.ok && relay.error.code).toBe('forbidden');
    const byCoordinator = createDocument(state, coordinator, {
      id: 'np-9',
      title: 't',
      text: 'x',
      at: at(50),
    });
    expect(!byCoordinator.ok && byCoordinator.error.field).toBe('actor.role');
  });

  it('keeps the US off the plenary channel and refuses unknown recipients', () => {
    const usPlenary = createDocument(emptyDocumentState, memberOf('us'), {
      id: 'np-3',
      title: 't',
      text: 'x',
      channel: 'plenary',
      at: at(0),
    });
    expect(!usPlenary.ok && usPlenary.error.field).toBe('channel');
    const relay = relayDocument(usPaperRelayedToIran(), coordinator, {
      id: 'r-3',
      documentId: 'np-1',
      documentVersion: 2,
      note: '',
      to: ['iran', 'israel' as RelayTarget],
      at: at(50),
    });
    expect(!relay.ok && relay.error.message).toBe('to[1]: "israel" is not a delegation or "plenary"');
  });

  it('answers a stale write with the current version', () => {
    const stale = addVersion(usPaperRelayedToIran(), memberOf('us'), {
      documentId: 'np-1',
      text: 'v3',
      expectedVersion: 1,
      at: at(50),
    });
    expect(!stale.ok && stale.error).toBeInstanceOf(VersionConflict);
    expect(!stale.ok && stale.error instanceof VersionConflict && stale.error.current).toBe(3);
  });
});

type Step =
  | { readonly kind: 'create'; readonly author: Delegation }
  | { readonly kind: 'version'; readonly pick: number }
  | { readonly kind: 'send'; readonly pick: number }
  | {
      readonly kind: 'relay';
      readonly pick: number;
      readonly edit: boolean;
      readonly to: readonly RelayTarget[];
    };

const delegationArb = fc.constantFrom(...delegations);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), author: delegationArb }),
  fc.record({ kind: fc.constant('version' as const), pick: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('send' as const), pick: fc.nat() }) },
  fc.record({
    kind: fc.constant('relay' as const),
    pick: fc.nat(),
    edit: fc.boolean(),
    to: fc.uniqueArray(fc.oneof(delegationArb, fc.constant('plenary' as const)), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
);

/** Plays random steps; every text is unique, so what each actor may see can be tracked by text. */
function play(steps: readonly Step[]): DocumentState {
  let state = emptyDocumentState;
  steps.forEach((step, i) => {
    const when = `2021-05-01T00:00:${String(i % 60).padStart(2, '0')}Z`;
    const text = `text-${i}`;
    const document =
      state.documents[step.kind === 'create' ? 0 : step.pick % Math.max(1, state.documents.length)];
    let result: ReturnType<typeof createDocument> | undefined;
    if (step.kind === 'create') {
      result = createDocument(state, memberOf(step.author), {
        id: `d-${i}`,
        title: `title-${i}`,
        text,
        at: when,
      });
    } else if (document && step.kind === 'version') {
      const expectedVersion = document.version;
      result = addVersion(state, memberOf(document.author), {
        documentId: document.id,
        text,
        expectedVersion,
        at: when,
      });
    } else if (document && step.kind === 'send') {
      const draft = document.versions.find((v) => v.sentAt === undefined);
      if (draft) {
        const input = {
          documentId: document.id,
          number: draft.number,
          expectedVersion: document.version,
          at: when,
        };
        result = sendVersion(state, headOf(document.author), input);
      }
    } else if (document && step.kind === 'relay') {
      const sent = document.versions.find((v) => v.sentAt !== undefined);
      if (sent) {
        result = relayDocument(state, coordinator, {
          id: `r-${i}`,
          documentId: document.id,
          documentVersion: sent.number,
          ...(step.edit ? { text, title: `title-${i}` } : {}),
          note: `note-${i}`,
          to: step.to.filter((t) => t !== document.author),
          at: when,
        });
      }
    }
    if (result?.ok) state = result.value;
  });
  return state;
}

/** Every `text-N` string in a value. */
function textsIn(value: unknown): Set<string> {
  return new Set(JSON.stringify(value).match(/text-\d+/g) ?? []);
}

describe('confidentiality under random writes and relays', () => {
  it('never shows an actor a text it was not sent', () => {
    let runsWithRelays = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 4, maxLength: 30 }), (steps) => {
        const state = play(steps);
        if (state.relays.length > 0) runsWithRelays += 1;
        for (const actor of everyActor) {
          const allowed = new Set<string>();
          for (const d of state.documents) {
            for (const v of d.versions) {
              const own = actor.delegation === d.author;
              if (own || (actor.role === 'coordinator' && v.sentAt !== undefined)) allowed.add(v.text);
            }
          }
          for (const r of state.relays) {
            const reached =
              actor.role === 'coordinator' ||
              (actor.delegation !== undefined && r.to.includes(actor.delegation)) ||
              (r.to.includes('plenary') &&
                (actor.role === 'observer' || (actor.delegation !== undefined && actor.delegation !== 'us')));
            if (reached) allowed.add(r.text);
          }
          const seen = textsIn([
            inbox(actor, state),
            state.documents.map((d) => visibleDocument(actor, state, d.id)),
          ]);
          for (const text of seen) expect(allowed, `${actor.userId} saw ${text}`).toContain(text);
        }
      }),
      { numRuns: 200 },
    );
    // The property means something only if the random steps do reach relays.
    expect(runsWithRelays).toBeGreaterThan(50);
  });
});
