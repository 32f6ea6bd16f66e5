import {
  describeTalksEvent,
  MissedEvents,
  ServerSentEventReader,
  TalksEvent,
  TalksStreamNotice,
} from '@lockstep/contract';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';
import type { Remote } from './talks.ts';

interface EventsOptions {
  server?: string;
  tokenFile?: string;
  json?: boolean;
  after?: string;
  follow?: boolean;
  count?: string;
}

/** A whole number from a flag, or a usage error naming the flag. */
function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value) || Number(value) < min) {
    throw new UsageError(`${flag}: "${value}" is not a whole number of at least ${min}`);
  }
  return Number(value);
}

async function fetchFrom(
  remote: Remote,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const url = new URL(`/api/talks${path}`, remote.server);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${remote.token}`, ...headers } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(
      `the Lockstep server at ${remote.server} could not be reached (${cause}): is it running?`,
    );
  }
  if (!response.ok) {
    const answer = (await response.json().catch(() => undefined)) as
      | { error?: { message?: string } }
      | undefined;
    const message = `the server answered ${response.status} to GET ${url.pathname}: ${answer?.error?.message ?? response.statusText}`;
    throw response.status === 400 ? new UsageError(message) : new Error(message);
  }
  return response;
}

/**
 * `lockstep talks events`: what changed that the token's owner may see, through a running server. Without
 * `--follow`, the events since `--after` (the record read to its end); with it, the live stream, printed as it
 * comes until interrupted or `--count` events were printed. Each line: the event's id, its time and what
 * changed; `--json` prints each event as one JSON line.
 */
export function registerTalksEventsCommand(
  talks: Command,
  context: CommandContext,
  remoteOf: (options: { server?: string; tokenFile?: string }) => Remote,
): void {
  const { io } = context;
  const print = (event: TalksEvent, json: boolean | undefined) =>
    io.out(
      json
        ? `${JSON.stringify(event)}\n`
        : `${event.seq}  ${event.at.slice(0, 19)}Z  ${describeTalksEvent(event)}\n`,
    );
  talks
    .command('events')
    .description(
      'what changed that you may see (relays that reached you, papers, texts, rounds, your desk’s notes), by id, through a running server',
    )
    .option('--after <id>', 'only events after this one (the first column of an earlier run)', '0')
    .option('--follow', 'stay connected and print events as they happen (live)')
    .option('--count <n>', 'with --follow: stop after this many events')
    .option('--server <url>', 'the Lockstep server (default LOCKSTEP_SERVER or http://127.0.0.1:8080)')
    .option('--token-file <file>', 'a file holding the API token (default: the LOCKSTEP_TOKEN variable)')
    .option('--json', 'print each event as one line of JSON')
    .action(async (o: EventsOptions) => {
      const after = wholeNumber('--after', o.after, 0) ?? 0;
      const count = wholeNumber('--count', o.count, 1);
      if (count !== undefined && !o.follow) throw new UsageError('--count: only with --follow');
      const remote = remoteOf(o);
      if (!o.follow) {
        let from = after;
        let printed = 0;
        for (;;) {
          const answer = MissedEvents.parse(
            await (await fetchFrom(remote, `/events/missed?after=${from}`)).json(),
          );
          for (const event of answer.events) print(event, o.json);
          printed += answer.events.length;
          from = answer.through;
          if (answer.complete) break;
        }
        if (!o.json)
          io.out(`${printed} event(s); the record read up to ${from}: next time give --after ${from}\n`);
        return;
      }
      const response = await fetchFrom(remote, '/events', {
        accept: 'text/event-stream',
        ...(after > 0 ? { 'last-event-id': String(after) } : {}),
      });
      const reader = new ServerSentEventReader();
      const decoder = new TextDecoder();
      let printed = 0;
      const body = response.body!.getReader();
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        for (const message of reader.push(decoder.decode(value, { stream: true }))) {
          const data: unknown = JSON.parse(message.data);
          const notice = TalksStreamNotice.safeParse(data);
          if (notice.success) {
            if (notice.data.type === 'ended') {
              await body.cancel();
              throw new Error(`the server ended the stream: ${notice.data.reason}`);
            }
            io.out(`${notice.data.reason}\n`);
            continue;
          }
          print(TalksEvent.parse(data), o.json);
          printed++;
          if (count !== undefined && printed >= count) {
            await body.cancel();
            return;
          }
        }
      }
      throw new Error('the server closed the stream');
    });
}
