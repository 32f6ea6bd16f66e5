/** One message of a server-sent event stream: its `data` lines joined, with its id and event name if given. */
export interface ServerSentMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

/**
 * Reads a `text/event-stream` as it arrives (the WHATWG HTML rules, as far as a client needs them): messages
 * end at a blank line, `data:` lines are joined with newlines, comments (`:`) and `retry:` are skipped, and a
 * chunk may end anywhere, inside a line or between CR and LF.
 */
export class ServerSentEventReader {
  private buffer = '';
  private data: string[] = [];
  private id: string | undefined;
  private event: string | undefined;

  /** The messages completed by `chunk`. */
  push(chunk: string): ServerSentMessage[] {
    this.buffer += chunk;
    const messages: ServerSentMessage[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (end === -1 || (this.buffer[end] === '\r' && end === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + (this.buffer.startsWith('\r\n', end) ? 2 : 1));
      if (line === '') {
        if (this.data.length > 0) {
          messages.push({
            ...(this.id === undefined ? {} : { id: this.id }),
            ...(this.event === undefined ? {} : { event: this.event }),
            data: this.data.join('\n'),
          });
        }
        this.data = [];
        this.event = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') this.data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.id = value;
      else if (field === 'event') this.event = value;
    }
    return messages;
  }
}
