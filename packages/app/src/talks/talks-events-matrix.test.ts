import type { TalksEvent } from '@lockstep/contract';
import type { Delegation, ExpertGroup, Role } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine } from '@lockstep/store/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAdmin, type TalksCaller } from './talks-accounts.ts';
import { TalksService } from './talks-service.ts';

const password = 'a-long-enough-password';

/** The readers of the matrix: every participant role, two delegations' delegates, and a third delegation. */
const people: readonly { name: string; role: Role; delegation?: Delegation }[] = [
  { name: 'coordinator', role: 'coordinator' },
  { name: 'iran.head', role: 'head', delegation: 'iran' },
  { name: 'iran.member', role: 'member', delegation: 'iran' },
  { name: 'us.head', role: 'head', delegation: 'us' },
  { name: 'france.member', role: 'member', delegation: 'france' },
  { name: 'observer', role: 'observer' },
];
const writers = ['iran.head', 'iran.member', 'us.head', 'france.member'] as const;
const groups: readonly ExpertGroup[] = ['sanctions-lifting', 'sequencing'];

/** One write of the talks, as the property draws it. */
type Write =
  | { kind: 'draft'; by: (typeof writers)[number] }
  | { kind: 'version'; by: (typeof writers)[number]; pick: number }
  | { kind: 'send'; by: (typeof writers)[number]; pick: number }
  | { kind: 'relay'; pick: number; to: string[]; discloseAuthor: boolean }
  | { kind: 'propose'; group: ExpertGroup; proposer: 'us' | 'iran'; disclosedTo: Delegation[] }
  | { kind: 'note'; by: 'coordinator' | (typeof writers)[number] }
  | { kind: 'round' };

const arbitraryWrite: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('draft' as const), by: fc.constantFrom(...writers) }),
  fc.record({ kind: fc.constant('version' as const), by: fc.constantFrom(...writers), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('send' as const), by: fc.constantFrom(...writers), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('relay' as const),
    pick: fc.nat(20),
    to: fc.uniqueArray(fc.constantFrom('us', 'iran', 'france', 'china', 'plenary'), { minLength: 1 }),
    discloseAuthor: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('propose' as const),
    group: fc.constantFrom(...groups),
    proposer: fc.constantFrom('us' as const, 'iran' as const),
    disclosedTo: fc.uniqueArray(fc.constantFrom<Delegation>('us', 'iran', 'france'), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('note' as const), by: fc.constantFrom('coordinator' as const, ...writers) }),
  fc.record({ kind: fc.constant('round' as const) }),
);

