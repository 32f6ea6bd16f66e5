import bidiModule from 'bidi-js';

// bidi-js is CommonJS whose module.exports is the factory; its typings declare it as an ES default export.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;

/** The Unicode bidirectional algorithm (`bidi-js`), made once. */
export type Bidi = ReturnType<typeof bidiFactory>;

let instance: Bidi | undefined;

export function bidi(): Bidi {
  instance ??= bidiFactory();
  return instance;
}

/**
 * True when a paragraph reads right to left: its first strong letter is right-to-left (Persian, Arabic, Hebrew),
 * as the bidirectional algorithm decides a paragraph's direction when nothing sets it.
 */
export function readsRightToLeft(text: string): boolean {
  return firstParagraphRightToLeft(bidi().getEmbeddingLevels(text, 'auto'));
}

/** Whether the first paragraph of resolved levels reads right to left (its base level is odd). */
export function firstParagraphRightToLeft(levels: ReturnType<Bidi['getEmbeddingLevels']>): boolean {
  return (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
}
