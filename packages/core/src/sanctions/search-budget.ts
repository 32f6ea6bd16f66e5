/**
 * A limit on the work of one entity search, checked as the search goes. Core has no clock, so the caller
 * says when the budget is spent (the app gives each search a time budget).
 */
export interface SearchBudget {
  /** True once the search must stop. */
  spent(): boolean;
}

/**
 * Thrown by `searchEntities` when its budget is spent before the search is complete. No partial answer is
 * given: a screening result that silently left names unexamined could be read as "no match".
 */
export class SearchBudgetSpent extends Error {
  override name = 'SearchBudgetSpent';
  constructor(
    /** Candidate names scored before the budget was spent. */
    readonly scored: number,
    /** Candidate names the search had to score. */
    readonly candidates: number,
  ) {
    super(`the search budget was spent after scoring ${scored} of ${candidates} candidate names`);
  }
}
