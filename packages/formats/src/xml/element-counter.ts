/**
 * Counts the start tags of one XML element (e.g. `sdnEntry` in OFAC's legacy XML) in a file fed in chunks
 * of bytes, in constant memory. Tags split across chunk boundaries are counted once.
 */
export class XmlElementCounter {
  private readonly pattern: RegExp;
  private readonly keep: number;
  private tail = '';
  private count = 0;

  constructor(element: string) {
    if (!/^[A-Za-z_][\w.-]*$/.test(element)) {
      throw new RangeError(`invalid XML element name "${element}": expected a name such as sdnEntry`);
    }
    this.pattern = new RegExp(`<${element}[\\s/>]`, 'g');
    this.keep = element.length + 1;
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    const text = this.tail + Buffer.from(chunk).toString('latin1');
    this.count += text.match(this.pattern)?.length ?? 0;
    // A match needs name length + 2 characters, so the kept tail can hold the start of a tag that the next
    // chunk completes, but never a whole tag that was just counted.
    this.tail = text.slice(-this.keep);
  }

  /** Ends the input and returns the number of elements. */
  finish(): number {
    this.tail = '';
    return this.count;
  }
}
