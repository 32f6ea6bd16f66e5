import { limitFileSize } from '../file-size-limit.ts';
import { FormatError } from '../format-error.ts';
import {
  maxValueChars,
  maxXmlAttributeChars,
  maxXmlDepth,
  maxXmlFileBytes,
  maxXmlMarkupChars,
} from '../input-limits.ts';
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
 * constant memory and linear time however large the file: no tree of the document is built, and a piece
 * that spans chunks is scanned once. It checks that tags nest and close, decodes entities and character
 * references, skips the XML declaration, comments, processing instructions and a DOCTYPE without internal
 * subset, and returns CDATA as text. The encoding is UTF-8 unless the declaration names Windows-1252 or
 * ISO-8859-1. Limits: the file `maxXmlFileBytes`, a run of text or CDATA `maxValueChars` characters as
 * written (so is an element's own text in all), an attribute value `maxXmlAttributeChars`, a tag, comment
 * or processing instruction `maxXmlMarkupChars`, nesting `maxXmlDepth` levels. Errors name the file, the
 * line and, for tags, the open elements (`sdnList/sdnEntry`); a file that ends inside an element is named
 * as truncated, with the line the element opened on.
 */
export async function* readXmlTokens(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<XmlToken> {
  const tokenizer = new XmlTokenizer(file);
  let decoder: ChunkDecoder | undefined;
  // The first bytes are held until the XML declaration, which may name the encoding, is complete.
  let head: Uint8Array = new Uint8Array(0);
  let bytes = 0;
  for await (const chunk of limitFileSize(chunks, file, maxXmlFileBytes, 'an XML list file')) {
    bytes += chunk.length;
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
  tokenizer.finish(bytes);
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

/** The kinds of markup, each ended by its terminator (a tag or DOCTYPE by the first `>` outside quotes). */
type MarkupKind = 'comment' | 'cdata' | 'instruction' | 'tag';
const markupOpeners: readonly (readonly [string, MarkupKind, string])[] = [
  ['<!--', 'comment', '-->'],
  ['<![CDATA[', 'cdata', ']]>'],
  ['<?', 'instruction', '?>'],
];
const LT = 0x3c;
const GT = 0x3e;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** An open element: its name and the line its start tag is on. */
interface OpenElement {
  readonly name: string;
  readonly line: number;
  /** Characters of its own text so far, as written. */
  textChars: number;
}

/** What the tokenizer holds between chunks: a text run, markup of a known kind, or a `<` whose kind is not known yet. */
type PendingKind = 'text' | MarkupKind | 'opening';

class XmlTokenizer {
  /**
   * The piece cut by the end of the last chunk, in parts: each chunk is scanned once and the parts are
   * joined once, when the piece completes (joining them at every chunk and scanning again made long
   * pieces quadratic).
   */
  private pending: string[] = [];
  private pendingLength = 0;
  private pendingKind: PendingKind | undefined;
  /** Inside an incomplete tag: the quote of the attribute value being scanned, or 0. */
  private quote = 0;
  private line = 1;
  private readonly open: OpenElement[] = [];
  private seenRoot = false;

  constructor(private readonly file: string) {}

  *push(chunk: string): Generator<XmlToken> {
    let text = chunk;
    let position = 0;
    if (this.pendingKind === 'opening') {
      // Too few characters had come to tell `<!--` from `<!D`: read them again with this chunk (at most 8).
      text = this.takePending() + text;
    } else if (this.pendingKind !== undefined) {
      const kind = this.pendingKind;
      const end = this.pendingEnd(text, kind);
      this.checkLength(kind, this.pendingLength + (end === -1 ? text.length : end), () =>
        firstChars([...this.pending, text], 20),
      );
      if (end === -1) {
        this.hold(kind, text);
        return;
      }
      const piece = this.takePending() + text.slice(0, end);
      yield* kind === 'text' ? this.text(piece) : this.markup(piece);
      position = end;
    }
    while (position < text.length) {
      if (text.charCodeAt(position) !== LT) {
        const lt = text.indexOf('<', position);
        const end = lt === -1 ? text.length : lt;
        this.checkLength('text', end - position, () => '');
        if (lt === -1) {
          this.hold('text', text.slice(position));
          return;
        }
        yield* this.text(text.slice(position, lt));
        position = lt;
        continue;
      }
      const kind = kindAt(text, position);
      if (kind === undefined) {
        this.hold('opening', text.slice(position));
        return;
      }
      this.quote = 0;
      const end = this.markupEnd(text, position, kind);
      this.checkLength(kind, (end === -1 ? text.length : end) - position, () =>
        text.slice(position, position + 20),
      );
      if (end === -1) {
        this.hold(kind, text.slice(position));
        return;
      }
      yield* this.markup(text.slice(position, end));
      position = end;
    }
  }

  /** Ends the input of `bytes` bytes in all: fails if the file ended inside an element, or had none. */
  finish(bytes: number): void {
    const line = this.line;
    const kind = this.pendingKind;
    const rest = this.takePending();
    this.countLines(rest);
    const inside = this.open.at(-1);
    const inTag = kind !== undefined && kind !== 'text';
    if (inside) {
      this.fail(
        this.line,
        `the file ends before </${inside.name}> (open elements: ${this.openPath()}), inside <${inside.name}> opened at line ${inside.line}${inTag ? ' and inside a tag' : ''}: is it truncated?`,
      );
    }
    if (rest.trim() !== '') {
      this.fail(line, inTag ? 'the file ends inside a tag: is it truncated?' : 'text after the root element');
    }
    if (!this.seenRoot) {
      this.fail(
        this.line,
        bytes === 0
          ? 'no root element: the file is empty (0 bytes)'
          : 'no root element: the file is empty or not XML',
      );
    }
  }

  private hold(kind: PendingKind, part: string): void {
    this.pendingKind = kind;
    this.pending.push(part);
    this.pendingLength += part.length;
  }

  private takePending(): string {
    const whole = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    this.pendingKind = undefined;
    return whole;
  }

  /** Where in `text` the pending piece of `kind` ends (just after its markup, or at the `<` after a text), or -1. */
  private pendingEnd(text: string, kind: Exclude<PendingKind, 'opening'>): number {
    if (kind === 'text') return text.indexOf('<');
    if (kind === 'tag') return this.tagEnd(text, 0);
    const [opener, , terminator] = markupOpener(kind);
    // The terminator may have begun in the pending parts: look at their last characters with this chunk,
    // but never inside the opener (`<!-->` does not close a comment).
    const tail = lastChars(this.pending, Math.min(terminator.length - 1, this.pendingLength - opener.length));
    const index = (tail + text).indexOf(terminator);
    return index === -1 ? -1 : index + terminator.length - tail.length;
  }

  /** The index just after the markup of `kind` that starts at `start` in `text`, or -1 if `text` ends first. */
  private markupEnd(text: string, start: number, kind: MarkupKind): number {
    if (kind === 'tag') return this.tagEnd(text, start + 1);
    const [opener, , terminator] = markupOpener(kind);
    const index = text.indexOf(terminator, start + opener.length);
    return index === -1 ? -1 : index + terminator.length;
  }

  /** The index just after the first `>` outside quoted attribute values at or after `from`, or -1. */
  private tagEnd(text: string, from: number): number {
    for (let index = from; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (this.quote !== 0) {
        if (code === this.quote) this.quote = 0;
      } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
        this.quote = code;
      } else if (code === GT) {
        return index + 1;
      }
    }
    return -1;
  }

  /**
   * Fails when a piece of `kind` has reached `length` characters, over its limit, before its end; `start`
   * gives its first characters for the error.
   */
  private checkLength(kind: Exclude<PendingKind, 'opening'>, length: number, start: () => string): void {
    if (kind === 'text') {
      if (length > maxValueChars) this.textTooLong();
      return;
    }
    const limit = kind === 'cdata' ? maxValueChars + 12 : maxXmlMarkupChars;
    if (length <= limit) return;
    this.fail(
      this.line,
      `${JSON.stringify(start())}... runs over ${limit.toLocaleString('en')} characters without closing, the most a ${kind === 'cdata' ? 'CDATA section' : 'tag, comment or processing instruction'} may hold: is a ">" missing?`,
    );
  }

  private *markup(markup: string): Generator<XmlToken> {
    const line = this.line;
    this.refuseNul(markup, line);
    this.countLines(markup);
    if (markup.startsWith('<!--') || markup.startsWith('<?')) return;
    if (markup.startsWith('<![CDATA[')) {
      this.requireOpen(line, 'CDATA');
      const text = markup.slice(9, -3);
      this.countText(text, line);
      yield { kind: 'text', text, line };
      return;
    }
    if (markup.startsWith('<!')) {
      if (markup.includes('[')) this.fail(line, 'a DOCTYPE with an internal subset is not supported');
      return;
    }
    if (markup.startsWith('</')) {
      const name = localName(markup.slice(2, -1).trim());
      const expected = this.open.pop();
      if (expected?.name !== name) {
        this.fail(
          line,
          expected === undefined
            ? `</${name}> closes no open element`
            : `</${name}> where </${expected.name}> was expected (open elements: ${[...this.open.map((element) => element.name), expected.name].join('/')})`,
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
    if (this.open.length >= maxXmlDepth) {
      this.fail(
        line,
        `<${qualified}> is nested ${this.open.length + 1} levels deep; at most ${maxXmlDepth} are accepted (OFAC's lists nest 10 at most)`,
      );
    }
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
      const value = match[2] ?? match[3] ?? '';
      if (value.length > maxXmlAttributeChars) {
        this.fail(
          line,
          `the attribute ${attribute} of <${qualified}> is ${value.length.toLocaleString('en')} characters long; at most ${maxXmlAttributeChars.toLocaleString('en')} are accepted`,
        );
      }
      attributes[localName(attribute)] = this.decode(value, line);
    }
    const name = localName(qualified);
    this.seenRoot = true;
    if (!selfClosing) this.open.push({ name, line, textChars: 0 });
    yield { kind: 'start', name, attributes, selfClosing, line };
  }

  private *text(raw: string): Generator<XmlToken> {
    const line = this.line;
    this.refuseNul(raw, line);
    this.countLines(raw);
    if (this.open.length === 0) {
      if (raw.trim() !== '')
        this.fail(line, `text outside the root element: ${JSON.stringify(raw.trim().slice(0, 20))}`);
      return;
    }
    this.countText(raw, line);
    yield { kind: 'text', text: this.decode(raw, line), line };
  }

  /** Adds text (as written) to the innermost open element's, failing when the element's text is over the limit. */
  private countText(raw: string, line: number): void {
    const element = this.open.at(-1);
    if (!element) return;
    element.textChars += raw.length;
    if (element.textChars > maxValueChars) this.textTooLong(line);
  }

  private textTooLong(line = this.line): never {
    const element = this.open.at(-1);
    this.fail(
      line,
      `the text of ${element ? `<${element.name}> (opened at line ${element.line})` : 'the document'} is longer than ${maxValueChars.toLocaleString('en')} characters, the most accepted`,
    );
  }

  private decode(raw: string, line: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(entityPattern, (whole, entity: string | undefined) => {
      if (entity === undefined || !whole.endsWith(';'))
        this.fail(line, `"${whole}" is not a complete entity: write & as &amp;`);
      if (entity.startsWith('#')) {
        const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
          this.fail(line, `&${entity}; is not a Unicode character XML allows`);
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

  /** XML cannot hold a NUL character (nor can the store): fail naming the line of the piece. */
  private refuseNul(piece: string, line: number): void {
    const nul = piece.indexOf('\0');
    if (nul === -1) return;
    let nulLine = line;
    for (
      let index = piece.indexOf('\n');
      index !== -1 && index < nul;
      index = piece.indexOf('\n', index + 1)
    ) {
      nulLine += 1;
    }
    this.fail(nulLine, 'a NUL character (byte 0x00): XML cannot hold it (is the file UTF-16 or binary?)');
  }

  private openPath(): string {
    return this.open.map((element) => element.name).join('/');
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

function markupOpener(kind: Exclude<MarkupKind, 'tag'>): readonly [string, MarkupKind, string] {
  return markupOpeners.find((entry) => entry[1] === kind)!;
}

/** The first `count` characters of the parts joined, without joining the rest. */
function firstChars(parts: readonly string[], count: number): string {
  let head = '';
  for (let index = 0; index < parts.length && head.length < count; index += 1) head += parts[index];
  return head.slice(0, count);
}

/** The last `count` characters of the parts joined, without joining the rest. */
function lastChars(parts: readonly string[], count: number): string {
  if (count <= 0) return '';
  let tail = '';
  for (let index = parts.length - 1; index >= 0 && tail.length < count; index -= 1)
    tail = parts[index] + tail;
  return tail.slice(-count);
}

/**
 * The kind of markup at `position` (which holds `<`), or undefined while too few characters have come to
 * tell a comment or CDATA section from a tag.
 */
function kindAt(buffer: string, position: number): MarkupKind | undefined {
  const available = buffer.slice(position, position + 9);
  for (const [opener, kind] of markupOpeners) {
    if (available.startsWith(opener)) return kind;
    if (available.length < opener.length && opener.startsWith(available)) return undefined;
  }
  return 'tag';
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
