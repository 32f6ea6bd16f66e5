import { createHash, randomBytes } from 'node:crypto';
import type {
  ApiToken,
  AuditVerification,
  CreatedToken,
  CreateUserInput,
  DocumentView,
  Inbox,
  ProgressReport,
  RelayInput,
  RenderedTextJson,
  RoundsReport,
  SessionInfo,
  SetupInput,
  TalksExport,
  TalksUser,
} from '@lockstep/contract';
import { talksSessionHours } from '@lockstep/contract';
import {
  type Actor,
  type AuditValue,
  addClause,
  addVersion,
  appendEntry,
  authorize,
  type ChannelId,
  changesSinceLastRound,
  channelDelegations,
  channelsOf,
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
  renderText,
  sendVersion,
  setClauseStatus,
  type TalksAction,
  type TalksResult,
  VersionConflict,
  verifyChain,
  visibleDocument,
  withdrawAlternative,
} from '@lockstep/core';
import {
  type Database,
  type SqlExecutor,
  type TalksCredentialRecord,
  TalksRepository,
  type TalksUserRecord,
} from '@lockstep/store';
import { defaultLoginLimits, LoginLimiter, type LoginLimits } from './login-limiter.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { TalksError } from './talks-error.ts';

/** SHA-256 in hex by node:crypto: the audit chain's hash (core's pure one gives the same digests, slower). */
export function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A signed-in caller: who they are in the talks and by which credential. */
export interface TalksCaller {
  readonly actor: Actor;
  readonly user: TalksUser;
  readonly credentialId: string;
  readonly via: 'session' | 'token';
  readonly expiresAt: string;
}

/** The texts' clause id prefixes: `sl-3` is the third clause of the sanctions-lifting text. */
const clausePrefix: { readonly [G in ExpertGroup]: string } = {
  'sanctions-lifting': 'sl',
  'nuclear-implementation': 'ni',
  sequencing: 'sq',
};

/** A fresh opaque id: it says nothing of who made the object, since recipients may see it. */
function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

function publicUser(user: TalksUserRecord): TalksUser {
  const { passwordHash: _secret, ...rest } = user;
  return rest;
}

function actorOf(user: TalksUserRecord): Actor {
  return { userId: user.id, role: user.role, ...(user.delegation ? { delegation: user.delegation } : {}) };
}

function publicToken(token: TalksCredentialRecord): ApiToken {
  const { secretHash: _secret, kind: _kind, ...rest } = token;
  return rest;
}

/** A core rule's outcome, or the error the API answers with. */
function unwrap<T>(result: TalksResult<T>): T {
  if (result.ok) return result.value;
  const error = result.error;
  if (error instanceof VersionConflict) throw new TalksError(409, error.message, error.field, error.current);
  const status = error.code === 'not-found' ? 404 : error.code === 'forbidden' ? 403 : 422;
  throw new TalksError(status, error.message, error.field);
}

/** Refuses with the policy's answer (403, or 404 when the actor may not know the object exists). */
function allow(actor: Actor, action: TalksAction, resource?: PolicyResource): void {
  const decision = authorize(actor, action, resource);
  if (!decision.allowed) throw refusalOf(actor, action, decision, resource);
}

/**
 * The policy's refusal as an error. Its reason for a paper may name the author delegation ("only the
 * "iran" delegation may ..."), which a recipient of an unattributed relay must not learn: only the
 * author's delegates and the coordinator are told it.
 */
function refusalOf(
  actor: Actor,
  action: TalksAction,
  decision: { readonly status: 403 | 404; readonly reason: string },
  resource?: PolicyResource,
): TalksError {
  const namesAuthor =
    resource?.kind === 'document' &&
    actor.role !== 'coordinator' &&
    delegationOf(actor) !== resource.author &&
    decision.reason.includes(`"${resource.author}"`);
  return new TalksError(
    decision.status,
    namesAuthor ? `only the delegation that wrote this paper may ${action} it` : decision.reason,
  );
}

const noSuchDocument = () => new TalksError(404, 'no such document');

/** What one write did, for the audit entry: ids and versions only, never a text. */
interface Done<T> {
  readonly value: T;
  readonly target: string;
  readonly detail?: { readonly [key: string]: AuditValue };
}

/**
 * The talks as a service: every operation checks the one policy, applies the core model's rules and, for
 * every write and every read of a paper, appends a hash-chained audit entry in the same transaction. Writes
 * lock the audit head first, so they are ordered, each sees the one before, and a stale version is caught.
 */
