import { FormatError } from '../format-error.ts';
import { decodeWindows1252 } from './windows-1252.ts';

/** A piece of an XML document: a start tag, an end tag or text, with the line it starts on. */
export type XmlToken =
  | {
      readonly kind: 'start';
      /** Local name: a namespace prefix (`ns:`) is dropped. */
      readonly name: string;
      /** Attributes by local name, entities decoded; `xmlns` declarations are left out. */
      readonly attributes: Readonly<Record<string, string>>;
      /** `<tag/>`: no end token follows. */
      readonly selfClosing: boolean;
      readonly line: number;
    }
  | { readonly kind: 'end'; readonly name: string; readonly line: number }
  | { readonly kind: 'text'; readonly text: string; readonly line: number };

const predefinedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const entityPattern = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*)?;?/g;
const attributePattern = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const namePattern = /^[A-Za-z_][\w.:-]*$/;

/**
 * Reads an XML document fed in chunks of bytes into tokens, yielding each as soon as it is complete, in
 * constant memory however large the file: no tree of the document is built. It checks that tags nest and
 * close, decodes entities and character references, skips the XML declaration, comments, processing
 * instructions and a DOCTYPE without internal subset, and returns CDATA as text. The encoding is UTF-8
 * unless the declaration names Windows-1252 or ISO-8859-1. Errors name the file, the line and, for tags,
 * the open elements (`sdnList/sdnEntry`).
 */
export async function* readXmlTokens(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<XmlToken> {
  const tokenizer = new XmlTokenizer(file);
  let decoder: ChunkDecoder | undefined;
  // The first bytes are held until the XML declaration, which may name the encoding, is complete.
  let head: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (decoder) {
      yield* tokenizer.push(decoder.decode(chunk));
      continue;
    }
    head = concat(head, chunk);
    if (head.length >= declarationLimit || head.includes(0x3e)) {
      decoder = chooseDecoder(head);
      yield* tokenizer.push(decoder.decode(head));
    }
  }
  if (!decoder) {
    decoder = chooseDecoder(head);
    yield* tokenizer.push(decoder.decode(head));
  }
  yield* tokenizer.push(decoder.flush());
  tokenizer.finish();
}

const declarationLimit = 200;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  /** The characters held back from the last chunk's incomplete end. */
  flush(): string;
}

function chooseDecoder(firstBytes: Uint8Array): ChunkDecoder {
  const head = decodeWindows1252(firstBytes.subarray(0, declarationLimit));
  const encoding = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase();
  if (encoding && ['windows-1252', 'cp1252', 'iso-8859-1', 'latin1'].includes(encoding)) {
    return { decode: decodeWindows1252, flush: () => '' };
  }
  const utf8 = new TextDecoder('utf-8');
  return { decode: (bytes) => utf8.decode(bytes, { stream: true }), flush: () => utf8.decode() };
}

class XmlTokenizer {
  private buffer = '';
  private line = 1;
  private readonly open: string[] = [];
  private seenRoot = false;

  constructor(private readonly file: string) {}

  *push(text: string): Generator<XmlToken> {
    this.buffer += text;
    let position = 0;
    const buffer = this.buffer;
    while (position < buffer.length) {
      const lt = buffer.indexOf('<', position);
      if (lt !== position) {
        // Text runs to the next tag; if none has arrived yet, wait for more input.
        if (lt === -1) break;
        yield* this.text(buffer.slice(position, lt));
        position = lt;
        continue;
      }
      const end = this.markupEnd(buffer, position);
      if (end === -1) break;
      yield* this.markup(buffer.slice(position, end));
      position = end;
    }
    this.buffer = buffer.slice(position);
  }

  finish(): void {
    if (this.buffer.trim() !== '') {
      this.fail(
        this.line,
        this.buffer.trimStart().startsWith('<')
          ? 'the file ends inside a tag'
          : 'text after the root element',
      );
    }
    if (this.open.length > 0) {
      this.fail(
        this.line,
        `the file ends before </${this.open.at(-1)}> (open elements: ${this.open.join('/')})`,
      );
    }
    if (!this.seenRoot) this.fail(this.line, 'no root element: the file is empty or not XML');
  }

