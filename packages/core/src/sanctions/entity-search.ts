import { foldToken, jaroWinkler, nameTokens, skeletonOf } from './name-folding.ts';
import { maxNameChars } from './name-length-limit.ts';
import type { OfacAliasType } from './ofac-alias.ts';
import type { OfacEntry } from './ofac-entry.ts';
import { type SearchBudget, SearchBudgetSpent } from './search-budget.ts';

/** How a name belongs to its entry: OFAC's primary name, an alias with its own record, or one from remarks. */
export type SearchNameKind = 'primary name' | 'strong alias' | 'weak alias';

interface IndexedName {
  readonly entry: number;
  readonly text: string;
  readonly kind: SearchNameKind;
  readonly aliasType?: OfacAliasType;
  readonly folded: readonly string[];
  readonly skeletons: readonly string[];
}

/** Entries prepared for search: every name and alias cut into folded tokens, with postings per token. */
export interface EntityIndex {
  readonly entries: readonly OfacEntry[];
  readonly names: readonly IndexedName[];
  readonly byFolded: ReadonlyMap<string, readonly number[]>;
  readonly bySkeleton: ReadonlyMap<string, readonly number[]>;
  /** Distinct folded tokens by first letter, for spelling-tolerant look-up. */
  readonly vocabulary: ReadonlyMap<string, readonly string[]>;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list.at(-1) !== value) list.push(value);
}

/**
 * Indexes the primary names and all aliases (strong from alias records, weak from remarks) of `entries`.
 * Every name must be at most `maxNameChars` long (the importers refuse longer ones): each token of a name
 * is compared character by character with the query's, so one unbounded name would make every search
 * slow. A longer name is a RangeError naming its entry.
 */
export function buildEntityIndex(entries: readonly OfacEntry[]): EntityIndex {
  const names: IndexedName[] = [];
  const byFolded = new Map<string, number[]>();
  const bySkeleton = new Map<string, number[]>();
  const vocabulary = new Map<string, Set<string>>();
  entries.forEach((entry, entryIndex) => {
    const all = [
      { text: entry.name, kind: 'primary name' as const },
      ...entry.aliases.map((alias) => ({
        text: alias.name,
        kind: alias.strength === 'strong' ? ('strong alias' as const) : ('weak alias' as const),
        aliasType: alias.type,
      })),
    ];
    for (const name of all) {
      if (name.text.length > maxNameChars) {
        throw new RangeError(
          `entry ${entry.entryNumber} has a ${name.kind} of ${name.text.length} characters; the search index takes names of at most ${maxNameChars} (the importers refuse longer ones): import the list again`,
        );
      }
      const tokens = nameTokens(name.text);
      if (tokens.length === 0) continue;
      const folded = tokens.map(foldToken);
      const skeletons = tokens.map(skeletonOf);
      const index = names.length;
      names.push({ entry: entryIndex, ...name, folded, skeletons });
      for (const token of folded) {
        push(byFolded, token, index);
        const first = token[0]!;
        const bucket = vocabulary.get(first) ?? new Set<string>();
        bucket.add(token);
        vocabulary.set(first, bucket);
      }
      for (const skeleton of skeletons) push(bySkeleton, skeleton, index);
    }
  });
  return {
    entries,
    names,
    byFolded,
    bySkeleton,
    vocabulary: new Map([...vocabulary].map(([letter, tokens]) => [letter, [...tokens]])),
  };
}

/** One entry that matches a query, with the name that matched and why. */
export interface EntityMatch {
  readonly entry: OfacEntry;
  /** 0 to 1: the share of the query's tokens found in the name, each weighted by how closely it matched. */
  readonly score: number;
  /** The name or alias that matched best, as OFAC prints it. */
  readonly matchedName: string;
  readonly matchedAs: SearchNameKind;
  readonly aliasType?: OfacAliasType;
  /** One line per query token: which token of the name it matched, and how. */
  readonly why: readonly string[];
}

/** Search settings. */
export interface SearchOptions {
  /** Most matches returned (default 20). */
  readonly limit?: number;
  /** Lowest score returned, 0 to 1 (default 0.75). */
  readonly minScore?: number;
  /** When given, checked as the search goes: once spent, the search throws `SearchBudgetSpent`. */
  readonly budget?: SearchBudget;
}

/** How many steps (vocabulary comparisons, names scored) pass between two checks of the budget. */
const budgetCheckInterval = 256;

/** Spelling similarity (Jaro-Winkler on folded tokens) a token needs to count as a near match. */
const nearSpelling = 0.88;

interface TokenMatch {
  readonly score: number;
  readonly why: string;
}