// The matrix of the live events: after any write, each reader's stream gets an event exactly when that
// reader's own reads show what the write changed (the new draft, the sent version, the relay, the alternative,
// the note, the round), and the event names that thing. Drawn at random over sequences of writes.
describe('the authorization matrix of the live events', () => {
  let db: Database;
  let talks: TalksService;
  const callers = new Map<string, TalksCaller>();
  const received = new Map<string, TalksEvent[]>();
  /** Papers by writer delegation, with the number of their latest version and whether it was sent. */
  const papers: {
    id: string;
    by: (typeof writers)[number];
    versions: number;
    version: number;
    sent: number[];
  }[] = [];

  const actor = (name: string) => callers.get(name)!.actor;
  const ownVersion = (view: { versions: unknown[] }) => (view as unknown as { version: number }).version;
  /** The writes made, by kind: the fixed example below makes every kind at least once. */
  const made = new Map<Write['kind'], number>();
  const can = async (read: () => Promise<unknown>): Promise<boolean> =>
    read().then(
      (value) => value !== false,
      () => false,
    );

  beforeAll(async () => {
    db = await pgliteEngine.open();
    await migrate(db, shippedMigrations());
    talks = new TalksService(db);
    for (const person of people) {
      await talks.accounts.createUser(
        localAdmin,
        {
          username: person.name,
          displayName: person.name,
          role: person.role,
          ...(person.delegation ? { delegation: person.delegation } : {}),
          password,
        },
        { local: true },
      );
      const { secret } = await talks.accounts.signIn(person.name, password, { address: '127.0.0.1' });
      const caller = await talks.accounts.authenticate(secret);
      callers.set(person.name, caller);
      const events: TalksEvent[] = [];
      received.set(person.name, events);
      await talks.events.subscribe(caller, secret, undefined, {
        event: (event) => events.push(event),
        notice: () => undefined,
        heartbeat: () => undefined,
      });
    }
    for (const group of groups) {
      await talks.texts.addClause(actor('coordinator'), group, {
        title: 'Matrix clause',
        weight: 1,
        references: [],
        expectedVersion: 1,
      });
    }
  }, 120_000);

  afterAll(async () => {
    talks?.events.close();
    if (db) await pgliteEngine.dispose(db);
  });

  /** Makes the write; returns whether each reader's reads show what it changed, or undefined if it was not made. */
  async function apply(write: Write): Promise<((name: string) => Promise<boolean>) | undefined> {
    switch (write.kind) {
      case 'draft': {
        const made = await talks.papers.createDocument(actor(write.by), { title: 'P', text: 'draft' });
        papers.push({ id: made.documentId, by: write.by, versions: 1, version: ownVersion(made), sent: [] });
        const id = made.documentId;
        return (name) =>
          can(async () =>
            (await talks.papers.readDocument(actor(name), id)).versions.some((v) => v.number === 1),
          );
      }
      case 'version':
      case 'send': {
        const own = papers.filter((p) => callers.get(p.by)!.actor.delegation === actor(write.by).delegation);
        const paper = own[write.pick % Math.max(own.length, 1)];
        if (!paper) return undefined;
        let number = paper.versions;
        if (write.kind === 'version') {
          const view = await talks.papers.addVersion(actor(write.by), paper.id, {
            text: `v${paper.versions + 1}`,
            expectedVersion: paper.version,
          });
          paper.versions += 1;
          paper.version = ownVersion(view);
          number = paper.versions;
        } else {
          if (paper.sent.includes(number)) return undefined;
          const view = await talks.papers.sendVersion(actor(write.by), paper.id, {
            number,
            expectedVersion: paper.version,
          });
          paper.version = ownVersion(view);
          paper.sent.push(number);
        }
        return (name) =>
          can(async () =>
            (await talks.papers.readDocument(actor(name), paper.id)).versions.some(
              (v) => v.number === number && (write.kind === 'version' || v.sentAt !== undefined),
            ),
          );
      }
      case 'relay': {
        const sent = papers.filter((p) => p.sent.length > 0);
        const paper = sent[write.pick % Math.max(sent.length, 1)];
        // A paper is not relayed back to its own delegation (the rule refuses it).
        const to = write.to.filter((target) => target !== actor(paper?.by ?? 'iran.head').delegation);
        if (!paper || to.length === 0) return undefined;
        const view = await talks.papers.relay(actor('coordinator'), paper.id, {
          documentVersion: paper.sent[0]!,
          note: '',
          to: to as never,
          discloseAuthor: write.discloseAuthor,
        });
        const relayId = (view as { relays: { id: string }[] }).relays.at(-1)!.id;
        return (name) => can(() => talks.papers.readRelay(actor(name), relayId));
      }
      case 'propose': {
        const text = await talks.texts.text(actor('coordinator'), write.group);
        const clause = text.clauses[0]!;
        const next = await talks.texts.propose(actor('coordinator'), write.group, clause.id, {
          text: 'wording',
          proposer: write.proposer,
          disclosedTo: write.disclosedTo,
          expectedVersion: clause.version,
        });
        const alternative = next.clauses[0]!.alternatives.at(-1)!.id;
        return (name) =>
          can(async () =>
            (await talks.texts.text(actor(name), write.group)).clauses[0]!.alternatives.some(
              (a) => a.id === alternative,
            ),
          );
      }
      case 'note': {
        const note = await talks.notes.create(actor(write.by), {
          subject: 'clause:sequencing/sq-1',
          text: 'private',
        });
        return (name) => can(() => talks.notes.read(actor(name), note.id));
      }
      case 'round': {
        const { version, open } = await talks.rounds.rounds(actor('coordinator'));
        if (open === undefined)
          await talks.rounds.openRound(actor('coordinator'), { expectedVersion: version });
        else await talks.rounds.closeRound(actor('coordinator'), { expectedVersion: version });
        return (name) => can(() => talks.rounds.rounds(actor(name)));
      }
    }
  }

  it('gives each reader an event for a write exactly when its reads show what the write changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryWrite, { minLength: 1, maxLength: 8 }), async (writes) => {
        for (const write of writes) {
          await talks.events.settled();
          const before = new Map([...received].map(([name, list]) => [name, list.length]));
          const readable = await apply(write);
          if (readable) made.set(write.kind, (made.get(write.kind) ?? 0) + 1);
          await talks.events.settled();
          const got = new Map([...received].map(([name, list]) => [name, list.slice(before.get(name))]));
          if (!readable) {
            for (const [name, events] of got) expect(events, `${name} after ${write.kind}`).toEqual([]);
            continue;
          }
          for (const person of people) {
            const events = got.get(person.name)!;
            expect(events.length, `${person.name} after ${JSON.stringify(write)}`).toBe(
              (await readable(person.name)) ? 1 : 0,
            );
          }
        }
      }),
      {
        numRuns: 20,
        examples: [
          [
            [
              { kind: 'draft', by: 'iran.member' },
              { kind: 'send', by: 'iran.head', pick: 0 },
              { kind: 'version', by: 'iran.head', pick: 0 },
              { kind: 'relay', pick: 0, to: ['us', 'plenary'], discloseAuthor: false },
              { kind: 'propose', group: 'sequencing', proposer: 'iran', disclosedTo: ['us'] },
              { kind: 'note', by: 'iran.member' },
              { kind: 'note', by: 'coordinator' },
              { kind: 'round' },
            ],
          ],
        ],
      },
    );
    expect([...made.keys()].sort()).toEqual([
      'draft',
      'note',
      'propose',
      'relay',
      'round',
      'send',
      'version',
    ]);
  }, 120_000);
});
