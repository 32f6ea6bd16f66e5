import type {
  AuditVerification,
  DocumentView,
  Inbox,
  ProgressReport,
  ReceivedRelayView,
  RelayInput,
  RenderedTextJson,
  RoundsReport,
  TalksExport,
} from '@lockstep/contract';
import {
  type Actor,
  type AuditCheckpoint,
  addClause,
  addVersion,
  authorize,
  type ChainHead,
  type ChannelId,
  changesSinceLastRound,
  channelDelegations,
  channelsOf,
  checkCheckpoint,
  closeRound,
  createDocument,
  type Delegation,
  type DocumentState,
  delegationOf,
  documentResource,
  type ExpertGroup,
  emptyDocumentState,
  emptyRounds,
  emptyText,
  expertGroups,
  inbox,
  isChannel,
  lastSnapshot,
  type NegotiatingText,
  openRound,
  openRoundOf,
  type Party,
  type PolicyResource,
  progress,
  progressHistory,
  proposeAlternative,
  type RelayTarget,
  type RoundsState,
  relayDocument,
  relayResource,
  renderText,
  sendVersion,
  setClauseStatus,
  type TalksAction,
  verifyStoredChain,
  visibleDocument,
  visibleRelay,
  withdrawAlternative,
} from '@lockstep/core';
import { type Database, type SqlExecutor, type StoredAuditRow, TalksRepository } from '@lockstep/store';
import { type AuditSigner, type StoredCheckpoint, verifyEd25519 } from './audit-signing.ts';
import type { LoginLimits } from './login-throttle.ts';
import { defaultRefusalLimits, RefusalLimiter, type RefusalLimits } from './refusal-limiter.ts';
import { type AccountOptions, TalksAccounts, type TalksCaller } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import { allow, type Done, newId, nodeSha256, refusalOf, TalksLedger, unwrap } from './talks-ledger.ts';

/** The texts' clause id prefixes: `sl-3` is the third clause of the sanctions-lifting text. */
const clausePrefix: { readonly [G in ExpertGroup]: string } = {
  'sanctions-lifting': 'sl',
  'nuclear-implementation': 'ni',
  sequencing: 'sq',
};

const noSuchDocument = () => new TalksError(404, 'no such document');
const noSuchRelay = () => new TalksError(404, 'no such relay');

/** The options of the talks: a clock (tests, the demo), the sign-in and refusal limits, the audit signer. */
export interface TalksOptions extends AccountOptions {
  readonly clock?: (() => Date) | undefined;
  readonly loginLimits?: LoginLimits | undefined;
  readonly refusalLimits?: RefusalLimits | undefined;
  /** Signs checkpoints of the audit head with a key outside the database; without it there are none. */
  readonly auditSigner?: AuditSigner | undefined;
}

/**
 * The talks as a service: every operation checks the one policy, applies the core model's rules and, for
 * every write and every read of a paper or relay, appends a hash-chained audit entry in the same transaction
 * (see `TalksLedger`). Accounts, sign-in and tokens are `accounts`.
 */
export class TalksService {
  readonly accounts: TalksAccounts;
  private readonly ledger: TalksLedger;
  private readonly refusals: RefusalLimiter;
  readonly auditSigner: AuditSigner | undefined;

  constructor(db: Database, options: TalksOptions = {}) {
    const clock = options.clock ?? (() => new Date());
    this.ledger = new TalksLedger(db, clock);
    this.accounts = new TalksAccounts(this.ledger, options);
    this.refusals = new RefusalLimiter(options.refusalLimits ?? defaultRefusalLimits, () =>
      clock().getTime(),
    );
    this.auditSigner = options.auditSigner;
  }

  private get db(): Database {
    return this.ledger.db;
  }

  private write<T>(
    actor: Actor,
    action: string,
    work: (repo: TalksRepository, at: string) => Promise<Done<T>>,
  ): Promise<T> {
    return this.ledger.write(actor, action, work);
  }

  private read<T>(work: (repo: TalksRepository) => Promise<T>): Promise<T> {
    return this.ledger.read(work);
  }

  /**
   * The policy's view of paper `id` for `actor` (what the server checks before it reads the request body), or
   * undefined when there is no such paper. An actor that may not know it exists gets `visible: false`.
   */
  async documentPolicyResource(actor: Actor, id: string): Promise<PolicyResource | undefined> {
    const found = await this.read((repo) => repo.document(id));
    if (!found) return undefined;
    return documentResource(actor, { documents: [found.document], relays: found.relays }, id);
  }