function matchToken(
  query: string,
  asTyped: string,
  querySkeleton: string,
  name: IndexedName,
  tokens: readonly string[],
): TokenMatch {
  let best: TokenMatch = { score: 0, why: `"${asTyped}": not in "${name.text}"` };
  for (let i = 0; i < name.folded.length; i++) {
    const folded = name.folded[i]!;
    const original = tokens[i] ?? folded;
    if (folded === query)
      return {
        score: 1,
        why: `"${asTyped}" = "${original}" (same spelling once transliteration variants are folded)`,
      };
    if (name.skeletons[i] === querySkeleton && best.score < 0.9) {
      best = { score: 0.9, why: `"${asTyped}" ~ "${original}" (same consonants: ${querySkeleton})` };
      continue;
    }
    const similarity = jaroWinkler(query, folded);
    if (similarity >= nearSpelling && similarity * 0.95 > best.score) {
      best = {
        score: similarity * 0.95,
        why: `"${asTyped}" ~ "${original}" (spelling ${similarity.toFixed(2)} alike)`,
      };
    }
  }
  return best;
}

/** Most matches a search returns unless told otherwise. */
export const defaultSearchLimit = 20;

/** Lowest score a match may have unless told otherwise, 0 to 1. */
export const defaultSearchMinScore = 0.75;

/**
 * Finds the entries whose name or any alias matches `query`, tolerant of transliteration (folded
 * spellings, consonant skeletons, near spellings) and of word order. Ranked by score, then name; each
 * entry appears once, with its best-matching name and the reasons. With a `budget`, the search throws
 * `SearchBudgetSpent` rather than answer from part of the index.
 */
export function searchEntities(
  index: EntityIndex,
  query: string,
  options: SearchOptions = {},
): EntityMatch[] {
  const limit = options.limit ?? defaultSearchLimit;
  const minScore = options.minScore ?? defaultSearchMinScore;
  const typed = new Map<string, string>();
  for (const token of nameTokens(query)) if (!typed.has(foldToken(token))) typed.set(foldToken(token), token);
  const queryTokens = [...typed.keys()];
  if (queryTokens.length === 0) return [];
  const querySkeletons = queryTokens.map((token) => skeletonOf(token));
  // The budget is checked before any work, then every `budgetCheckInterval` steps.
  let steps = -1;
  const spend = (scored: number, candidates: number) => {
    steps += 1;
    if (steps % budgetCheckInterval === 0 && options.budget?.spent())
      throw new SearchBudgetSpent(scored, candidates);
  };
  spend(0, index.names.length);
  // Candidate names: those sharing a token (folded, skeleton or near spelling) with the query.
  const hits = new Map<number, number>();
  const credit = (postings: readonly number[] | undefined, seen: Set<number>) => {
    for (const name of postings ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      hits.set(name, (hits.get(name) ?? 0) + 1);
    }
  };
  queryTokens.forEach((token, i) => {
    const seen = new Set<number>();
    credit(index.byFolded.get(token), seen);
    credit(index.bySkeleton.get(querySkeletons[i]!), seen);
    for (const candidate of index.vocabulary.get(token[0]!) ?? []) {
      spend(0, index.names.length);
      if (candidate !== token && jaroWinkler(token, candidate) >= nearSpelling)
        credit(index.byFolded.get(candidate), seen);
    }
  });
  const needed = Math.max(1, Math.ceil(queryTokens.length / 2));
  const best = new Map<number, EntityMatch>();
  let scored = 0;
  for (const [nameIndex, count] of hits) {
    spend(scored, hits.size);
    if (count < needed) continue;
    scored += 1;
    const name = index.names[nameIndex]!;
    const tokens = nameTokens(name.text);
    const matches = queryTokens.map((token, i) =>
      matchToken(token, typed.get(token)!, querySkeletons[i]!, name, tokens),
    );
    const found = matches.filter((m) => m.score > 0).length;
    const coverage = Math.min(1, found / name.folded.length);
    const score =
      (matches.reduce((sum, m) => sum + m.score, 0) / queryTokens.length) * (0.85 + 0.15 * coverage);
    if (score < minScore) continue;
    const previous = best.get(name.entry);
    if (previous && previous.score >= score) continue;
    best.set(name.entry, {
      entry: index.entries[name.entry]!,
      score: Math.round(score * 1000) / 1000,
      matchedName: name.text,
      matchedAs: name.kind,
      ...(name.aliasType && { aliasType: name.aliasType }),
      why: matches.map((m) => m.why),
    });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
    .slice(0, limit);
}
