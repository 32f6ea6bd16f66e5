import type { SearchBudget } from '@lockstep/core';

/**
 * How long one sanctions search (`sanctions.search`, and the search inside `sanctions.entity`) may run on
 * the server's thread: 2 seconds. A search of the real lists takes a few milliseconds to a few tens; the
 * budget stops a costly query over a hostile or very large imported list from blocking every other
 * request. Building a snapshot's index, once per version, is not counted.
 */
export const searchTimeBudgetMs = 2_000;

/** A budget that is spent `ms` milliseconds after it was made. */
export function searchTimeBudget(ms: number): SearchBudget {
  const deadline = performance.now() + ms;
  return { spent: () => performance.now() >= deadline };
}

/**
 * A search that did not finish within its time budget. It is refused rather than answered with the
 * matches found so far: a screening answer is read as "these are all the matches", and a partial one
 * could hide the one that matters. The server answers 503; the CLI exits 1.
 */
export class SearchTimeoutError extends Error {
  override name = 'SearchTimeoutError';
  constructor(
    readonly query: string,
    readonly budgetMs: number,
  ) {
    super(
      `the search for "${query}" did not finish within its ${budgetMs / 1000} s budget, and a partial answer could miss a match: try again, or search for a more specific name`,
    );
  }
}
