import { bilateralChannel, type ChannelId, channelDelegations, plenaryMembers } from './channels.ts';
import { type Actor, type Delegation, delegationOf, isDelegation } from './roles.ts';
import { type TalksResult, talksFailure, talksSuccess } from './talks-rule-error.ts';
import { checkVersion } from './versioned.ts';

/** One version of a non-paper. A draft until the author sends it; only then does the coordinator see it. */
export interface DocumentVersion {
  /** 1, 2, 3… in the order written. */
  readonly number: number;
  readonly text: string;
  /** When it was written (ISO 8601 instant). */
  readonly at: string;
  /** The user who wrote it. */
  readonly by: string;
  /** When the author sent it to the coordinator (ISO 8601 instant); absent while a draft. */
  readonly sentAt?: string;
}

/** A non-paper: a delegation's versioned document on one channel. */
export interface NonPaper {
  /** Opaque id given by the store; it must not reveal the author, since recipients may see it. */
  readonly id: string;
  readonly author: Delegation;
  /** The author's bilateral channel, or the plenary when the paper is meant for it (members only). */
  readonly channel: ChannelId;
  readonly title: string;
  readonly versions: readonly DocumentVersion[];
  /** Optimistic version of the document: 1 when created, +1 per version written or sent. */
  readonly version: number;
}

/** Where a relay goes: one delegation, or the plenary (every plenary member, and observers). */
export type RelayTarget = Delegation | 'plenary';

/** The coordinator passing version `documentVersion` of a document on, as is or edited, to some delegations. */
export interface Relay {
  /** Opaque id given by the store. */
  readonly id: string;
  readonly documentId: string;
  readonly documentVersion: number;
  /** The delegation that wrote the paper; recipients learn it only when `discloseAuthor` is set. */
  readonly author: Delegation;
  /** The title and text the recipients see: the author's, or the coordinator's edit of them. */
  readonly title: string;
  readonly text: string;
  /** Whether the coordinator changed the title or text. */
  readonly edited: boolean;
  /** The coordinator's covering note. */
  readonly note: string;
  readonly to: readonly RelayTarget[];
  /** The coordinator user who relayed it. */
  readonly by: string;
  /** When (ISO 8601 instant). */
  readonly at: string;
  /** Whether recipients are told which delegation wrote the paper; by default they are not. */
  readonly discloseAuthor: boolean;
}

/** Every non-paper and every relay. */
export interface DocumentState {
  readonly documents: readonly NonPaper[];
  readonly relays: readonly Relay[];
}

/** No documents and no relays. */
export const emptyDocumentState: DocumentState = { documents: [], relays: [] };

/** The document with `id`, if any. */
export function findDocument(state: DocumentState, id: string): NonPaper | undefined {
  return state.documents.find((d) => d.id === id);
}

/** The delegations a relay reaches. */
export function relayRecipients(relay: Pick<Relay, 'to'>): readonly Delegation[] {
  const reached = new Set<Delegation>();
  for (const target of relay.to) {
    for (const d of target === 'plenary' ? plenaryMembers : [target]) reached.add(d);
  }
  return [...reached];
}

/** A new non-paper: its first version is a draft. */
export interface CreateDocumentInput {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** Defaults to the author's bilateral channel. */
  readonly channel?: ChannelId;
  readonly at: string;
}

/** A head or member of a delegation writes a non-paper for its bilateral channel or, if a member, the plenary. */
export function createDocument(
  state: DocumentState,
  actor: Actor,
  input: CreateDocumentInput,
): TalksResult<DocumentState> {
  const author = delegationOf(actor);
  if (author === undefined) {
    return talksFailure(
      'forbidden',
      'actor.role',
      `a ${actor.role} cannot write non-papers: only heads and members`,
    );
  }
  if (findDocument(state, input.id))
    return talksFailure('invalid-input', 'id', `document "${input.id}" already exists`);
  if (input.title.trim() === '') return talksFailure('invalid-input', 'title', 'a non-paper needs a title');
  const channel = input.channel ?? bilateralChannel(author);
  if (!channelDelegations(channel).includes(author)) {
    return talksFailure('invalid-input', 'channel', `"${author}" cannot write on channel "${channel}"`);
  }
  const document: NonPaper = {
    id: input.id,
    author,
    channel,
    title: input.title,
    versions: [{ number: 1, text: input.text, at: input.at, by: actor.userId }],
    version: 1,
  };
  return talksSuccess({ ...state, documents: [...state.documents, document] });
}

/** A further version of a non-paper, written by its delegation on the version it last read. */
export interface AddVersionInput {
  readonly documentId: string;
  readonly text: string;
  readonly expectedVersion: number;
  readonly at: string;
}

/** Adds a draft version to a delegation's own non-paper. */
export function addVersion(
  state: DocumentState,
  actor: Actor,
  input: AddVersionInput,
): TalksResult<DocumentState> {
  const found = ownDocumentAt(state, actor, input.documentId, input.expectedVersion);
  if (!found.ok) return found;
  const document = found.value;
  const next: DocumentVersion = {
    number: document.versions.length + 1,
    text: input.text,
    at: input.at,
    by: actor.userId,
  };
  return talksSuccess(
    replaceDocument(state, {
      ...document,
      versions: [...document.versions, next],
      version: document.version + 1,
    }),
  );
}

