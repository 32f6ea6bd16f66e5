import { ServerSentEventReader, TalksEvent } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTalksTestServer, type TalksTestServer } from './talks-test-server.ts';

/** A reader's open stream over real HTTP: the messages as they come, and whether the server ended it. */
interface OpenStream {
  readonly messages: { id?: string; data: Record<string, unknown>; at: number }[];
  ended: boolean;
  /** Waits until a message satisfies `match` (or fails after `ms`). */
  next(match: (data: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  close(): void;
}

let t: TalksTestServer;
let base = '';
const cookies = new Map<string, string>();
const opened: OpenStream[] = [];

async function openStream(cookie: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/talks/events`, {
    headers: { cookie, accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const stream: OpenStream = {
    messages: [],
    ended: false,
    async next(match, ms = 3000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = stream.messages.find((m) => match(m.data));
        if (found) return found.data;
        if (Date.now() > deadline) throw new Error(`no matching message in ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => controller.abort(),
  };
  opened.push(stream);
  const reader = new ServerSentEventReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of response.body!) {
        for (const message of reader.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          stream.messages.push({
            ...(message.id === undefined ? {} : { id: message.id }),
            data: JSON.parse(message.data),
            at: Date.now(),
          });
        }
      }
    } catch {
      // aborted by the test
    }
    stream.ended = true;
  })();
  return stream;
}

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.server.inject({ method, url: `/api/talks${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

/** Iran writes a paper and sends it; the coordinator relays it to `to`. Returns when the relay was made. */
async function relayTo(to: string[]): Promise<{ relayId: string; madeAt: number }> {
  const iran = cookies.get('iran')!;
  const paper = await call('POST', '/documents', iran, { title: 'Paper', text: 'STREAM-SECRET-TEXT' });
  const id = paper.json().documentId;
  await call('POST', `/documents/${id}/send`, iran, { number: 1, expectedVersion: 1 });
  const relayed = await call('POST', `/documents/${id}/relays`, cookies.get('coordinator')!, {
    documentVersion: 1,
    note: '',
    to,
  });
  expect(relayed.statusCode).toBe(201);
  const relays = relayed.json().relays as { id: string }[];
  return { relayId: relays.at(-1)!.id, madeAt: Date.now() };
}

beforeAll(async () => {
  t = await startTalksTestServer();
  await t.user('events.coordinator', 'coordinator');
  await t.user('events.iran', 'head', 'iran');
  await t.user('events.us', 'head', 'us');
  await t.user('events.france', 'head', 'france');
  for (const name of ['coordinator', 'iran', 'us', 'france']) {
    cookies.set(name, await t.signIn(`events.${name}`));
  }
  await t.server.listen({ host: '127.0.0.1', port: 0 });
  const address = t.server.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  for (const stream of opened) stream.close();
  await t?.close();
});

describe('GET /api/talks/events over HTTP', () => {
  it("brings a relay to its recipient's stream within a second, and nothing of it to anyone else's", async () => {
    const us = await openStream(cookies.get('us')!);
    const france = await openStream(cookies.get('france')!);
    const iran = await openStream(cookies.get('iran')!);
    const { relayId, madeAt } = await relayTo(['us']);
    const event = TalksEvent.parse(await us.next((m) => m.type === 'relay.received'));
    expect(event).toMatchObject({ type: 'relay.received', relayId });
    const arrived = us.messages.find((m) => m.data.relayId === relayId)!;
    expect(arrived.at - madeAt).toBeLessThan(1000);
    expect(arrived.id).toBe(String(event.seq));
    // The recipient reads the relay itself through its route, which is recorded as before.
    const read = await call('GET', `/relays/${relayId}`, cookies.get('us')!);
    expect(read.statusCode).toBe(200);
    // France and the author get nothing of the relay: let the same time pass, then look.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(france.messages.filter((m) => m.data.type === 'relay.received')).toEqual([]);
    expect(iran.messages.map((m) => m.data.type)).toEqual(['paper.changed', 'paper.sent']);
    for (const stream of [us, france, iran]) {
      expect(JSON.stringify(stream.messages)).not.toContain('STREAM-SECRET-TEXT');
      stream.close();
    }
  });

  it('replays what a reconnecting reader missed from Last-Event-ID, and refuses an id that is not one', async () => {
    const head = await call('GET', '/events/missed?after=0', cookies.get('us')!);
    expect(head.statusCode).toBe(200);
    const from = head.json().through as number;
    const { relayId } = await relayTo(['us', 'france']);
    const again = await openStream(cookies.get('us')!, { 'last-event-id': String(from) });
    expect(await again.next((m) => m.type === 'relay.received')).toMatchObject({ relayId });
    again.close();
    const bad = await fetch(`${base}/api/talks/events`, {
      headers: { cookie: cookies.get('us')!, 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: object }).error).toMatchObject({ field: 'header.last-event-id' });
  });

  it('refuses a caller who is not signed in (401) and the admin (403)', async () => {
    expect((await fetch(`${base}/api/talks/events`)).status).toBe(401);
    const admin = await fetch(`${base}/api/talks/events`, { headers: { cookie: t.admin } });
    expect(admin.status).toBe(403);
    expect(((await admin.json()) as { error: { message: string } }).error.message).toMatch(/admin/);
  });

  it('ends the stream when its session ends', async () => {
    const cookie = await t.signIn('events.france');
    const stream = await openStream(cookie);
    expect((await call('DELETE', '/session', cookie)).statusCode).toBe(200);
    expect(await stream.next((m) => m.type === 'ended')).toMatchObject({
      reason: expect.stringMatching(/ended/),
    });
    const deadline = Date.now() + 2000;
    while (!stream.ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stream.ended).toBe(true);
  });
});
