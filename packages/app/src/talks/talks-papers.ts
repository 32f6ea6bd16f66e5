import type { DocumentView, Inbox, ReceivedRelayView, RelayInput } from '@lockstep/contract';
import {
  type Actor,
  addVersion,
  authorize,
  type ChannelId,
  channelDelegations,
  channelsOf,
  createDocument,
  type Delegation,
  type DocumentState,
  delegationOf,
  documentResource,
  emptyDocumentState,
  inbox,
  isChannel,
  type PolicyResource,
  type RelayTarget,
  relayDocument,
  relayResource,
  sendVersion,
  type TalksAction,
  visibleDocument,
  visibleRelay,
} from '@lockstep/core';
import type { TalksRepository } from '@lockstep/store';
import { TalksError } from './talks-error.ts';
import { allow, newId, refusalOf, type TalksLedger, unwrap } from './talks-ledger.ts';

const noSuchDocument = () => new TalksError(404, 'no such document');
const noSuchRelay = () => new TalksError(404, 'no such relay');

/**
 * The papers: non-papers written by a delegation, sent to the coordinator and relayed by it, as is or edited,
 * to delegations or the plenary. Every read of a paper or relay is recorded, like every write.
 */
export class TalksPapers {
  constructor(private readonly ledger: TalksLedger) {}

  /**
   * The policy's view of paper `id` for `actor` (what the server checks before it reads the request body), or
   * undefined when there is no such paper. An actor that may not know it exists gets `visible: false`.
   */
  async documentPolicyResource(actor: Actor, id: string): Promise<PolicyResource | undefined> {
    const found = await this.ledger.read((repo) => repo.document(id));
    if (!found) return undefined;
    return documentResource(actor, { documents: [found.document], relays: found.relays }, id);
  }

  /** The policy's view of relay `id` for `actor`, or undefined when there is no such relay. */
  async relayPolicyResource(actor: Actor, id: string): Promise<PolicyResource | undefined> {
    const relay = await this.ledger.read((repo) => repo.relay(id));
    return relay ? relayResource(actor, [relay], id) : undefined;
  }

  /** The channels the actor takes part in, with their delegations (there is no US-Iran channel). */
  channels(actor: Actor): { id: ChannelId; delegations: Delegation[] }[] {
    allow(actor, 'channel.list');
    return channelsOf(actor).map((id) => ({ id, delegations: [...channelDelegations(id)] }));
  }

  /** The actor's inbox (a read of the papers listed, so it is recorded). */
  async inbox(actor: Actor): Promise<Inbox> {
    allow(actor, 'document.list');
    return this.ledger.write(actor, 'document.list', async (repo) => {
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
    return this.ledger.write(actor, 'document.read', async (repo) => {
      const state = await this.documentState(repo, actor, 'document.read', id);
      const view = visibleDocument(actor, state, id);
      if (!view) throw noSuchDocument();
      const detail = { view: view.kind, versions: view.versions.length };
      return { value: view as DocumentView, target: `document:${id}`, detail };
    });
  }

  /** One relay as a recipient sees it (no paper, no author unless disclosed); 404 unless it reached the actor. */
  async readRelay(actor: Actor, id: string): Promise<ReceivedRelayView> {
    return this.ledger.write(actor, 'relay.read', async (repo) => {
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
    return this.ledger.write(actor, 'document.create', async (repo, at) => {
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
    return this.ledger.write(actor, 'document.version', async (repo, at) => {
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
    return this.ledger.write(actor, 'document.send', async (repo, at) => {
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
    return this.ledger.write(actor, 'document.relay', async (repo, at) => {
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
}
