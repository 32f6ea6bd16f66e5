import {
  type TalksEvent,
  type TalksStreamNotice,
  talksEventsHeartbeatMs,
  talksEventsReplayLimit,
} from '@lockstep/contract';
import { endsCredentials, type LiveEventSource, liveEventFor } from '@lockstep/core';
import type { TalksAccounts, TalksCaller } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import { allow, type TalksLedger, talksChannel } from './talks-ledger.ts';

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
  /** While what the reader missed is replayed, the live entries wait here. */
  waiting?: LiveEventSource[] | undefined;
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
 * A write committed here hands its entry over at once (`TalksLedger.onCommit`), so delivery costs no read of
 * the store; entries are given in seq order, and a gap (an entry committed by another process, or out of
 * order) is filled by reading the log. A beat every `heartbeatMs` keeps streams open, rechecks every reader's
 * session or token (so a stream ends when its credential expires), and reads the log in case another process
 * wrote to it.
 */
export class TalksEvents {
  private readonly readers = new Set<Reader>();
  /** The last entry given to every reader; undefined until the first reader subscribes. */
  private head: number | undefined;
  /** Entries committed here beyond `head + 1`, waiting for the ones before them. */
  private readonly pending = new Map<number, LiveEventSource>();
  private work: Promise<void> = Promise.resolve();
  private pumpQueued = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly heartbeatMs: number;
  /** Stops listening for other servers' writes (PostgreSQL), once listening has started. */
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;

  constructor(
    private readonly ledger: TalksLedger,
    private readonly accounts: TalksAccounts,
    options: LiveEventsOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? talksEventsHeartbeatMs;
    ledger.onCommit((entry) => this.committed(entry));
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
    if (this.head === undefined) {
      const stored = (await this.ledger.read((repo) => repo.auditHead())).seq;
      // A write may have committed while the head was read: the pump reads the log from the head to be sure.
      if (this.head === undefined) this.head = stored;
      this.poke();
    }
    const current = this.head;
    const replay = after !== undefined && after < current;
    const reader: Reader = { caller, secret, cursor: current, sink, waiting: replay ? [] : undefined };
    this.readers.add(reader);
    this.startBeat();
    this.listenToOthers();
    const unsubscribe = () => {
      this.readers.delete(reader);
      if (this.readers.size === 0) this.stopBeat();
    };
    if (!replay) return unsubscribe;
    try {
      if (current - after > talksEventsReplayLimit) {
        sink.notice({
          type: 'resync',
          reason: `more than ${talksEventsReplayLimit} entries of the record were written since event ${after}: read everything again`,
        });
      } else {
        reader.cursor = after;
        for (const entry of await this.entries(after, current)) this.send(reader, entry);
      }
    } finally {
      reader.cursor = Math.max(reader.cursor, current);
      const waiting = reader.waiting ?? [];
      reader.waiting = undefined;
      for (const entry of waiting) this.send(reader, entry);
    }
    return unsubscribe;
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
    void this.listening?.then((stop) => stop?.()).catch(() => undefined);
    for (const reader of this.readers) reader.sink.notice({ type: 'ended', reason });
    this.readers.clear();
    this.stopBeat();
  }

  /**
   * On PostgreSQL, hears of writes committed by other servers on the same database (`NOTIFY` from their
   * ledgers), and reads the log for them at once rather than at the next beat. Started with the first reader;
   * if the listening connection cannot be made, the beat still reads the log every `heartbeatMs`.
   */
  private listenToOthers(): void {
    const listen = this.ledger.db.listen?.bind(this.ledger.db);
    if (!listen || this.listening) return;
    this.listening = listen(talksChannel, (payload) => {
      const seq = payload === undefined ? Number.NaN : Number(payload);
      if (!(seq <= (this.head ?? Number.POSITIVE_INFINITY))) this.poke();
    }).catch(() => {
      this.listening = undefined;
      return undefined;
    });
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

  /** Gives a live entry to `reader`, or keeps it while the reader's replay runs. */
  private give(reader: Reader, entry: LiveEventSource): void {
    if (reader.waiting) reader.waiting.push(entry);
    else this.send(reader, entry);
  }

  /** Sends `reader` the event it may see of `entry`, if any, once. */
  private send(reader: Reader, entry: LiveEventSource): void {
    if (entry.seq <= reader.cursor) return;
    reader.cursor = entry.seq;
    const event = liveEventFor(reader.caller.actor, entry);
    if (event) reader.sink.event(event as TalksEvent);
  }

  /** An entry committed here: given to every reader at once if it is the next one, else kept until it is. */
  private committed(entry: LiveEventSource): void {
    if (this.head === undefined || entry.seq <= this.head || this.closed) return;
    this.pending.set(entry.seq, entry);
    this.drain();
    // A gap: an entry before this one was committed elsewhere (or its hand-over is still to come).
    if (this.pending.size > 0) this.poke();
  }

  /** Gives the readers the pending entries that follow the head without a gap. */
  private drain(): void {
    for (let next = this.pending.get((this.head ?? 0) + 1); next; next = this.pending.get(this.head! + 1)) {
      this.pending.delete(next.seq);
      this.advance(next);
    }
  }

  /** Gives `entry`, the one after the head, to every reader. */
  private advance(entry: LiveEventSource): void {
    for (const reader of this.readers) this.give(reader, entry);
    this.head = entry.seq;
    if (endsCredentials(entry.action)) void this.serially(() => this.recheck());
  }

  /** Reads the log from the head and gives what it finds (entries another process wrote, or a gap). */
  private async pump(): Promise<void> {
    this.pumpQueued = false;
    if (this.readers.size === 0 || this.head === undefined) return;
    try {
      for (;;) {
        const from = this.head;
        if (from === undefined) return;
        const batch = await this.ledger.read((repo) => repo.audit(from, page));
        for (const entry of batch) {
          this.pending.delete(entry.seq);
          if (this.head !== undefined && entry.seq === this.head + 1) this.advance(entry);
        }
        this.drain();
        if (batch.length < page) break;
      }
    } catch {
      // The log could not be read: readers cannot know what they missed, so they read everything again.
      for (const reader of this.readers) {
        reader.sink.notice({ type: 'resync', reason: 'the record could not be read for a moment' });
      }
    }
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
    this.pending.clear();
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
