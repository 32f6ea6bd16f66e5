import { z } from 'zod';
import { ExpertGroupId } from './talks.ts';

/**
 * The live events of the talks (`GET /api/talks/events`, server-sent events). Each says that something the
 * reader may see has changed, by id only: never a paper's, relay's or clause's text, and never who proposed
 * or wrote what. The page reads the thing itself through the ordinary routes, so that every read of a paper
 * or relay is recorded as before. `seq` is the audit entry the event comes from (the stream's event id: a
 * reconnecting client sends it back as `Last-Event-ID` and gets what it missed).
 */
const base = {
  seq: z.number().int().min(1).describe('The audit entry this event comes from: the event id'),
  at: z.string().describe('When the change was made (ISO 8601 instant)'),
};

export const TextChangeKind = z.enum([
  'clause-added',
  'clauses-imported',
  'alternative-added',
  'alternative-withdrawn',
  'status-changed',
]);

export const TalksEvent = z.discriminatedUnion('type', [
  z
    .object({ ...base, type: z.literal('relay.received'), relayId: z.string() })
    .describe('A relay reached the reader (or, for the coordinator, one of its own relays was made)'),
  z
    .object({
      ...base,
      type: z.literal('paper.sent'),
      documentId: z.string(),
      number: z.number().int().min(1),
    })
    .describe(
      "A version of a paper was sent to the coordinator (the author delegation's and the coordinator's)",
    ),
  z
    .object({
      ...base,
      type: z.literal('paper.changed'),
      documentId: z.string(),
      number: z.number().int().min(1).describe("The version's number: 1 for a new paper"),
    })
    .describe(
      "A paper of the reader's delegation was created or given a new draft version (its delegation only)",
    ),
  z
    .object({
      ...base,
      type: z.literal('text.changed'),
      group: ExpertGroupId,
      clauseId: z.string().optional(),
      change: TextChangeKind,
    })
    .describe('The negotiating text of an expert group changed (and with a status, the progress)'),
  z
    .object({ ...base, type: z.literal('round.opened'), number: z.number().int().min(1) })
    .describe('A round of talks was opened'),
  z
    .object({ ...base, type: z.literal('round.closed'), number: z.number().int().min(1) })
    .describe('A round of talks was closed'),
  z
    .object({ ...base, type: z.literal('note.changed'), noteId: z.string() })
    .describe("A private note of the reader's desk was written"),
]);
export type TalksEvent = z.infer<typeof TalksEvent>;

/** What the stream says besides the events: that it cannot replay what was missed, or that it has ended. */
export const TalksStreamNotice = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('resync'), reason: z.string() })
    .describe('More was missed than the stream replays: read everything again'),
  z
    .object({ type: z.literal('ended'), reason: z.string() })
    .describe('The session or token ended (signed out, disabled, expired): the stream closes'),
]);
export type TalksStreamNotice = z.infer<typeof TalksStreamNotice>;

/** How many missed events a reconnecting stream replays before it asks the client to read everything again. */
export const talksEventsReplayLimit = 1000;
/** How often the stream sends a keep-alive comment, and checks that its session is still good (ms). */
export const talksEventsHeartbeatMs = 15_000;

const groupWords: { readonly [G in z.infer<typeof ExpertGroupId>]: string } = {
  'sanctions-lifting': 'Sanctions lifting',
  'nuclear-implementation': 'Nuclear implementation',
  sequencing: 'Sequencing',
};

/**
 * The event in one sentence, for the page's list of what changed (ids only, as the event carries), worded for
 * the reader's role when it is known: the coordinator makes relays and is sent papers; a delegation receives
 * relays and sends its own papers.
 */
export function describeTalksEvent(event: TalksEvent, role?: string): string {
  const chair = role === 'coordinator';
  switch (event.type) {
    case 'relay.received':
      return chair ? 'A relay was made by the coordinator’s office' : 'A relay reached your inbox';
    case 'paper.sent':
      return chair
        ? `Version ${event.number} of a paper was sent to you`
        : `Version ${event.number} of your delegation's paper was sent to the coordinator`;
    case 'paper.changed':
      return event.number === 1
        ? "A new paper was started in your delegation's drafts"
        : `A paper in your delegation's drafts has a new version (${event.number})`;
    case 'text.changed': {
      const group = groupWords[event.group];
      const clause = event.clauseId ? `clause ${event.clauseId}` : 'the text';
      const what = {
        'clause-added': `${clause} added`,
        'clauses-imported': 'clauses imported',
        'alternative-added': `an alternative added to ${clause}`,
        'alternative-withdrawn': `an alternative withdrawn from ${clause}`,
        'status-changed': `the status of ${clause} changed`,
      }[event.change];
      return `${group}: ${what}`;
    }
    case 'round.opened':
      return `Round ${event.number} opened`;
    case 'round.closed':
      return `Round ${event.number} closed`;
    case 'note.changed':
      return "A note of your delegation's was written";
  }
}

export const MissedEventsQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('The last event you had (its seq); 0 for everything in the record'),
});
export const MissedEvents = z.object({
  events: z.array(TalksEvent),
  through: z.number().int().describe('Where the record was read up to: ask with after=through next time'),
  complete: z.boolean().describe('Whether the record was read to its end (false: ask again from through)'),
});
export type MissedEvents = z.infer<typeof MissedEvents>;
