/**
 * The first object or array of a JSON value nested deeper than `maxDepth` (the value itself is level 1),
 * as its field path the way the scenario validators name fields (`measures[3].facts`; the root is
 * `(root)`), or `undefined` when none is. Walks on a stack of its own, so any depth is safe to check.
 */
export function tooDeeplyNested(value: unknown, maxDepth: number): string | undefined {
  const stack: { readonly value: unknown; readonly path: string; readonly depth: number }[] = [
    { value, path: '(root)', depth: 1 },
  ];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return path;
    const prefix = path === '(root)' ? '' : path;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--)
        stack.push({ value: node[i], path: `${prefix}[${i}]`, depth: depth + 1 });
    } else {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, path: prefix === '' ? key : `${prefix}.${key}`, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
