import { FormatError } from '../format-error.ts';
import type { XmlToken } from './xml-tokens.ts';

/** An element read in full: its attributes, child elements and text, and where it is in the file. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (not its children's), with leading and trailing white space removed. */
  readonly text: string;
  readonly line: number;
  /**
   * Where the element is, e.g. `sdnList/sdnEntry[12]/akaList/aka[2]`: 1-based positions among siblings of
   * the same name; a position is left out for an only child.
   */
  readonly path: string;
}

interface Frame {
  readonly name: string;
  readonly segment: string;
  readonly counts: Map<string, number>;
}

interface Building {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: Building[];
  text: string;
  readonly line: number;
}

/**
 * Collects the elements of a token stream that `select` picks, each as a small tree, and yields them in
 * document order. `select` sees the names from the root down to the element, e.g.
 * `['sdnList', 'sdnEntry']`; an element inside a selected one is part of its tree and is not offered again.
 * Only the selected elements are held in memory, one at a time.
 */
export async function* collectXmlElements(
  tokens: AsyncIterable<XmlToken>,
  select: (names: readonly string[]) => boolean,
): AsyncGenerator<XmlElement> {
  const frames: Frame[] = [];
  const names: string[] = [];
  // The trees being built: the selected element and its open descendants, outermost first.
  const building: Building[] = [];
  let rootPath = '';
  for await (const token of tokens) {
    if (token.kind === 'text') {
      const current = building.at(-1);
      if (current) current.text += token.text;
      continue;
    }
    if (token.kind === 'start') {
      const parent = frames.at(-1);
      const position = (parent?.counts.get(token.name) ?? 0) + 1;
      parent?.counts.set(token.name, position);
      const element: Building = {
        name: token.name,
        attributes: token.attributes,
        children: [],
        text: '',
        line: token.line,
      };
      names.push(token.name);
      if (building.length > 0) {
        building.at(-1)!.children.push(element);
        building.push(element);
      } else if (select(names)) {
        rootPath = [...frames.map((frame) => frame.segment), `${token.name}[${position}]`].join('/');
        building.push(element);
      }
      if (token.selfClosing) {
        names.pop();
        const done = building.pop();
        if (done && building.length === 0) yield finish(done, rootPath);
      } else {
        frames.push({
          name: token.name,
          segment: parent ? `${token.name}[${position}]` : token.name,
          counts: new Map(),
        });
      }
      continue;
    }
    frames.pop();
    names.pop();
    const done = building.pop();
    if (done && building.length === 0) yield finish(done, rootPath);
  }
}

/**
 * The finished tree of `root`, each element with its path. Built with a stack of its own rather than by
 * recursion, so no input can exhaust the call stack whatever its depth.
 */
function finish(root: Building, rootPath: string): XmlElement {
  const top = finished(root, rootPath);
  const stack: [Building, XmlElement & { children: XmlElement[] }][] = [[root, top]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [building, element] = item;
    const counts = new Map<string, number>();
    for (const child of building.children) counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const child of building.children) {
      const position = (seen.get(child.name) ?? 0) + 1;
      seen.set(child.name, position);
      const segment = counts.get(child.name)! > 1 ? `${child.name}[${position}]` : child.name;
      const made = finished(child, `${element.path}/${segment}`);
      element.children.push(made);
      stack.push([child, made]);
    }
  }
  return top;
}

/** An element of the finished tree, its children still to be added. */
function finished(element: Building, path: string): XmlElement & { children: XmlElement[] } {
  return {
    name: element.name,
    attributes: element.attributes,
    text: element.text.trim(),
    line: element.line,
    path,
    children: [],
  };
}

/** The children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The items of a list element, e.g. the `aka` elements of `akaList`; none when the list is missing. */
export function listItems(element: XmlElement, listName: string, itemName: string): XmlElement[] {
  const list = childNamed(element, listName);
  return list === undefined ? [] : childrenNamed(list, itemName);
}

/** The first child of `element` named `name`, if any. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** The text of the first child named `name`, or `undefined` when it is missing or empty. */
export function childText(element: XmlElement, name: string): string | undefined {
  const text = childNamed(element, name)?.text;
  return text === undefined || text === '' ? undefined : text;
}

/** Where an error in `element` (or its child `name`, or attribute `@name`) is: path and line. */
export function xmlWhere(element: XmlElement, name?: string): string {
  const child = name === undefined || name.startsWith('@') ? undefined : childNamed(element, name);
  const path = name === undefined ? element.path : (child?.path ?? `${element.path}/${name}`);
  return `${path} (line ${child?.line ?? element.line})`;
}

/** The text of the required child `name`; fails naming the path when it is missing or empty. */
export function requiredChildText(element: XmlElement, name: string, file: string): string {
  const text = childText(element, name);
  if (text === undefined)
    throw new FormatError(file, xmlWhere(element, name), 'missing or empty; every record gives it');
  return text;
}

/** The whole number in the required child `name` (an OFAC uid); fails naming the path otherwise. */
export function requiredChildNumber(element: XmlElement, name: string, file: string): number {
  const text = requiredChildText(element, name, file);
  if (!/^\d+$/.test(text)) {
    throw new FormatError(
      file,
      xmlWhere(element, name),
      `${JSON.stringify(text)} is not a whole number such as 306`,
    );
  }
  return Number(text);
}
