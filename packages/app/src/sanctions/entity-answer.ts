import type {
  EntityResult,
  EntitySearchQuery,
  EntitySearchResult,
  SanctionsSnapshot,
} from '@lockstep/contract';
import {
  defaultSearchMinScore,
  type EntityIndex,
  type EntityMatch,
  ofacListName,
  SearchBudgetSpent,
  searchEntities,
} from '@lockstep/core/sanctions-search';
import { SearchTimeoutError, searchTimeBudget } from './search-time-budget.ts';

/**
 * What `sanctions.entity` adds to a search match: the party's designations and their dates, its history on
 * every stored list, whether it is layered, and its category under each position.
 */
export type EntityDetails = Omit<
  EntityResult['matches'][number],
  keyof EntitySearchResult['matches'][number]
>;

/**
 * Searches one snapshot's index within the time budget. The search and the entity answers (server and CLI,
 * from the store or from the index kept in the data directory) all go through here, so they agree.
 */
export function searchIndexed(
  snapshot: SanctionsSnapshot,
  index: EntityIndex,
  query: EntitySearchQuery,
  budgetMs: number,
): EntitySearchResult {
  let matches: EntityMatch[];
  try {
    matches = searchEntities(index, query.q, {
      ...(query.limit !== undefined && { limit: query.limit }),
      ...(query.minScore !== undefined && { minScore: query.minScore }),
      ...(query.type && { types: [query.type] }),
      ...(query.program && { programs: [query.program] }),
      budget: searchTimeBudget(budgetMs),
    });
  } catch (error) {
    if (error instanceof SearchBudgetSpent) throw new SearchTimeoutError(query.q, budgetMs);
    throw error;
  }
  return {
    query: query.q,
    snapshot,
    minScore: query.minScore ?? defaultSearchMinScore,
    matches: matches.map((m) => ({
      entryNumber: m.entry.entryNumber,
      name: m.entry.name,
      type: m.entry.type,
      programs: m.entry.programs,
      list: ofacListName(m.entry.list),
      score: m.score,
      matchedName: m.matchedName,
      matchedAs: m.matchedAs,
      ...(m.aliasType && { aliasType: m.aliasType }),
      nameSource: m.nameSource,
      why: m.why,
    })),
  };
}

/** The entity answer: each match of `found` with its party's details (`details` holds every matched entry). */
export function entityAnswer(
  found: EntitySearchResult,
  details: ReadonlyMap<number, EntityDetails>,
): EntityResult {
  return {
    query: found.query,
    snapshot: found.snapshot,
    minScore: found.minScore,
    matches: found.matches.map((match) => {
      const more = details.get(match.entryNumber);
      if (!more) throw new Error(`no details for entry ${match.entryNumber}`);
      return { ...match, ...more };
    }),
  };
}
