/**
 * Where a JSON text goes wrong, for an error message: `line 4, column 12`, or `JSON` when it cannot be told.
 * The position V8 reports; the end for an unexpected end; else (Node 20 names an unexpected token without
 * its place) the end of the shortest prefix that fails for a reason other than ending early.
 */
export function jsonSyntaxPlace(text: string, error: unknown): string {
  const position = syntaxPosition(text, messageOf(error));
  if (position === undefined) return 'JSON';
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/**
 * Where a JSON text goes wrong: the position V8 reports, the end for an unexpected end, else (Node 20 names an
 * unexpected token without its place) the shortest prefix that fails for a reason other than ending early.
 */
function syntaxPosition(text: string, message: string): number | undefined {
  const reported = /at position (\d+)/.exec(message)?.[1];
  if (reported !== undefined) return Number(reported);
  if (/Unexpected end/.test(message)) return text.length;
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const at = /at position (\d+)/.exec(messageOf(error))?.[1];
      return !/Unexpected end/.test(messageOf(error)) && (at === undefined || Number(at) < length);
    }
  };
  let [low, high] = [0, text.length];
  if (!failsInside(high)) return undefined;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsInside(middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

/** An error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
