/**
 * Lists of numbers by string key, held as three flat arrays: the keys sorted, and each key's list as a slice
 * of one Int32Array. A search index holds hundreds of thousands of such lists (a token's one-letter
 * deletions, joined words); as a `Map` of arrays they cost a tenth of a second to copy in and out of a file
 * (`node:v8` serialisation), as flat arrays a few milliseconds. Look-ups are a binary search.
 */
export interface KeyedLists {
  /** The keys, sorted by UTF-16 code units (JavaScript's `<`). */
  readonly keys: readonly string[];
  /** `values.subarray(starts[i], starts[i + 1])` is the list of `keys[i]`; one longer than `keys`. */
  readonly starts: Int32Array;
  readonly values: Int32Array;
}

const none = new Int32Array(0);

/** Freezes a map of lists into {@link KeyedLists}; each list keeps its order. */
export function keyedLists(map: ReadonlyMap<string, readonly number[]>): KeyedLists {
  const keys = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts = new Int32Array(keys.length + 1);
  let total = 0;
  keys.forEach((key, i) => {
    starts[i] = total;
    total += map.get(key)!.length;
  });
  starts[keys.length] = total;
  const values = new Int32Array(total);
  keys.forEach((key, i) => {
    values.set(map.get(key)!, starts[i]);
  });
  return { keys, starts, values };
}

/** The list of `key`, empty when there is none. */
export function listOf(lists: KeyedLists, key: string): Int32Array {
  let low = 0;
  let high = lists.keys.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = lists.keys[middle]!;
    if (found < key) low = middle + 1;
    else if (found > key) high = middle - 1;
    else return lists.values.subarray(lists.starts[middle]!, lists.starts[middle + 1]!);
  }
  return none;
}