  /** The policy's view of relay `id` for `actor`, or undefined when there is no such relay. */
  async relayPolicyResource(actor: Actor, id: string): Promise<PolicyResource | undefined> {
    const relay = await this.read((repo) => repo.relay(id));
    return relay ? relayResource(actor, [relay], id) : undefined;
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
    resource: 'none' | 'document' | 'relay' | 'token' | 'account',
    id: string,
  ): Promise<void> {
    const view =
      resource === 'none'
        ? ({ kind: 'none' } as const)
        : resource === 'document'
          ? await this.documentPolicyResource(caller.actor, id)
          : resource === 'relay'
            ? await this.relayPolicyResource(caller.actor, id)
            : resource === 'account'
              ? await this.accounts.accountPolicyResource(id)
              : await this.accounts.tokenPolicyResource(id);
    const decision = view ? authorize(caller.actor, action, view) : undefined;
    if (decision?.allowed) return;
    const refusal = decision
      ? refusalOf(caller.actor, action, decision, view)
      : new TalksError(404, `no such ${resource}`);
    // A refused attempt on a paper or relay is part of the record too: who tried to reach what they may not see.
    if (resource === 'document' || resource === 'relay') {
      const limit = this.refusals.note(caller.actor.userId);
      if (limit.verdict === 'over') {
        throw new TalksError(
          429,
          `too many refused requests: try again in ${limit.retryAfterSeconds} s`,
          undefined,
          undefined,
          limit.retryAfterSeconds,
        );
      }
      await this.write(
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

  // Channels and papers

  channels(actor: Actor): { id: ChannelId; delegations: Delegation[] }[] {
    allow(actor, 'channel.list');
    return channelsOf(actor).map((id) => ({ id, delegations: [...channelDelegations(id)] }));
  }

  /** The actor's inbox (a read of the papers listed, so it is recorded). */
  async inbox(actor: Actor): Promise<Inbox> {
    allow(actor, 'document.list');
    return this.write(actor, 'document.list', async (repo) => {
      const delegation = delegationOf(actor);
      const state = await repo.documents({
        ...(delegation ? { author: delegation } : {}),
        allDocuments: actor.role === 'coordinator',
      });
      const items = [...inbox(actor, state)];
      return { value: { items }, target: 'documents', detail: { items: items.length } };
    });
  }

  /** One paper as the actor may see it; 404 when the actor may not know it exists. */
  async readDocument(actor: Actor, id: string): Promise<DocumentView> {
    return this.write(actor, 'document.read', async (repo) => {
      const state = await this.documentState(repo, actor, 'document.read', id);
      const view = visibleDocument(actor, state, id);
      if (!view) throw noSuchDocument();
      const detail = { view: view.kind, versions: view.versions.length };
      return { value: view as DocumentView, target: `document:${id}`, detail };
    });
  }

  /** One relay as a recipient sees it (no paper, no author unless disclosed); 404 unless it reached the actor. */
  async readRelay(actor: Actor, id: string): Promise<ReceivedRelayView> {
    return this.write(actor, 'relay.read', async (repo) => {
      const relay = await repo.relay(id);
      if (!relay) throw noSuchRelay();
      const resource = relayResource(actor, [relay], id);
      const decision = authorize(actor, 'relay.read', resource);
      if (!decision.allowed)
        throw decision.status === 404 ? noSuchRelay() : refusalOf(actor, 'relay.read', decision);
      const view = visibleRelay(actor, [relay], id);
      if (!view) throw noSuchRelay();
      return { value: view, target: `relay:${id}` };
    });
  }

  async createDocument(
    actor: Actor,
    input: { title: string; text: string; channel?: string | undefined },
  ): Promise<DocumentView> {
    allow(actor, 'document.create');
    if (input.channel !== undefined && !isChannel(input.channel)) {
      throw new TalksError(422, `"${input.channel}" is not a channel`, 'channel');
    }
    const id = newId('d');
    return this.write(actor, 'document.create', async (repo, at) => {
      const state = unwrap(
        createDocument(emptyDocumentState, actor, {
          id,
          title: input.title,
          text: input.text,
          ...(input.channel ? { channel: input.channel as ChannelId } : {}),
          at,
        }),
      );
      await repo.addDocument(state.documents[0]!, at);
      return {
        value: visibleDocument(actor, state, id) as DocumentView,
        target: `document:${id}`,
        detail: { version: 1 },
      };
    });
  }

  async addVersion(
    actor: Actor,
    id: string,
    input: { text: string; expectedVersion: number },
  ): Promise<DocumentView> {
    return this.write(actor, 'document.version', async (repo, at) => {
      const state = await this.documentState(repo, actor, 'document.version', id);
      const next = unwrap(addVersion(state, actor, { documentId: id, ...input, at }));
      const document = next.documents[0]!;
      await repo.updateDocument(document);
      return {
        value: visibleDocument(actor, next, id) as DocumentView,
        target: `document:${id}`,
        detail: { number: document.versions.length, version: document.version },
      };
    });
  }

  async sendVersion(
    actor: Actor,
    id: string,
    input: { number: number; expectedVersion: number },
  ): Promise<DocumentView> {
    return this.write(actor, 'document.send', async (repo, at) => {
      const state = await this.documentState(repo, actor, 'document.send', id);
      const next = unwrap(sendVersion(state, actor, { documentId: id, ...input, at }));
      const document = next.documents[0]!;
      await repo.updateDocument(document);
      return {
        value: visibleDocument(actor, next, id) as DocumentView,
        target: `document:${id}`,
        detail: { number: input.number, version: document.version },
      };
    });
  }

  async relay(
    actor: Actor,
    id: string,
    input: {
      documentVersion: number;
      title?: string | undefined;
      text?: string | undefined;
      note: string;
      to: RelayInput['to'];
      discloseAuthor: boolean;
    },
  ): Promise<DocumentView> {
    return this.write(actor, 'document.relay', async (repo, at) => {
      const state = await this.documentState(repo, actor, 'document.relay', id);
      const relayId = newId('r');
      const next = unwrap(
        relayDocument(state, actor, {
          id: relayId,
          documentId: id,
          documentVersion: input.documentVersion,
          ...(input.title === undefined ? {} : { title: input.title }),
          ...(input.text === undefined ? {} : { text: input.text }),
          note: input.note,
          to: input.to as readonly RelayTarget[],
          discloseAuthor: input.discloseAuthor,
          at,
        }),
      );
      const relay = next.relays.at(-1)!;
      await repo.addRelay(relay);
      return {
        value: visibleDocument(actor, next, id) as DocumentView,
        target: `document:${id}`,
        detail: {
          relay: relayId,
          documentVersion: relay.documentVersion,
          to: [...relay.to],
          edited: relay.edited,
          discloseAuthor: relay.discloseAuthor,
        },
      };
    });
  }

  /** One paper and its relays, after the policy's check of `action` on it (404 for an unknowable one). */
  private async documentState(
    repo: TalksRepository,
    actor: Actor,
    action: TalksAction,
    id: string,
  ): Promise<DocumentState> {
    if (actor.role === 'admin') allow(actor, action, { kind: 'none' });
    const found = await repo.document(id);
    if (!found) throw noSuchDocument();
    const state: DocumentState = { documents: [found.document], relays: found.relays };
    const resource = documentResource(actor, state, id);
    if (!resource) throw noSuchDocument();
    allow(actor, action, resource);
    return state;
  }

  // The negotiating texts

  private async allTexts(db: SqlExecutor): Promise<NegotiatingText[]> {
    const stored = await new TalksRepository(db).texts();
    return expertGroups.map((group) => stored.find((t) => t.group === group) ?? emptyText(group));
  }

  async texts(actor: Actor): Promise<RenderedTextJson[]> {
    allow(actor, 'text.read');
    return (await this.allTexts(this.db)).map((t) => renderText(actor, t) as RenderedTextJson);
  }

  async text(actor: Actor, group: ExpertGroup): Promise<RenderedTextJson> {
    allow(actor, 'text.read');
    const text = (await this.read((repo) => repo.text(group))) ?? emptyText(group);
    return renderText(actor, text) as RenderedTextJson;
  }

  /** A change to one group's text by the coordinator: the rendered text after it. */
  private editText(
    actor: Actor,
    action: TalksAction,
    group: ExpertGroup,
    change: (
      text: NegotiatingText,
      at: string,
    ) => { next: NegotiatingText; target: string; detail: Done<unknown>['detail'] },
  ): Promise<RenderedTextJson> {
    allow(actor, action);
    return this.write(actor, action, async (repo, at) => {
      const text = (await repo.text(group)) ?? emptyText(group);
      const { next, target, detail } = change(text, at);
      await repo.saveText(next);
      return { value: renderText(actor, next) as RenderedTextJson, target, ...(detail ? { detail } : {}) };
    });
  }

  addClause(
    actor: Actor,
    group: ExpertGroup,
    input: {
      title: string;
      weight: number;
      references: { kind: 'sequencing-plan' | 'sanctions-designations' | 'nuclear-steps'; ids: string[] }[];
      expectedVersion: number;
    },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.add-clause', group, (text, at) => {
      const id = `${clausePrefix[group]}-${text.clauses.length + 1}`;
      const next = unwrap(addClause(text, actor, { id, ...input, at }));
      return { next, target: `clause:${group}/${id}`, detail: { textVersion: next.version } };
    });
  }

  propose(
    actor: Actor,
    group: ExpertGroup,
    clauseId: string,
    input: { text: string; proposer: Party; disclosedTo: Delegation[]; expectedVersion: number },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.propose', group, (text, at) => {
      const clause = text.clauses.find((c) => c.id === clauseId);
      const id = `${clauseId}-a${(clause?.alternatives.length ?? 0) + 1}`;
      const next = unwrap(proposeAlternative(text, actor, { clauseId, id, ...input, at }));
      return {
        next,
        target: `clause:${group}/${clauseId}`,
        detail: { alternative: id, proposer: input.proposer, disclosedTo: [...input.disclosedTo] },
      };
    });
  }

  withdraw(
    actor: Actor,
    group: ExpertGroup,
    clauseId: string,
    alternativeId: string,
    input: { expectedVersion: number },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.withdraw', group, (text, at) => ({
      next: unwrap(withdrawAlternative(text, actor, { clauseId, alternativeId, ...input, at })),
      target: `clause:${group}/${clauseId}`,
      detail: { alternative: alternativeId },
    }));
  }

  setStatus(
    actor: Actor,
    group: ExpertGroup,
    clauseId: string,
    input: {
      to: 'open' | 'agreed-ad-referendum' | 'agreed';
      alternativeId?: string | undefined;
      expectedVersion: number;
    },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.set-status', group, (text, at) => {
      const next = unwrap(
        setClauseStatus(text, actor, {
          clauseId,
          to: input.to,
          ...(input.alternativeId === undefined ? {} : { alternativeId: input.alternativeId }),
          expectedVersion: input.expectedVersion,
          at,
        }),
      );
      const clause = next.clauses.find((c) => c.id === clauseId);
      return {
        next,
        target: `clause:${group}/${clauseId}`,
        detail: { to: input.to, alternative: clause?.agreedAlternative ?? null },
      };
    });
  }

  // Rounds and progress

  async rounds(actor: Actor): Promise<RoundsReport> {
    allow(actor, 'round.read');
    const state = (await this.read((repo) => repo.rounds())) ?? emptyRounds;
    return this.roundsReport(actor, state, await this.allTexts(this.db));
  }

  private roundsReport(actor: Actor, state: RoundsState, texts: readonly NegotiatingText[]): RoundsReport {
    const open = openRoundOf(state);
    return {
      version: state.version,
      rounds: state.rounds.map((r) => ({
        number: r.number,
        openedAt: r.openedAt,
        openedBy: r.openedBy,
        ...(r.closedAt === undefined ? {} : { closedAt: r.closedAt }),
        ...(r.closedBy === undefined ? {} : { closedBy: r.closedBy }),
        ...(r.snapshot
          ? { progress: progress(r.snapshot.texts) as RoundsReport['rounds'][number]['progress'] }
          : {}),
      })),
      ...(open ? { open: open.number } : {}),
      changesSinceLastRound: [
        ...changesSinceLastRound(actor, lastSnapshot(state), texts),
      ] as RoundsReport['changesSinceLastRound'],
    };
  }

  openRound(actor: Actor, input: { expectedVersion: number }): Promise<RoundsReport> {
    allow(actor, 'round.open');
    return this.write(actor, 'round.open', async (repo, at) => {
      const state = (await repo.rounds()) ?? emptyRounds;
      const next = unwrap(openRound(state, actor, { ...input, at }));
      await repo.saveRounds(next);
      const number = next.rounds.at(-1)!.number;
      const texts = await this.allTexts(repo.executor);
      return { value: this.roundsReport(actor, next, texts), target: `round:${number}` };
    });
  }

  /** Closes the open round, snapshotting every group's text: where the next round resumes. */
  closeRound(actor: Actor, input: { expectedVersion: number }): Promise<RoundsReport> {
    allow(actor, 'round.close');
    return this.write(actor, 'round.close', async (repo, at) => {
      const state = (await repo.rounds()) ?? emptyRounds;
      const texts = await this.allTexts(repo.executor);
      const next = unwrap(closeRound(state, actor, { ...input, at, texts }));
      await repo.saveRounds(next);
      const number = next.rounds.at(-1)!.number;
      const textVersions = Object.fromEntries(texts.map((t) => [t.group, t.version]));
      return {
        value: this.roundsReport(actor, next, texts),
        target: `round:${number}`,
        detail: { textVersions },
      };
    });
  }

  async progress(actor: Actor): Promise<ProgressReport> {
    allow(actor, 'progress.read');
    const texts = await this.allTexts(this.db);
    return { now: progress(texts), history: [...progressHistory(texts)] } as ProgressReport;
  }

  // The record

  async auditPage(actor: Actor, after: number, limit: number) {
    allow(actor, 'audit.read');
    return this.read(async (repo) => ({
      entries: (await repo.audit(after, limit)) as never[],
      head: await repo.auditHead(),
    }));
  }

  /** Verifies the log, every hash recomputed, against its head and every checkpoint kept. */
  async verifyAudit(actor: Actor): Promise<AuditVerification> {
    allow(actor, 'audit.verify');
    const signer = this.auditSigner;
    return verifyAuditLog(this.db, {
      checkpoints: signer?.kept() ?? [],
      trustedKeyIds: signer ? [signer.keyId()] : [],
    });
  }

  /**
   * Everything the actor may see, in one JSON document: the texts, progress and rounds, its delegation's papers
   * (or, for the coordinator, those sent to it) and every relay that reached it. Recorded as a read of each
   * paper and relay in it.
   */
  async exportFor(caller: TalksCaller): Promise<TalksExport> {
    const { actor } = caller;
    allow(actor, 'talks.export');
    return this.write(actor, 'talks.export', async (repo, at) => {
      const delegation = delegationOf(actor);
      const state = await repo.documents({
        ...(delegation ? { author: delegation } : {}),
        allDocuments: actor.role === 'coordinator',
      });
      const items = inbox(actor, state);
      const ids = [...new Set(items.flatMap((item) => (item.kind === 'received' ? [] : [item.documentId])))];
      const documents = ids.flatMap((id) => {
        const view = visibleDocument(actor, state, id);
        return view ? [view as DocumentView] : [];
      });
      const relays = items.flatMap((item) => {
        if (item.kind !== 'received') return [];
        const { kind: _kind, ...relay } = item;
        return [relay];
      });
      const texts = await this.allTexts(repo.executor);
      const rounds = (await repo.rounds()) ?? emptyRounds;
      return {
        value: {
          exportedAt: at,
          exportedBy: caller.user,
          texts: texts.map((t) => renderText(actor, t) as RenderedTextJson),
          progress: progress(texts) as TalksExport['progress'],
          rounds: this.roundsReport(actor, rounds, texts),
          documents,
          relays,
        },
        target: 'talks',
        detail: { documents: ids, relays: relays.map((r) => r.relayId) },
      };
    });
  }

  // Signed checkpoints

  /**
   * Signs a checkpoint of the audit head now and keeps it as a file outside the database (recorded in the log
   * as `audit.checkpoint`, before the head it signs). Refused (409) when no signing key is configured.
   */
  async checkpoint(actor: Actor): Promise<AuditCheckpoint> {
    allow(actor, 'audit.checkpoint');
    const signer = this.auditSigner;
    if (!signer) {
      throw new TalksError(
        409,
        'this server keeps no audit signing key: checkpoints need a data directory or LOCKSTEP_STATE_DIR',
      );
    }
    return this.write(actor, 'audit.checkpoint', async (repo, at) => {
      // The head before this entry: the entry recording the checkpoint follows it.
      const head = await repo.auditHead();
      const checkpoint = signer.sign(head, at);
      signer.keep(checkpoint);
      return {
        value: checkpoint,
        target: `audit:${head.seq}`,
        detail: { seq: head.seq, keyId: checkpoint.keyId },
      };
    });
  }

  /**
   * Signs and keeps a checkpoint when the head moved since the last one kept (the server does this on a
   * timer and when it stops), without writing to the log. Returns it, or undefined when there was nothing new.
   */
  async checkpointIfMoved(): Promise<AuditCheckpoint | undefined> {
    const signer = this.auditSigner;
    if (!signer) return undefined;
    const head = await this.read((repo) => repo.auditHead());
    if (head.seq === 0) return undefined;
    const latest = signer.latest();
    if (latest && latest.seq === head.seq && latest.hash === head.hash) return undefined;
    const checkpoint = signer.sign(head, this.ledger.now());
    signer.keep(checkpoint);
    return checkpoint;
  }
}

