import { describeTalksEvent, type TalksEvent } from '@lockstep/contract';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { when } from './talks-api.ts';
import { SessionContext } from './use-session.ts';

/** What the stream says: an event, or that everything must be read again (`resync`, or after a reconnect gap). */
export type LiveMessage = TalksEvent | { readonly type: 'resync'; readonly reason: string };

/** The state of the user's stream, for the status the header shows. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'ended';

interface LiveEvents {
  readonly status: LiveStatus;
  /** The latest changes, newest first (at most `recentLimit`). */
  readonly recent: readonly TalksEvent[];
  subscribe(listener: (message: LiveMessage) => void): () => void;
}

const recentLimit = 8;

const LiveEventsContext = createContext<LiveEvents | undefined>(undefined);

/**
 * The signed-in user's live events: one `EventSource` on `/api/talks/events` for the whole Talks area (the
 * browser reconnects by itself and sends the last event id, so what was missed is replayed). Pages listen with
 * `useLiveReload`; the header lists the latest changes with `LiveChanges`.
 */
export function LiveEventsProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [recent, setRecent] = useState<readonly TalksEvent[]>([]);
  const listeners = useRef(new Set<(message: LiveMessage) => void>());
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/talks/events');
    const tell = (message: LiveMessage) => {
      for (const listener of listeners.current) listener(message);
    };
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'ended' : 'reconnecting');
    source.onmessage = (message: MessageEvent<string>) => {
      let data: { type?: string; reason?: string };
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (data.type === 'ended') {
        source.close();
        setStatus('ended');
        return;
      }
      if (data.type === 'resync') {
        tell({ type: 'resync', reason: data.reason ?? '' });
        return;
      }
      const event = data as TalksEvent;
      setRecent((list) => [event, ...list.filter((e) => e.seq !== event.seq)].slice(0, recentLimit));
      tell(event);
    };
    return () => source.close();
  }, []);
  const value = useMemo<LiveEvents>(
    () => ({
      status,
      recent,
      subscribe(listener) {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [status, recent],
  );
  return <LiveEventsContext.Provider value={value}>{children}</LiveEventsContext.Provider>;
}

/**
 * Calls `reload` when an event `matches` (and on a `resync`), so that the page shows the change without being
 * reloaded. Outside a `LiveEventsProvider` (the admin's pages) it does nothing.
 */
export function useLiveReload(reload: () => void, matches: (event: TalksEvent) => boolean): void {
  const live = useContext(LiveEventsContext);
  const latest = useRef({ reload, matches });
  latest.current = { reload, matches };
  useEffect(() => {
    if (!live) return;
    return live.subscribe((message) => {
      if (message.type === 'resync' || latest.current.matches(message)) latest.current.reload();
    });
  }, [live?.subscribe, live]);
}

/** The latest live events (newest first), for a page that marks what is new. */
export function useRecentEvents(): readonly TalksEvent[] {
  return useContext(LiveEventsContext)?.recent ?? [];
}

const statusWords: { readonly [S in LiveStatus]: string } = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Not live: reload the page',
};

/** The stream's status and what changed lately, in words, as a polite live region. */
export function LiveChanges() {
  const live = useContext(LiveEventsContext);
  const role = useContext(SessionContext)?.user.role;
  if (!live) return null;
  return (
    <section className="live-changes" aria-label="What changed" data-testid="live-changes">
      <p className={`live-status live-${live.status}`} data-testid="live-status">
        {statusWords[live.status]}
      </p>
      <ul aria-live="polite">
        {live.recent.length === 0 ? (
          <li className="empty">Changes made while you are here show up at once.</li>
        ) : (
          live.recent.slice(0, 3).map((event) => (
            <li key={event.seq}>
              <span className="meta">{when(event.at)}</span> {describeTalksEvent(event, role)}
            </li>
          ))
        )}
      </ul>
    </section>
  );
}
