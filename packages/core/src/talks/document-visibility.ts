import type { ChannelId } from './channels.ts';
import {
  type DocumentState,
  type DocumentVersion,
  findDocument,
  type Relay,
  relayRecipients,
} from './documents.ts';
import { type Actor, type Delegation, delegationOf } from './roles.ts';

/**
 * A relay as its recipients see it: the relayed title and text, who relayed it and when; the author only if
 * disclosed. It names no paper: each relay stands alone, so that a relay whose author is disclosed cannot
 * reveal the author of an earlier, anonymous relay of the same paper.
 */
export interface ReceivedRelay {
  readonly relayId: string;
  readonly title: string;
  readonly text: string;
  readonly note: string;
  /** The coordinator user who relayed it. */
  readonly relayedBy: string;
  /** When it was relayed (ISO 8601 instant). */
  readonly at: string;
  /** The writing delegation, present only when the coordinator chose to disclose it. */
  readonly author?: Delegation;
}

/**
 * What an actor may see of one document:
 * - `own`: the author's delegation sees every version, drafts included;
 * - `sent`: the coordinator sees the versions sent to it (never drafts) and its own relays of them.
 * A recipient sees no document, only the relays that reached it, one at a time (`visibleRelay`).
 */
export type DocumentView =
  | {
      readonly kind: 'own';
      readonly documentId: string;
      readonly channel: ChannelId;
      readonly title: string;
      /** The document's optimistic version, which the author's next write names. */
      readonly version: number;
      readonly versions: readonly DocumentVersion[];
    }
  | {
      readonly kind: 'sent';
      readonly documentId: string;
      readonly author: Delegation;
      readonly channel: ChannelId;
      readonly title: string;
      readonly versions: readonly DocumentVersion[];
      readonly relays: readonly Relay[];
    };

/** Whether a relay reached the actor: a delegation it names, a plenary member or an observer for the plenary. */
export function relayReaches(actor: Actor, relay: Pick<Relay, 'to'>): boolean {
  if (actor.role === 'observer') return relay.to.includes('plenary');
  const delegation = delegationOf(actor);
  return delegation !== undefined && relayRecipients(relay).includes(delegation);
}

/**
 * The part of document `documentId` the actor may see, or `undefined` when the actor may not know it exists
 * (the server answers 404 then): only its author delegation and, once a version is sent, the coordinator.
 */
export function visibleDocument(
  actor: Actor,
  state: DocumentState,
  documentId: string,
): DocumentView | undefined {
  const document = findDocument(state, documentId);
  if (!document || actor.role === 'admin') return undefined;
  if (delegationOf(actor) === document.author) {
    const { channel, title, version, versions } = document;
    return { kind: 'own', documentId, channel, title, version, versions };
  }
  if (actor.role === 'coordinator') {
    const versions = document.versions.filter((v) => v.sentAt !== undefined);
    if (versions.length === 0) return undefined;
    const relays = state.relays.filter((r) => r.documentId === documentId);
    const { author, channel, title } = document;
    return { kind: 'sent', documentId, author, channel, title, versions, relays };
  }
  return undefined;
}

/**
 * Relay `relayId` as a recipient sees it, or `undefined` when it did not reach the actor (404): its
 * recipients, observers for a relay to the plenary, and the coordinator who made it. Admins see none.
 */
export function visibleRelay(
  actor: Actor,
  relays: readonly Relay[],
  relayId: string,
): ReceivedRelay | undefined {
  const relay = relays.find((r) => r.id === relayId);
  if (!relay || actor.role === 'admin') return undefined;
  return actor.role === 'coordinator' || relayReaches(actor, relay) ? received(relay) : undefined;
}

/** One line of an actor's inbox. */
export type InboxItem =
  | {
      readonly kind: 'own';
      readonly documentId: string;
      readonly title: string;
      readonly latestVersion: number;
    }
  | {
      readonly kind: 'sent';
      readonly documentId: string;
      readonly author: Delegation;
      readonly title: string;
      readonly version: number;
      readonly sentAt: string;
    }
  | ({ readonly kind: 'received' } & ReceivedRelay);

/**
 * Everything an actor may see, one line each: its delegation's own papers; for the coordinator, every version
 * sent to it (by time sent); the relays that reached the actor, as recorded. Admins see nothing.
 */
export function inbox(actor: Actor, state: DocumentState): readonly InboxItem[] {
  if (actor.role === 'admin') return [];
  const delegation = delegationOf(actor);
  const own: InboxItem[] = state.documents
    .filter((d) => delegation !== undefined && d.author === delegation)
    .map((d) => ({ kind: 'own', documentId: d.id, title: d.title, latestVersion: d.versions.length }));
  const sent = actor.role === 'coordinator' ? sentToCoordinator(state) : [];
  const reached: InboxItem[] = state.relays
    .filter((r) => relayReaches(actor, r))
    .map((r) => ({ kind: 'received' as const, ...received(r) }));
  return [...own, ...sent, ...reached];
}

function received(relay: Relay): ReceivedRelay {
  return {
    relayId: relay.id,
    title: relay.title,
    text: relay.text,
    note: relay.note,
    relayedBy: relay.by,
    at: relay.at,
    ...(relay.discloseAuthor ? { author: relay.author } : {}),
  };
}

function sentToCoordinator(state: DocumentState): InboxItem[] {
  const sent = state.documents.flatMap((d) =>
    d.versions.flatMap((v) =>
      v.sentAt === undefined
        ? []
        : [
            {
              kind: 'sent' as const,
              documentId: d.id,
              author: d.author,
              title: d.title,
              version: v.number,
              sentAt: v.sentAt,
            },
          ],
    ),
  );
  return sent.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
}