/** What to check a log against besides its head: signed checkpoints, and the keys trusted to sign them. */
export interface CheckpointCheck {
  readonly checkpoints: readonly StoredCheckpoint[];
  readonly trustedKeyIds: readonly string[];
}

/**
 * Verifies the whole audit log: every stored hash recomputed and compared with its column, every link, the
 * head kept apart, and each signed checkpoint (which a database writer cannot forge, so a rewrite of the
 * whole chain and its head fails here). The first edited, removed, reordered or inserted entry is named.
 * Run by `lockstep talks audit verify` directly on the store.
 */
export async function verifyAuditLog(
  db: SqlExecutor,
  against: CheckpointCheck = { checkpoints: [], trustedKeyIds: [] },
): Promise<AuditVerification> {
  const { head, rows } = await exportAuditLog(db);
  return verifyStoredLog(rows, head, against);
}

/** The audit log as stored, with its head: what `lockstep talks audit export` writes for offline checks. */
export async function exportAuditLog(db: SqlExecutor): Promise<{ head: ChainHead; rows: StoredAuditRow[] }> {
  const repo = new TalksRepository(db);
  return { head: await repo.auditHead(), rows: await repo.storedAudit() };
}

/** `verifyAuditLog` on rows and a head already read (from the store, or from an exported file offline). */
export function verifyStoredLog(
  rows: readonly StoredAuditRow[],
  head: ChainHead,
  against: CheckpointCheck = { checkpoints: [], trustedKeyIds: [] },
): AuditVerification {
  const chain = verifyStoredChain(rows, nodeSha256, head);
  const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
  const results = against.checkpoints.map((stored) =>
    checkpointResult(stored, head, hashes, against.trustedKeyIds),
  );
  const failed = results.find((c) => !c.ok);
  // Every checkpoint is checked; the answer lists the failing ones and the newest few (one is kept every ten
  // minutes of activity, so the whole list would grow without bound).
  const newest = results.filter((c) => c.ok).slice(-shownCheckpoints);
  const checkpoints = [...results.filter((c) => !c.ok), ...newest];
  const checkpointsChecked = results.length;
  if (chain.ok && !failed) {
    const signed = checkpointsChecked > 0 ? `; ${checkpointsChecked} signed checkpoint(s) hold` : '';
    return {
      ok: true,
      count: chain.count,
      head,
      checkpoints,
      checkpointsChecked,
      message: `${chain.count} entries verified: every hash and link holds, up to the recorded head (seq ${head.seq})${signed}`,
    };
  }
  if (!chain.ok) {
    return {
      ok: false,
      count: rows.length,
      head,
      problem: chain.problem,
      firstBad: chain.firstBad,
      checkpoints,
      checkpointsChecked,
      message: chain.message,
    };
  }
  return {
    ok: false,
    count: rows.length,
    head,
    checkpoints,
    checkpointsChecked,
    message: `the chain holds on its own, but a signed checkpoint does not: ${failed!.message}`,
  };
}

/** How many of the checkpoints that hold a verification lists (the newest). */
const shownCheckpoints = 5;

function checkpointResult(
  stored: StoredCheckpoint,
  head: { seq: number; hash: string },
  hashes: ReadonlyMap<number, string>,
  trustedKeyIds: readonly string[],
): AuditVerification['checkpoints'][number] {
  if ('error' in stored) {
    return {
      file: stored.file,
      seq: 0,
      at: '',
      keyId: '',
      ok: false,
      problem: 'malformed',
      message: `${stored.file}: ${stored.error}`,
    };
  }
  const { checkpoint } = stored;
  const verdict = checkCheckpoint(checkpoint, head, (seq) => hashes.get(seq), verifyEd25519, trustedKeyIds);
  return {
    ...(stored.file ? { file: stored.file } : {}),
    seq: checkpoint.seq,
    at: checkpoint.at,
    keyId: checkpoint.keyId,
    ok: verdict.ok,
    ...(verdict.ok ? {} : { problem: verdict.problem }),
    message: verdict.ok
      ? `the log still holds entry ${checkpoint.seq} as signed at ${checkpoint.at}`
      : verdict.message,
  };
}