/** Sending version `number` of a non-paper to the coordinator. */
export interface SendVersionInput {
  readonly documentId: string;
  readonly number: number;
  readonly expectedVersion: number;
  readonly at: string;
}

/** The author's delegation sends one version to the coordinator; it stays unseen by every other delegation. */
export function sendVersion(
  state: DocumentState,
  actor: Actor,
  input: SendVersionInput,
): TalksResult<DocumentState> {
  const found = ownDocumentAt(state, actor, input.documentId, input.expectedVersion);
  if (!found.ok) return found;
  const document = found.value;
  const target = document.versions.find((v) => v.number === input.number);
  if (!target)
    return talksFailure('not-found', 'number', `document "${document.id}" has no version ${input.number}`);
  if (target.sentAt !== undefined) {
    return talksFailure('already-sent', 'number', `version ${input.number} was sent at ${target.sentAt}`);
  }
  const versions = document.versions.map((v) => (v === target ? { ...v, sentAt: input.at } : v));
  return talksSuccess(replaceDocument(state, { ...document, versions, version: document.version + 1 }));
}

/** The coordinator relaying a sent version, perhaps edited, with a note. */
export interface RelayInput {
  readonly id: string;
  readonly documentId: string;
  readonly documentVersion: number;
  /** The coordinator's edit of the title; the author's title when absent. */
  readonly title?: string;
  /** The coordinator's edit of the text; the author's text when absent. */
  readonly text?: string;
  readonly note: string;
  readonly to: readonly RelayTarget[];
  readonly discloseAuthor?: boolean;
  readonly at: string;
}

/** The coordinator relays a version it was sent; nothing else ever reaches another delegation. */
export function relayDocument(
  state: DocumentState,
  actor: Actor,
  input: RelayInput,
): TalksResult<DocumentState> {
  if (actor.role !== 'coordinator') {
    return talksFailure(
      'forbidden',
      'actor.role',
      `a ${actor.role} cannot relay: only the coordinator relays`,
    );
  }
  if (state.relays.some((r) => r.id === input.id)) {
    return talksFailure('invalid-input', 'id', `relay "${input.id}" already exists`);
  }
  const document = findDocument(state, input.documentId);
  const source = document?.versions.find((v) => v.number === input.documentVersion);
  if (!document || !source?.sentAt) {
    // A draft is indistinguishable from nothing to the coordinator.
    return talksFailure(
      'not-found',
      'documentVersion',
      `no version ${input.documentVersion} of "${input.documentId}" was sent to the coordinator`,
    );
  }
  const targets = checkTargets(input.to, document.author);
  if (!targets.ok) return targets;
  const title = input.title ?? document.title;
  const text = input.text ?? source.text;
  const relay: Relay = {
    id: input.id,
    documentId: document.id,
    documentVersion: source.number,
    author: document.author,
    title,
    text,
    edited: title !== document.title || text !== source.text,
    note: input.note,
    to: input.to,
    by: actor.userId,
    at: input.at,
    discloseAuthor: input.discloseAuthor ?? false,
  };
  return talksSuccess({ ...state, relays: [...state.relays, relay] });
}

function checkTargets(to: readonly RelayTarget[], author: Delegation): TalksResult<true> {
  if (to.length === 0) return talksFailure('invalid-input', 'to', 'a relay needs at least one recipient');
  for (const [i, target] of to.entries()) {
    if (target !== 'plenary' && !isDelegation(target)) {
      return talksFailure('unknown-delegation', `to[${i}]`, `"${target}" is not a delegation or "plenary"`);
    }
    if (target === author) {
      return talksFailure(
        'invalid-input',
        `to[${i}]`,
        `"${target}" wrote the paper: relay it to other delegations`,
      );
    }
  }
  return talksSuccess(true);
}

/** `ownDocument`, at the version the writer last saw (a stale one is a version conflict). */
function ownDocumentAt(
  state: DocumentState,
  actor: Actor,
  documentId: string,
  expected: number,
): TalksResult<NonPaper> {
  const found = ownDocument(state, actor, documentId);
  if (!found.ok) return found;
  const version = checkVersion(expected, found.value.version, `document "${documentId}"`);
  return version.ok ? found : version;
}

function ownDocument(state: DocumentState, actor: Actor, id: string): TalksResult<NonPaper> {
  const document = findDocument(state, id);
  const delegation = delegationOf(actor);
  // Another delegation's paper does not exist for this actor: the same answer as a missing one.
  if (!document || delegation !== document.author) {
    return talksFailure('not-found', 'documentId', `no document "${id}" of your delegation`);
  }
  return talksSuccess(document);
}

function replaceDocument(state: DocumentState, document: NonPaper): DocumentState {
  return { ...state, documents: state.documents.map((d) => (d.id === document.id ? document : d)) };
}