export class TalksService {
  private readonly limiter: LoginLimiter;
  private readonly clock: () => Date;

  constructor(
    private readonly db: Database,
    options: { readonly clock?: () => Date; readonly loginLimits?: LoginLimits } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.limiter = new LoginLimiter(options.loginLimits ?? defaultLoginLimits, () => this.clock().getTime());
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Runs `work` in one transaction with the audit head locked, and records it as `action` by `actor`. */
  private write<T>(
    actor: Actor,
    action: string,
    work: (repo: TalksRepository, at: string) => Promise<Done<T>>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const repo = new TalksRepository(tx);
      const head = await repo.lockAuditHead();
      const at = this.now();
      const done = await work(repo, at);
      const record = { at, actor, action, target: done.target, detail: done.detail ?? {} };
      await repo.appendAudit([appendEntry(head.seq === 0 ? undefined : head, record, nodeSha256)]);
      return done.value;
    });
  }

  private read<T>(work: (repo: TalksRepository) => Promise<T>): Promise<T> {
    return work(new TalksRepository(this.db));
  }

  // First run, accounts and credentials

  /** Whether the first admin is still to be created. */
  async needsAdmin(): Promise<boolean> {
    return (await this.read((repo) => repo.countUsers())) === 0;
  }

  /** Creates the first admin; refused (409) once any account exists. */
  async setupAdmin(input: SetupInput): Promise<TalksUser> {
    const passwordHash = await hashPassword(input.password);
    const user: TalksUserRecord = {
      id: newId('u'),
      username: input.username,
      displayName: input.displayName,
      role: 'admin',
      passwordHash,
      createdAt: this.now(),
    };
    return this.write(actorOf(user), 'user.create', async (repo) => {
      if ((await repo.countUsers()) > 0) {
        throw new TalksError(409, 'the first admin already exists: sign in, and have an admin add accounts');
      }
      await repo.addUser(user);
      return { value: publicUser(user), target: `user:${user.id}`, detail: { role: 'admin', setup: true } };
    });
  }

  async createUser(actor: Actor, input: CreateUserInput): Promise<TalksUser> {
    allow(actor, 'user.create');
    const passwordHash = await hashPassword(input.password);
    const user: TalksUserRecord = {
      id: newId('u'),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      ...(input.delegation ? { delegation: input.delegation } : {}),
      passwordHash,
      createdAt: this.now(),
    };
    return this.write(actor, 'user.create', async (repo) => {
      if (await repo.userByName(user.username)) {
        throw new TalksError(409, `the username "${user.username}" is taken: choose another`, 'username');
      }
      await repo.addUser(user);
      const detail = { username: user.username, role: user.role, delegation: user.delegation ?? null };
      return { value: publicUser(user), target: `user:${user.id}`, detail };
    });
  }

  /** Sets a new password for an account (admin); its sessions and tokens stay as they are. */
  async resetPassword(actor: Actor, username: string, password: string): Promise<TalksUser> {
    allow(actor, 'user.create');
    const passwordHash = await hashPassword(password);
    return this.write(actor, 'user.password', async (repo) => {
      const user = await repo.userByName(username);
      if (!user) throw new TalksError(404, `no user "${username}"`, 'username');
      await repo.setPasswordHash(user.id, passwordHash);
      return { value: publicUser(user), target: `user:${user.id}` };
    });
  }

  async listUsers(actor: Actor): Promise<TalksUser[]> {
    allow(actor, 'user.list');
    return (await this.read((repo) => repo.listUsers())).map(publicUser);
  }

  /**
   * Signs in with a password and starts a new session (a fresh secret every time, so a session id planted
   * before sign-in is worthless; `previousSecret`, the cookie the browser sent, is revoked). The answer to a
   * wrong password and to an unknown name is the same, and so is its cost: an unknown name is checked
   * against a dummy hash. Failures are limited per name and per address (429 with the wait).
   */
  async signIn(
    username: string,
    password: string,
    address: string,
    previousSecret?: string,
  ): Promise<{ secret: string; session: SessionInfo }> {
    const name = username.trim().toLowerCase();
    // One attempt at a time per name and per address: attempts sent at once would otherwise all pass the
    // limiter's check before the first failure is counted (30 parallel guesses were all tried).
    const user = await this.oneSignInAtATime([`account:${name}`, `address:${address}`], async () => {
      const wait = this.limiter.retryAfter(name, address);
      if (wait > 0) {
        throw new TalksError(
          429,
          `too many failed sign-ins for this account or address: try again in ${wait} s`,
          undefined,
          undefined,
          wait,
        );
      }
      const found = await this.read((repo) => repo.userByName(name));
      const matches = found
        ? await verifyPassword(password, found.passwordHash)
        : (await verifyPassword(password, await dummyPasswordHash())) && false;
      if (!found || !matches) {
        this.limiter.fail(name, address);
        throw new TalksError(401, 'wrong username or password');
      }
      this.limiter.succeed(name);
      return found;
    });
    const secret = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const credential: TalksCredentialRecord = {
      id: newId('s'),
      kind: 'session',
      secretHash: nodeSha256(secret),
      userId: user.id,
      label: 'web session',
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + talksSessionHours * 3_600_000).toISOString(),
    };
    const previous = previousSecret
      ? await this.read((repo) => repo.credentialBySecret(nodeSha256(previousSecret)))
      : undefined;
    await this.write(actorOf(user), 'session.start', async (repo, at) => {
      if (previous?.credential.kind === 'session') await repo.revokeCredential(previous.credential.id, at);
      await repo.addCredential(credential);
      return { value: undefined, target: `session:${credential.id}` };
    });
    return {
      secret,
      session: { user: publicUser(user), expiresAt: credential.expiresAt, via: 'session' },
    };
  }

  /** The sign-in attempt last queued per account name and per address. */
  private readonly signInTurns = new Map<string, Promise<unknown>>();

  /** Runs `work` after every attempt queued before on any of `keys` has settled. */
  private async oneSignInAtATime<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((key) => this.signInTurns.get(key));
    const turn = Promise.allSettled(before).then(work);
    const settled = turn.catch(() => undefined);
    for (const key of keys) this.signInTurns.set(key, settled);
    try {
      return await turn;
    } finally {
      for (const key of keys) if (this.signInTurns.get(key) === settled) this.signInTurns.delete(key);
    }
  }

  /** The caller a session or token secret stands for; 401 when it is unknown, expired or revoked. */
  async authenticate(secret: string): Promise<TalksCaller> {
    const found = await this.read((repo) => repo.credentialBySecret(nodeSha256(secret)));
    const what = secret.startsWith('lst_') ? 'token' : 'session';
    if (!found) throw new TalksError(401, `not signed in: the ${what} is not known; sign in again`);
    const { credential, user } = found;
    if (credential.revokedAt !== undefined) {
      throw new TalksError(
        401,
        `this ${credential.kind} was ended at ${credential.revokedAt}; sign in again`,
      );
    }
    if (Date.parse(credential.expiresAt) <= this.clock().getTime()) {
      throw new TalksError(401, `this ${credential.kind} expired at ${credential.expiresAt}; sign in again`);
    }
    return {
      actor: actorOf(user),
      user: publicUser(user),
      credentialId: credential.id,
      via: credential.kind,
      expiresAt: credential.expiresAt,
    };
  }

  session(caller: TalksCaller): SessionInfo {
    allow(caller.actor, 'session.read');
    return { user: caller.user, expiresAt: caller.expiresAt, via: caller.via };
  }

  /** Ends the caller's session (or revokes the token used): the next request with it gets 401. */
  async signOut(caller: TalksCaller): Promise<void> {
    allow(caller.actor, 'session.end');
    await this.write(caller.actor, 'session.end', async (repo, at) => {
      await repo.revokeCredential(caller.credentialId, at);
      return { value: undefined, target: `${caller.via}:${caller.credentialId}` };
    });
  }

  /** A new API token for the actor (or, for an admin, for `userId`); the secret is returned once. */
  async createToken(
    actor: Actor,
    input: { label: string; expiresInDays: number; userId?: string | undefined },
  ): Promise<CreatedToken> {
    const owner = input.userId ?? actor.userId;
    allow(actor, 'token.create', { kind: 'token', ownerUserId: owner });
    const secret = `lst_${randomBytes(32).toString('base64url')}`;
    return this.write(actor, 'token.create', async (repo, at) => {
      if (!(await repo.userById(owner))) throw new TalksError(404, `no user "${owner}"`, 'userId');
      const token: TalksCredentialRecord = {
        id: newId('t'),
        kind: 'token',
        secretHash: nodeSha256(secret),
        userId: owner,
        label: input.label,
        createdAt: at,
        expiresAt: new Date(Date.parse(at) + input.expiresInDays * 86_400_000).toISOString(),
      };
      await repo.addCredential(token);
      return { value: { token: publicToken(token), secret }, target: `token:${token.id}` };
    });
  }

  /** The actor's tokens; every token for an admin. */
  async listTokens(actor: Actor): Promise<ApiToken[]> {
    allow(actor, 'token.list', { kind: 'token', ownerUserId: actor.userId });
    const tokens = await this.read((repo) =>
      repo.listTokens(actor.role === 'admin' ? undefined : actor.userId),
    );
    return tokens.map(publicToken);
  }

  /** Revokes a token at once: its next use gets 401. */
  async revokeToken(actor: Actor, id: string): Promise<ApiToken> {
    return this.write(actor, 'token.revoke', async (repo, at) => {
      const token = await repo.credentialById(id);
      if (token?.kind !== 'token') throw new TalksError(404, `no token "${id}"`, 'id');
      allow(actor, 'token.revoke', { kind: 'token', ownerUserId: token.userId });
      await repo.revokeCredential(id, at);
      return { value: publicToken({ ...token, revokedAt: token.revokedAt ?? at }), target: `token:${id}` };
    });
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

  /**
   * The check the server makes before it reads a request's body: `action` by the caller on nothing, or on
   * the paper or token `id`. Throws the policy's refusal (403, or 404 for what the caller may not know of).
   */
  async checkRequest(
    caller: TalksCaller,
    action: TalksAction,
    resource: 'none' | 'document' | 'token',
    id: string,
  ): Promise<void> {
    const view =
      resource === 'none'
        ? ({ kind: 'none' } as const)
        : resource === 'document'
          ? await this.documentPolicyResource(caller.actor, id)
          : await this.tokenPolicyResource(id);
    const decision = view ? authorize(caller.actor, action, view) : undefined;
    if (decision?.allowed) return;
    const refusal = decision
      ? refusalOf(caller.actor, action, decision, view)
      : new TalksError(404, `no such ${resource}`);
    // A refused attempt on a paper is part of the record too: who tried to reach what they may not see.
    if (resource === 'document') {
      await this.write(caller.actor, `${action}.refused`, async () => ({
        value: undefined,
        target: `document:${id.slice(0, 64)}`,
        detail: { status: refusal.status },
      }));
    }
    throw refusal;
  }

  /** The policy's view of token `id` (whose it is), or undefined when there is no such token. */
  async tokenPolicyResource(id: string): Promise<PolicyResource | undefined> {
    const token = await this.read((repo) => repo.credentialById(id));
    return token?.kind === 'token' ? { kind: 'token', ownerUserId: token.userId } : undefined;
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
      const detail = { view: view.kind, versions: view.kind === 'received' ? 0 : view.versions.length };
      return { value: view as DocumentView, target: `document:${id}`, detail };
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

  async verifyAudit(actor: Actor): Promise<AuditVerification> {
    allow(actor, 'audit.verify');
    return verifyAuditLog(this.db);
  }

  /** Everything the actor may see, in one JSON document; recorded as a read of each paper in it. */
  async exportFor(caller: TalksCaller): Promise<TalksExport> {
    const { actor } = caller;
    allow(actor, 'talks.export');
    return this.write(actor, 'talks.export', async (repo, at) => {
      const delegation = delegationOf(actor);
      const state = await repo.documents({
        ...(delegation ? { author: delegation } : {}),
        allDocuments: actor.role === 'coordinator',
      });
      const ids = [...new Set(inbox(actor, state).map((item) => item.documentId))];
      const documents = ids.flatMap((id) => {
        const view = visibleDocument(actor, state, id);
        return view ? [view as DocumentView] : [];
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
        },
        target: 'talks',
        detail: { documents: ids },
      };
    });
  }
}

/**
 * Verifies the whole audit log against its chain and the head kept apart: the first edited, removed,
 * reordered or inserted entry is named. Run by `lockstep talks audit verify` directly on the store.
 */
export async function verifyAuditLog(db: SqlExecutor): Promise<AuditVerification> {
  const repo = new TalksRepository(db);
  const head = await repo.auditHead();
  const entries = await repo.allAudit();
  const result = verifyChain(entries, nodeSha256, head);
  if (result.ok) {
    return {
      ok: true,
      count: result.count,
      head,
      message: `${result.count} entries verified: every hash and link holds, up to the recorded head (seq ${head.seq})`,
    };
  }
  return {
    ok: false,
    count: entries.length,
    head,
    problem: result.problem,
    firstBad: result.firstBad,
    message: result.message,
  };
}
