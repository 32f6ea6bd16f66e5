/**
 * The live events under load: one `GET /api/talks/events` stream per signed-in session, open while the talks
 * load runs. Each event's delivery time is its arrival less its `at` (the write's time on the same machine),
 * and every event is checked against what its session may see: a draft only to its own delegation, a relay
 * only to its recipients and the coordinator, nothing to an admin.
 */
import { ServerSentEventReader, type TalksEvent } from '@lockstep/contract';

export interface StreamedSession {
  readonly cookie: string;
  readonly role: string;
  readonly delegation?: string;
}

export interface EventStreams {
  /** Delivery times in ms, one per event received. */
  readonly delivery: number[];
  /** Events a session received that it may not see, described. */
  readonly violations: string[];
  /** Events received by type. */
  readonly byType: Map<string, number>;
  close(): void;
}

/**
 * Opens a stream for each session. `paperOwner` names the delegation of each paper the load writes to;
 * `relayReaches` says whether a relay made in the set-up reached a session.
 */
export async function openEventStreams(
  base: string,
  sessions: readonly StreamedSession[],
  paperOwner: ReadonlyMap<string, string>,
): Promise<EventStreams> {
  const streams: EventStreams = {
    delivery: [],
    violations: [],
    byType: new Map(),
    close: () => {
      for (const controller of controllers) controller.abort();
    },
  };
  const controllers: AbortController[] = [];
  const check = (session: StreamedSession, event: TalksEvent): string | undefined => {
    if (event.type === 'paper.changed') {
      const owner = paperOwner.get(event.documentId);
      return owner !== undefined && owner === session.delegation ? undefined : `draft of ${owner ?? '?'}`;
    }
    if (event.type === 'paper.sent') {
      const owner = paperOwner.get(event.documentId);
      return session.role === 'coordinator' || owner === session.delegation
        ? undefined
        : `sent paper of ${owner}`;
    }
    if (event.type === 'note.changed') return `a note`;
    return undefined;
  };
  await Promise.all(
    sessions.map(async (session) => {
      const controller = new AbortController();
      controllers.push(controller);
      const response = await fetch(new URL('/api/talks/events', base), {
        headers: { cookie: session.cookie, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (response.status !== 200) throw new Error(`events stream: ${response.status}`);
      const reader = new ServerSentEventReader();
      const decoder = new TextDecoder();
      void (async () => {
        try {
          for await (const chunk of response.body!) {
            const now = Date.now();
            for (const message of reader.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
              const event = JSON.parse(message.data) as TalksEvent;
              if (!('seq' in event)) continue;
              streams.delivery.push(now - Date.parse(event.at));
              streams.byType.set(event.type, (streams.byType.get(event.type) ?? 0) + 1);
              const wrong = check(session, event);
              if (wrong) streams.violations.push(`${session.role} ${session.delegation ?? ''} got ${wrong}`);
            }
          }
        } catch {
          // closed by the bench
        }
      })();
    }),
  );
  return streams;
}
