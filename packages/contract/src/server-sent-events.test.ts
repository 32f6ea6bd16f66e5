import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServerSentEventReader } from './server-sent-events.ts';

const stream =
  'retry: 2000\n\n: keep-alive\n\nid: 4\ndata: {"a":1}\n\nevent: x\r\ndata: one\r\ndata: two\r\n\r\n';

describe('ServerSentEventReader', () => {
  it('reads messages, joins data lines, keeps the last id, skips comments and retry', () => {
    expect(new ServerSentEventReader().push(stream)).toEqual([
      { id: '4', data: '{"a":1}' },
      { id: '4', event: 'x', data: 'one\ntwo' },
    ]);
  });

  it('reads the same messages however the stream is cut into chunks', () => {
    const whole = new ServerSentEventReader().push(stream);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const reader = new ServerSentEventReader();
          const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
          const messages = points.slice(1).flatMap((end, i) => reader.push(stream.slice(points[i], end)));
          expect(messages).toEqual(whole);
        },
      ),
    );
  });
});
