import { TalksEvent, type TalksStreamNotice } from '@lockstep/contract';
import type { Delegation, Role } from '@lockstep/core';
import { type Database, migrate, openPostgresDatabase, shippedMigrations } from '@lockstep/store';
import { createTestDatabase, pgliteEngine } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localAdmin, type TalksCaller } from './talks-accounts.ts';
import { TalksService } from './talks-service.ts';

const password = 'a-long-enough-password';

/** The readers: the coordinator, two Iranian delegates, the US, France, an observer. */
const people: readonly { name: string; role: Role; delegation?: Delegation }[] = [
  { name: 'coordinator', role: 'coordinator' },
  { name: 'iran.head', role: 'head', delegation: 'iran' },
  { name: 'iran.member', role: 'member', delegation: 'iran' },
  { name: 'us.head', role: 'head', delegation: 'us' },
  { name: 'france.head', role: 'head', delegation: 'france' },
  { name: 'observer', role: 'observer' },
];

interface Stream {
  readonly events: TalksEvent[];
  readonly notices: TalksStreamNotice[];
  close: () => void;
}

describe('the live events of the talks', () => {
  let db: Database;
  let talks: TalksService;
  const callers = new Map<string, TalksCaller>();
  const secrets = new Map<string, string>();
  const streams = new Map<string, Stream>();

  const caller = (name: string) => callers.get(name)!;
  const open = async (name: string, after?: number): Promise<Stream> => {
    const stream: Stream = { events: [], notices: [], close: () => undefined };
    stream.close = await talks.events.subscribe(caller(name), secrets.get(name)!, after, {
      event: (event) => stream.events.push(TalksEvent.parse(event)),
      notice: (notice) => stream.notices.push(notice),
      heartbeat: () => undefined,
    });
    return stream;
  };
  /** What each reader's stream got from the writes in `write`, by reader. */
  const during = async (write: () => Promise<unknown>): Promise<Map<string, TalksEvent[]>> => {
    await talks.events.settled();
    const before = new Map([...streams].map(([name, s]) => [name, s.events.length]));
    await write();
    await talks.events.settled();
    return new Map([...streams].map(([name, s]) => [name, s.events.slice(before.get(name))]));
  };
  const reached = (got: Map<string, TalksEvent[]>) =>
    [...got].filter(([, events]) => events.length > 0).map(([name]) => name);

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
      secrets.set(person.name, secret);
      callers.set(person.name, await talks.accounts.authenticate(secret));
    }
    for (const person of people) streams.set(person.name, await open(person.name));
  }, 120_000);

  afterAll(async () => {
    talks?.events.close();
    if (db) await pgliteEngine.dispose(db);
  });

  it("gives a paper's drafts to its delegation only, and a sent version to the coordinator too", async () => {
    let id = '';
    const created = await during(async () => {
      id = (await talks.papers.createDocument(caller('iran.head').actor, { title: 'T', text: 'draft' }))
        .documentId;
    });
    expect(reached(created)).toEqual(['iran.head', 'iran.member']);
    expect(created.get('iran.member')).toMatchObject([{ type: 'paper.changed', documentId: id, number: 1 }]);
    const sent = await during(() =>
      talks.papers.sendVersion(caller('iran.head').actor, id, { number: 1, expectedVersion: 1 }),
    );
    expect(reached(sent)).toEqual(['coordinator', 'iran.head', 'iran.member']);
    expect(sent.get('coordinator')).toMatchObject([{ type: 'paper.sent', documentId: id, number: 1 }]);
    // The coordinator may read the paper now, but a new draft of it is still the delegation's alone.
    const drafted = await during(() =>
      talks.papers.addVersion(caller('iran.member').actor, id, { text: 'second draft', expectedVersion: 2 }),
    );
    expect(reached(drafted)).toEqual(['iran.head', 'iran.member']);
    const view = await talks.papers.readDocument(caller('coordinator').actor, id);
    expect(view.versions.map((v) => v.number)).toEqual([1]);
  });

  it('gives a relay to the coordinator and the delegations it reached, and to no one else', async () => {
    const { documentId } = await talks.papers.createDocument(caller('iran.head').actor, {
      title: 'Relayed',
      text: 'text',
    });
    await talks.papers.sendVersion(caller('iran.head').actor, documentId, { number: 1, expectedVersion: 1 });
    const toUs = await during(() =>
      talks.papers.relay(caller('coordinator').actor, documentId, {
        documentVersion: 1,
        note: '',
        to: ['us'],
        discloseAuthor: false,
      }),
    );
    expect(reached(toUs)).toEqual(['coordinator', 'us.head']);
    const event = toUs.get('us.head')![0]!;
    expect(event.type).toBe('relay.received');
    // The event names the relay, and the relay is what the US may read: its policy agrees with the stream.
    const relayId = (event as { relayId: string }).relayId;
    await expect(talks.papers.readRelay(caller('us.head').actor, relayId)).resolves.toMatchObject({
      relayId,
    });
    for (const name of ['iran.head', 'france.head', 'observer']) {
      await expect(talks.papers.readRelay(caller(name).actor, relayId)).rejects.toMatchObject({
        status: 404,
      });
    }
    // No event carries text, a title or an author: ids and numbers only.
    expect(JSON.stringify(event)).not.toMatch(/Relayed|text|iran/);
    const toPlenary = await during(() =>
      talks.papers.relay(caller('coordinator').actor, documentId, {
        documentVersion: 1,
        note: '',
        to: ['plenary'],
        discloseAuthor: false,
      }),
    );
    // The plenary is the Joint Commission without the US; observers see plenary relays.
    expect(reached(toPlenary)).toEqual([
      'coordinator',
      'iran.head',
      'iran.member',
      'france.head',
      'observer',
    ]);
  });

  it('gives changes of the texts and rounds to every participant', async () => {
    const added = await during(() =>
      talks.texts.addClause(caller('coordinator').actor, 'sequencing', {
        title: 'Order of steps',
        weight: 1,
        references: [],
        expectedVersion: 1,
      }),
    );
    expect(reached(added)).toEqual(people.map((p) => p.name));
    expect(added.get('observer')).toMatchObject([
      { type: 'text.changed', group: 'sequencing', clauseId: 'sq-1', change: 'clause-added' },
    ]);
    const proposed = await during(async () => {
      const text = await talks.texts.text(caller('coordinator').actor, 'sequencing');
      await talks.texts.propose(caller('coordinator').actor, 'sequencing', 'sq-1', {
        text: 'Iran first',
        proposer: 'us',
        disclosedTo: [],
        expectedVersion: text.clauses[0]!.version,
      });
    });
    // The proposer is hidden from all but the US and the coordinator: the event does not name it.
    expect(proposed.get('france.head')).toMatchObject([
      { type: 'text.changed', change: 'alternative-added' },
    ]);
    const [event] = proposed.get('france.head')!;
    expect(Object.keys(event!).sort()).toEqual(['at', 'change', 'clauseId', 'group', 'seq', 'type']);
    expect(Object.values(event!)).not.toContain('us');
    const round = await during(() =>
      talks.rounds.openRound(caller('coordinator').actor, { expectedVersion: 1 }),
    );
    expect(reached(round)).toEqual(people.map((p) => p.name));
    expect(round.get('us.head')).toMatchObject([{ type: 'round.opened', number: 1 }]);
  });

  it('replays what a reconnecting reader missed, as the polling read does', async () => {
    const before = (await talks.record.auditPage(localAdmin, 0, 1)).head.seq;
    const { documentId } = await talks.papers.createDocument(caller('iran.head').actor, {
      title: 'Missed',
      text: 'x',
    });
    await talks.papers.sendVersion(caller('iran.head').actor, documentId, { number: 1, expectedVersion: 1 });
    await talks.papers.relay(caller('coordinator').actor, documentId, {
      documentVersion: 1,
      note: '',
      to: ['us'],
      discloseAuthor: false,
    });
    const again = await open('us.head', before);
    expect(again.events.map((e) => e.type)).toEqual(['relay.received']);
    const polled = await talks.events.missed(caller('us.head'), before);
    expect(polled.events).toEqual(again.events);
    expect(polled.complete).toBe(true);
    const france = await open('france.head', before);
    expect(france.events).toEqual([]);
    again.close();
    france.close();
  });

  it('refuses the admin, and ends a stream when its session ends', async () => {
    const { secret } = await talks.accounts.signIn('us.head', password, { address: '127.0.0.1' });
    const second = await talks.accounts.authenticate(secret);
    const stream: Stream = { events: [], notices: [], close: () => undefined };
    stream.close = await talks.events.subscribe(second, secret, undefined, {
      event: (event) => stream.events.push(event),
      notice: (notice) => stream.notices.push(notice),
      heartbeat: () => undefined,
    });
    await talks.accounts.signOut(second);
    await talks.events.settled();
    expect(stream.notices).toMatchObject([{ type: 'ended', reason: expect.stringContaining('ended') }]);
    // The other session of the same user goes on.
    const relay = await during(async () => {
      const { documentId } = await talks.papers.createDocument(caller('iran.head').actor, {
        title: 'A',
        text: 'b',
      });
      await talks.papers.sendVersion(caller('iran.head').actor, documentId, {
        number: 1,
        expectedVersion: 1,
      });
      await talks.papers.relay(caller('coordinator').actor, documentId, {
        documentVersion: 1,
        note: '',
        to: ['us'],
        discloseAuthor: false,
      });
    });
    expect(relay.get('us.head')!.map((e) => e.type)).toEqual(['relay.received']);
    expect(stream.events).toEqual([]);
    await talks.accounts.createUser(
      localAdmin,
      { username: 'the-admin', displayName: 'Admin', role: 'admin', password },
      { local: true },
    );
    const { secret: adminSecret } = await talks.accounts.signIn('the-admin', password, {
      address: '127.0.0.1',
    });
    const admin = await talks.accounts.authenticate(adminSecret);
    await expect(
      talks.events.subscribe(admin, adminSecret, undefined, {
        event: () => undefined,
        notice: () => undefined,
        heartbeat: () => undefined,
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

// Two services on one store stand for two server processes: a write through one reaches a reader of the other,
// in order, from the beat's read of the log or from the gap a later local write shows.
describe('the live events across two services on one store', () => {
  let db: Database;
  let here: TalksService;
  let there: TalksService;
  const callers = new Map<string, TalksCaller>();
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    db = await pgliteEngine.open();
    await migrate(db, shippedMigrations());
    here = new TalksService(db, { liveEvents: { heartbeatMs: 100 } });
    there = new TalksService(db);
    for (const person of people.slice(0, 4)) {
      await here.accounts.createUser(
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
      const { secret } = await here.accounts.signIn(person.name, password, { address: '127.0.0.1' });
      secrets.set(person.name, secret);
      callers.set(person.name, await here.accounts.authenticate(secret));
    }
  }, 120_000);

  afterAll(async () => {
    here?.events.close();
    there?.events.close();
    if (db) await pgliteEngine.dispose(db);
  });

  it('brings a relay written through the other service to the recipient here, in order with local writes', async () => {
    const events: TalksEvent[] = [];
    const close = await here.events.subscribe(callers.get('us.head')!, secrets.get('us.head')!, undefined, {
      event: (event) => events.push(event),
      notice: () => undefined,
      heartbeat: () => undefined,
    });
    const iran = callers.get('iran.head')!.actor;
    const chair = callers.get('coordinator')!.actor;
    const { documentId } = await there.papers.createDocument(iran, { title: 'Elsewhere', text: 'x' });
    await there.papers.sendVersion(iran, documentId, { number: 1, expectedVersion: 1 });
    await there.papers.relay(chair, documentId, {
      documentVersion: 1,
      note: '',
      to: ['us'],
      discloseAuthor: false,
    });
    // Written here right after: its entry comes after a gap, which the read of the log fills first.
    await here.texts.addClause(chair, 'sequencing', {
      title: 'Here',
      weight: 1,
      references: [],
      expectedVersion: 1,
    });
    const deadline = Date.now() + 3000;
    while (events.length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.map((e) => e.type)).toEqual(['relay.received', 'text.changed']);
    expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
    // With no local write after it, the beat's read of the log brings it.
    await there.rounds.openRound(chair, { expectedVersion: 1 });
    const later = Date.now() + 3000;
    while (events.length < 3 && Date.now() < later) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events[2]).toMatchObject({ type: 'round.opened', number: 1 });
    close();
  });
});

// Two servers on one PostgreSQL, each with its own pool (as two processes have): a write through one reaches
// a reader of the other through NOTIFY, well before the beat (set to a minute here) would read the log.
describe('the live events across two servers on one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let first: Database;
  let second: Database;
  let here: TalksService;
  let there: TalksService;
  const callers = new Map<string, TalksCaller>();
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
    first = await openPostgresDatabase(database.url);
    await migrate(first, shippedMigrations());
    second = await openPostgresDatabase(database.url);
    here = new TalksService(first, { liveEvents: { heartbeatMs: 60_000 } });
    there = new TalksService(second, { liveEvents: { heartbeatMs: 60_000 } });
    for (const person of people.slice(0, 4)) {
      await there.accounts.createUser(
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
      const { secret } = await here.accounts.signIn(person.name, password, { address: '127.0.0.1' });
      secrets.set(person.name, secret);
      callers.set(person.name, await here.accounts.authenticate(secret));
    }
  }, 120_000);

  afterAll(async () => {
    here?.events.close();
    there?.events.close();
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('brings a relay written through the other server to the recipient within a second, and not to others', async () => {
    const events = new Map<string, TalksEvent[]>();
    for (const name of ['us.head', 'iran.head']) {
      const list: TalksEvent[] = [];
      events.set(name, list);
      await here.events.subscribe(callers.get(name)!, secrets.get(name)!, undefined, {
        event: (event) => list.push(event),
        notice: () => undefined,
        heartbeat: () => undefined,
      });
    }
    const iran = callers.get('iran.head')!.actor;
    const chair = callers.get('coordinator')!.actor;
    const { documentId } = await there.papers.createDocument(iran, { title: 'Elsewhere', text: 'x' });
    await there.papers.sendVersion(iran, documentId, { number: 1, expectedVersion: 1 });
    // Iran's stream here hears of its own paper's draft and send through the other server too.
    const start = Date.now();
    while (events.get('iran.head')!.length < 2 && Date.now() - start < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const madeAt = Date.now();
    await there.papers.relay(chair, documentId, {
      documentVersion: 1,
      note: '',
      to: ['us'],
      discloseAuthor: false,
    });
    while (events.get('us.head')!.length < 1 && Date.now() - madeAt < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(Date.now() - madeAt).toBeLessThan(1000);
    expect(events.get('us.head')!.map((e) => e.type)).toEqual(['relay.received']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.get('iran.head')!.map((e) => e.type)).toEqual(['paper.changed', 'paper.sent']);
  });
});