  /** The index just after the markup that starts at `start`, or -1 if it is not complete yet. */
  private markupEnd(buffer: string, start: number): number {
    if (buffer.startsWith('<!--', start)) return endAfter(buffer, '-->', start + 4);
    if (buffer.startsWith('<![CDATA[', start)) return endAfter(buffer, ']]>', start + 9);
    if (buffer.startsWith('<?', start)) return endAfter(buffer, '?>', start + 2);
    // A tag ends at the first `>` outside quoted attribute values.
    let quote = '';
    for (let index = start + 1; index < buffer.length; index += 1) {
      const char = buffer[index]!;
      if (quote) {
        if (char === quote) quote = '';
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (char === '>') {
        return index + 1;
      }
    }
    return -1;
  }

  private *markup(markup: string): Generator<XmlToken> {
    const line = this.line;
    this.countLines(markup);
    if (markup.startsWith('<!--') || markup.startsWith('<?')) return;
    if (markup.startsWith('<![CDATA[')) {
      this.requireOpen(line, 'CDATA');
      yield { kind: 'text', text: markup.slice(9, -3), line };
      return;
    }
    if (markup.startsWith('<!')) {
      if (markup.includes('[')) this.fail(line, 'a DOCTYPE with an internal subset is not supported');
      return;
    }
    if (markup.startsWith('</')) {
      const name = localName(markup.slice(2, -1).trim());
      const expected = this.open.pop();
      if (expected !== name) {
        this.fail(
          line,
          expected === undefined
            ? `</${name}> closes no open element`
            : `</${name}> where </${expected}> was expected (open elements: ${[...this.open, expected].join('/')})`,
        );
      }
      yield { kind: 'end', name, line };
      return;
    }
    const selfClosing = markup.endsWith('/>');
    const inner = markup.slice(1, selfClosing ? -2 : -1);
    const nameEnd = inner.search(/[\s]|$/);
    const qualified = inner.slice(0, nameEnd);
    if (!namePattern.test(qualified)) this.fail(line, `"<${qualified}" is not a valid tag name`);
    if (this.open.length === 0 && this.seenRoot)
      this.fail(line, `<${qualified}> after the root element has closed`);
    const attributes: Record<string, string> = {};
    attributePattern.lastIndex = nameEnd;
    while (attributePattern.lastIndex < inner.length) {
      const from = attributePattern.lastIndex;
      const match = attributePattern.exec(inner);
      if (!match) {
        if (inner.slice(from).trim() === '') break;
        this.fail(
          line,
          `malformed attributes in <${qualified}> near ${JSON.stringify(inner.slice(from, from + 20))}`,
        );
      }
      const attribute = match[1]!;
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
      attributes[localName(attribute)] = this.decode(match[2] ?? match[3] ?? '', line);
    }
    const name = localName(qualified);
    this.seenRoot = true;
    if (!selfClosing) this.open.push(name);
    yield { kind: 'start', name, attributes, selfClosing, line };
  }

  private *text(raw: string): Generator<XmlToken> {
    const line = this.line;
    this.countLines(raw);
    if (this.open.length === 0) {
      if (raw.trim() !== '')
        this.fail(line, `text outside the root element: ${JSON.stringify(raw.trim().slice(0, 20))}`);
      return;
    }
    yield { kind: 'text', text: this.decode(raw, line), line };
  }

  private decode(raw: string, line: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(entityPattern, (whole, entity: string | undefined) => {
      if (entity === undefined || !whole.endsWith(';'))
        this.fail(line, `"${whole}" is not a complete entity: write & as &amp;`);
      if (entity.startsWith('#')) {
        const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        if (code > 0x10ffff) this.fail(line, `&${entity}; is not a Unicode character`);
        return String.fromCodePoint(code);
      }
      const value = predefinedEntities[entity];
      if (value === undefined) {
        this.fail(
          line,
          `unknown entity &${entity}; (XML defines &amp; &lt; &gt; &quot; &apos; and &#...; only)`,
        );
      }
      return value;
    });
  }

  private requireOpen(line: number, what: string): void {
    if (this.open.length === 0) this.fail(line, `${what} outside the root element`);
  }

  private countLines(text: string): void {
    let index = text.indexOf('\n');
    while (index !== -1) {
      this.line += 1;
      index = text.indexOf('\n', index + 1);
    }
  }

  private fail(line: number, problem: string): never {
    throw new FormatError(this.file, `line ${line}`, problem);
  }
}

function endAfter(buffer: string, terminator: string, from: number): number {
  const index = buffer.indexOf(terminator, from);
  return index === -1 ? -1 : index + terminator.length;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/** Passes the tokens through, failing if the root element is not `root`. */
export async function* requireRoot(
  tokens: AsyncIterable<XmlToken>,
  root: string,
  file: string,
): AsyncGenerator<XmlToken> {
  let checked = false;
  for await (const token of tokens) {
    if (!checked && token.kind === 'start') {
      if (token.name !== root) {
        throw new FormatError(file, `${token.name} (line ${token.line})`, `the root element must be ${root}`);
      }
      checked = true;
    }
    yield token;
  }
}
