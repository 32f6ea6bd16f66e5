import { authorize, type TalksAction } from '@lockstep/core';
import type { Database } from '@lockstep/store';
import type { AuditSigner } from './audit-signing.ts';
import type { LoginLimits } from './login-throttle.ts';
import { defaultRefusalLimits, type RefusalLimits, StoredRefusalLimiter } from './refusal-limiter.ts';
import { type AccountOptions, TalksAccounts, type TalksCaller } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import { type LiveEventsOptions, TalksEvents } from './talks-events.ts';
import { refusalOf, TalksLedger } from './talks-ledger.ts';
import { TalksNotes } from './talks-notes.ts';
import { TalksPapers } from './talks-papers.ts';
import { TalksRecord } from './talks-record.ts';
import { TalksRounds } from './talks-rounds.ts';
import { TalksTexts } from './talks-texts.ts';

/** The options of the talks: a clock (tests, the demo), the sign-in and refusal limits, the audit signer. */
export interface TalksOptions extends AccountOptions {
  readonly clock?: (() => Date) | undefined;
  readonly loginLimits?: LoginLimits | undefined;
  readonly refusalLimits?: RefusalLimits | undefined;
  /** Signs checkpoints of the audit head with a key outside the database; without it there are none. */
  readonly auditSigner?: AuditSigner | undefined;
  /** The live events' beat (tests make it short). */
  readonly liveEvents?: LiveEventsOptions | undefined;
}

/**
 * The talks, by concern: accounts (sign-in, sessions, tokens), papers and relays, the negotiating texts,
 * rounds and progress, and the record (audit log, checkpoints, export). Each concern checks the one policy,
 * applies the core model's rules and, for every write and every read of a paper or relay, appends a
 * hash-chained audit entry in the same transaction (see `TalksLedger`). The operations in `talks-operations`
 * are what the API and the CLI call; `checkRequest` is the gate the server puts before each of them.
 */
export class TalksService {
  readonly accounts: TalksAccounts;
  readonly papers: TalksPapers;
  readonly texts: TalksTexts;
  readonly rounds: TalksRounds;
  readonly record: TalksRecord;
  readonly notes: TalksNotes;
  readonly events: TalksEvents;
  private readonly refusals: StoredRefusalLimiter;
  private readonly ledger: TalksLedger;

  constructor(db: Database, options: TalksOptions = {}) {
    const clock = options.clock ?? (() => new Date());
    const ledger = new TalksLedger(db, clock);
    this.accounts = new TalksAccounts(ledger, options);
    this.papers = new TalksPapers(ledger);
    this.texts = new TalksTexts(ledger);
    this.rounds = new TalksRounds(ledger, this.texts);
    this.notes = new TalksNotes(ledger);
    this.record = new TalksRecord(ledger, this.texts, this.rounds, options.auditSigner);
    this.events = new TalksEvents(ledger, this.accounts, options.liveEvents);
    this.refusals = new StoredRefusalLimiter(db, options.refusalLimits ?? defaultRefusalLimits, () =>
      clock().getTime(),
    );
    this.ledger = ledger;
  }

  /**
   * The check the server makes before it reads a request's body: `action` by the caller on nothing, or on
   * the paper, relay or token `id`. Throws the policy's refusal (403, or 404 for what the caller may not know
   * of). A refused attempt on a paper or relay is recorded in the audit log; past 30 in 10 minutes by one
   * user, one entry says the refusals are throttled and the rest answer 429 unrecorded.
   */
  async checkRequest(
    caller: TalksCaller,
    action: TalksAction,
    resource: 'none' | 'document' | 'relay' | 'token' | 'account' | 'note',
    id: string,
  ): Promise<void> {
    const view =
      resource === 'none'
        ? ({ kind: 'none' } as const)
        : resource === 'document'
          ? await this.papers.documentPolicyResource(caller.actor, id)
          : resource === 'relay'
            ? await this.papers.relayPolicyResource(caller.actor, id)
            : resource === 'account'
              ? await this.accounts.accountPolicyResource(id)
              : resource === 'note'
                ? await this.notes.notePolicyResource(caller.actor, id)
                : await this.accounts.tokenPolicyResource(id);
    const decision = view ? authorize(caller.actor, action, view) : undefined;
    if (decision?.allowed) return;
    const refusal = decision
      ? refusalOf(caller.actor, action, decision, view)
      : new TalksError(404, `no such ${resource}`);
    // A refused attempt on a paper, relay or note is part of the record too: who tried to reach what they may not see.
    if (resource === 'document' || resource === 'relay' || resource === 'note') {
      const limit = await this.refusals.note(caller.actor.userId);
      if (limit.verdict === 'over') {
        throw new TalksError(
          429,
          `too many refused requests: try again in ${limit.retryAfterSeconds} s`,
          undefined,
          undefined,
          limit.retryAfterSeconds,
        );
      }
      await this.ledger.write(
        caller.actor,
        limit.verdict === 'first-over' ? 'refusals.throttled' : `${action}.refused`,
        async () => ({
          value: undefined,
          target: `${resource}:${id.slice(0, 64)}`,
          detail: {
            status: refusal.status,
            ...(limit.verdict === 'first-over' ? { retryAfterSeconds: limit.retryAfterSeconds } : {}),
          },
        }),
      );
      if (limit.verdict === 'first-over') {
        throw new TalksError(
          429,
          `too many refused requests: try again in ${limit.retryAfterSeconds} s`,
          undefined,
          undefined,
          limit.retryAfterSeconds,
        );
      }
    }
    throw refusal;
  }
}
