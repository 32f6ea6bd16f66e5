import {
  type TalksEvent,
  type TalksStreamNotice,
  talksEventsHeartbeatMs,
  talksEventsReplayLimit,
} from '@lockstep/contract';
import { endsCredentials, type LiveEventSource, liveEventFor } from '@lockstep/core';
import type { TalksAccounts, TalksCaller } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import { allow, type TalksLedger } from './talks-ledger.ts';

/** Where a reader's events go: the server writes them to the reader's stream. */
export interface LiveSink {
  event(event: TalksEvent): void;
  /** The stream cannot replay what was missed (`resync`), or has ended (`ended`, after which nothing comes). */
  notice(notice: TalksStreamNotice): void;
  /** Nothing happened for a while: a keep-alive, so proxies and the client know the stream is open. */
  heartbeat(): void;
}

/** The events stream's options: how often it beats and rechecks credentials (tests make it short). */
export interface LiveEventsOptions {
  readonly heartbeatMs?: number;
}

interface Reader {
  caller: TalksCaller;
  readonly secret: string;
  /** The last audit entry this reader has been given (or passed over). */
  cursor: number;
  readonly sink: LiveSink;
}

/** How many audit entries one read of the log takes. */
const page = 500;

/**
 * The live events of the talks, for every signed-in reader. They come from the audit log: every write is an
 * entry, so the stream is the log read forward from where each reader stands, each entry turned into the event
 * that reader may see (`liveEventFor`: the same visibility as the reads) or into nothing. A reconnecting reader
 * names the last event it had and is given what it missed; the log is the one record of what happened, and
 * holds across restarts.
 *
 * Work is serial: a write's commit pokes the pump, which reads the new entries once for all readers. A beat
 * every `heartbeatMs` keeps streams open, rechecks every reader's session or token (so a stream ends when its
 * credential expires), and reads the log again in case another process wrote to it.
 */
export class TalksEvents {
  private readonly readers = new Set<Reader>();
  /** The last entry the pump has read; undefined while no one listens. */
  private head: number | undefined;
  private work: Promise<void> = Promise.resolve();
  private pumpQueued = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly heartbeatMs: number;

  constructor(
    private readonly ledger: TalksLedger,
    private readonly accounts: TalksAccounts,
    options: LiveEventsOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? talksEventsHeartbeatMs;
    ledger.onCommit(() => this.poke());
  }

  /** How many streams are open. */
  get size(): number {
    return this.readers.size;
  }

  /**
   * Opens `caller`'s stream (a participant: the admin reads nothing of the talks). With `after`, the events
   * since that one are given first, up to `talksEventsReplayLimit` entries of the log; beyond it, a `resync`
   * notice. Resolves, once the stream is live, to the function that closes it.
   */
  async subscribe(
    caller: TalksCaller,
    secret: string,
    after: number | undefined,
    sink: LiveSink,
  ): Promise<() => void> {
    allow(caller.actor, 'talks.events');
    if (this.closed)
      throw new TalksError(409, 'the server is shutting down: connect to it again in a moment');
    return this.serially(async () => {
      const current = this.head ?? (await this.ledger.read((repo) => repo.auditHead())).seq;
      this.head = current;
      const reader: Reader = { caller, secret, cursor: Math.min(after ?? current, current), sink };
      if (after !== undefined && after < current) {
        if (current - after > talksEventsReplayLimit) {
          sink.notice({
            type: 'resync',
            reason: `more than ${talksEventsReplayLimit} entries of the record were written since event ${after}: read everything again`,
          });
        } else {
          for (const entry of await this.entries(after, current)) this.give(reader, entry);
        }
      }
      reader.cursor = current;
      this.readers.add(reader);
      this.startBeat();
      return () => {
        this.readers.delete(reader);
        if (this.readers.size === 0) this.stopBeat();
      };
    });
  }

  /**
   * The events `caller` may see after event `after`, for a client that polls instead of holding a stream: at
   * most `talksEventsReplayLimit` entries of the log are read; `through` is where to ask from next time.
   */
  async missed(
    caller: TalksCaller,
    after: number,
  ): Promise<{ events: TalksEvent[]; through: number; complete: boolean }> {
    allow(caller.actor, 'talks.events');
    const head = (await this.ledger.read((repo) => repo.auditHead())).seq;
    const until = Math.min(head, after + talksEventsReplayLimit);
    const events: TalksEvent[] = [];
    for (const entry of await this.entries(after, until)) {
      const event = liveEventFor(caller.actor, entry);
      if (event) events.push(event as TalksEvent);
    }
    return { events, through: Math.max(after, until), complete: until >= head };
  }

  /** Resolves when the work queued so far is done (every commit so far given to the readers). */
  settled(): Promise<void> {
    return this.work;
  }

  /** Tells the pump that the log has grown (a commit here; another process's, from the beat). */
  poke(): void {
    if (this.pumpQueued || this.closed || this.readers.size === 0) return;
    this.pumpQueued = true;
    void this.serially(() => this.pump());
  }

  /** Ends every stream with `reason` (the server is shutting down), and takes no more. */
  close(reason = 'the server is shutting down'): void {
    this.closed = true;
    for (const reader of this.readers) reader.sink.notice({ type: 'ended', reason });
    this.readers.clear();
    this.stopBeat();
  }

  /** Runs `task` after the work before it; a failure is the task's own, and the queue goes on. */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task);
    this.work = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Entries after `after` up to `until`, read a page at a time. */
  private async entries(after: number, until: number): Promise<LiveEventSource[]> {
    const found: LiveEventSource[] = [];
    let from = after;
    while (from < until) {
      const batch = await this.ledger.read((repo) => repo.audit(from, Math.min(page, until - from)));
      if (batch.length === 0) break;
      found.push(...batch);
      from = batch.at(-1)!.seq;
    }
    return found;
  }

  private give(reader: Reader, entry: LiveEventSource): void {
    if (entry.seq <= reader.cursor) return;
    reader.cursor = entry.seq;
    const event = liveEventFor(reader.caller.actor, entry);
    if (event) reader.sink.event(event as TalksEvent);
  }

  private async pump(): Promise<void> {
    this.pumpQueued = false;
    let head = this.head;
    if (this.readers.size === 0 || head === undefined) return;
    let recheck = false;
    try {
      for (;;) {
        const batch = await this.ledger.read((repo) => repo.audit(head, page));
        for (const entry of batch) {
          for (const reader of this.readers) this.give(reader, entry);
          recheck ||= endsCredentials(entry.action);
          head = entry.seq;
        }
        if (batch.length < page) break;
      }
    } catch {
      // The log could not be read: readers cannot know what they missed, so they read everything again.
      for (const reader of this.readers) {
        reader.sink.notice({ type: 'resync', reason: 'the record could not be read for a moment' });
      }
      head = (await this.ledger.read((repo) => repo.auditHead()).catch(() => undefined))?.seq ?? head;
      for (const reader of this.readers) reader.cursor = Math.max(reader.cursor, head);
    }
    this.head = this.readers.size === 0 ? undefined : head;
    if (recheck) await this.recheck();
  }

  /** Ends the stream of every reader whose session or token no longer holds. */
  private async recheck(): Promise<void> {
    for (const reader of [...this.readers]) {
      try {
        reader.caller = await this.accounts.authenticate(reader.secret);
      } catch (error) {
        if (!(error instanceof TalksError) || error.status !== 401) continue;
        this.readers.delete(reader);
        reader.sink.notice({ type: 'ended', reason: error.message });
      }
    }
    if (this.readers.size === 0) this.stopBeat();
  }

  private startBeat(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      for (const reader of this.readers) reader.sink.heartbeat();
      void this.serially(() => this.recheck());
      this.poke();
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** No one listens: the beat stops, and the next reader starts from the log's head as it then is. */
  private stopBeat(): void {
    this.head = undefined;
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
