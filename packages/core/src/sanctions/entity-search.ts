import { type KeyedLists, keyedLists, listOf } from './keyed-lists.ts';
import { foldToken, jaroWinkler, nameTokens, skeletonOf } from './name-folding.ts';
import { maxNameChars } from './name-length-limit.ts';
import { acronymsOf, canonicalTokens, roleWeight, type TokenRole } from './name-variants.ts';
import type { OfacAliasType } from './ofac-alias.ts';
import type { OfacEntry } from './ofac-entry.ts';
import { identifyingIdentifiers } from './relisting-link.ts';
import { type SearchBudget, SearchBudgetSpent } from './search-budget.ts';

/** How a name belongs to its entry: OFAC's primary name, an alias with its own record, or one from remarks. */
export type SearchNameKind = 'primary name' | 'strong alias' | 'weak alias';

/** The kinds of name, numbered as the index stores them. */
const nameKinds: readonly SearchNameKind[] = ['primary name', 'strong alias', 'weak alias'];

/**
 * A name of an entry taken from another stored list (an earlier complete list, by entry number or through a
 * re-listing link), searchable on this one but never presented as this list's own.
 */
export interface CarriedName {
  readonly text: string;
  readonly kind: SearchNameKind;
  readonly aliasType?: OfacAliasType;
  /** Where the name comes from, e.g. `alias on the 2023-12-28 list`. */
  readonly source: string;
}

/**
 * The indexed names, column by column: name `i`'s entry is `entry[i]`, its canonical tokens (vocabulary ids)
 * are `tokens.subarray(tokenStart[i], tokenStart[i + 1])` and `printed` holds, at the same positions, the
 * token each stands for as printed. Flat columns rather than an object per name: an index is kept in a file
 * between runs of the command line (see `KeyedLists`), and objects are what make that slow.
 */
export interface NameTable {
  readonly count: number;
  /** Position of the name's entry in `EntityIndex.entries`. */
  readonly entry: Int32Array;
  readonly text: readonly string[];
  /** Index into the kinds: primary name, strong alias, weak alias. */
  readonly kind: Uint8Array;
  readonly aliasType: readonly (OfacAliasType | null)[];
  /** Index into `sources`: where the name comes from (`primary name on this list`, `alias on the 2023-12-28 list`). */
  readonly source: Int32Array;
  readonly sources: readonly string[];
  readonly tokenStart: Int32Array;
  readonly tokens: Int32Array;
  readonly printed: readonly string[];
}

/** Entries prepared for search: every name cut into canonical folded tokens, with postings and variants. */
export interface EntityIndex {
  readonly entries: readonly OfacEntry[];
  readonly names: NameTable;
  /** Vocabulary: folded canonical tokens, their role, their weight (rarity times role) and their names. */
  readonly vocabulary: readonly string[];
  readonly vocabularyId: ReadonlyMap<string, number>;
  readonly roles: readonly TokenRole[];
  readonly weights: Float64Array;
  readonly postings: readonly (readonly number[])[];
  /**
   * Vocabulary ids by consonant skeleton, by first letter and length (`m:6`), and by each one-letter deletion
   * (typos).
   */
  readonly bySkeleton: KeyedLists;
  readonly byFirstLetter: KeyedLists;
  readonly byDeletion: KeyedLists;
  /** Names by their acronyms, and by two adjacent tokens written as one (`abdolreza`, `alhashimi`). */
  readonly byAcronym: KeyedLists;
  readonly byJoined: KeyedLists;
  /** Entries by identifier value, upper case without spaces or punctuation (`IMO 9187629` also as `9187629`). */
  readonly byIdentifier: KeyedLists;
  /** The weight of a word no name holds. */
  readonly unknownWeight: number;
  /** Per name: the weight of all its tokens, and of those that are not words (legal forms, particles, ...). */
  readonly nameWeight: Float64Array;
  readonly nameNonWordWeight: Float64Array;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list.at(-1) !== value) list.push(value);
}

/** Longest token the typo look-up covers: names' words are shorter; a longer token is compared by spelling only. */
const maxTypoTokenChars = 24;

/** The one-letter deletions of a token of 4 to 24 letters (the keys of the typo look-up). */
function deletionsOf(token: string): string[] {
  if (token.length < 4 || token.length > maxTypoTokenChars) return [];
  const out = new Set<string>();
  for (let i = 0; i < token.length; i++) out.add(token.slice(0, i) + token.slice(i + 1));
  return [...out];
}

/** An identifier value as compared: upper case, letters and digits only. */
export function identifierKey(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The canonical folded tokens of a name, with what each stands for as printed. */
function prepare(text: string): { tokens: string[]; roles: TokenRole[]; printed: string[]; raw: string[] } {
  const raw = nameTokens(text);
  const canonical = canonicalTokens(raw);
  return {
    tokens: canonical.map((t) => (t.role === 'word' && !t.variantOf ? foldToken(t.token) : t.token)),
    roles: canonical.map((t) => t.role),
    printed: canonical.map((t) => t.printed),
    raw,
  };
}

/** The vocabulary ids of name `i`'s canonical tokens, in order. */
function tokensOf(names: NameTable, i: number): Int32Array {
  return names.tokens.subarray(names.tokenStart[i]!, names.tokenStart[i + 1]!);
}

/** Options for {@link buildEntityIndex}. */
export interface IndexOptions {
  /** Names from other stored lists, by entry number of this list. */
  readonly carried?: ReadonlyMap<number, readonly CarriedName[]>;
}

/**
 * Indexes the primary names and all aliases (strong from alias records, weak from remarks) of `entries`,
 * and the names `carried` from other lists. Every name must be at most `maxNameChars` long (the importers
 * refuse longer ones), or a RangeError names its entry.
 */
export function buildEntityIndex(entries: readonly OfacEntry[], options: IndexOptions = {}): EntityIndex {
  const nameEntry: number[] = [];
  const nameText: string[] = [];
  const nameKind: number[] = [];
  const nameAliasType: (OfacAliasType | null)[] = [];
  const nameSource: number[] = [];
  const sources: string[] = [];
  const sourceId = new Map<string, number>();
  const tokenStart: number[] = [0];
  const nameTokens: number[] = [];
  const printed: string[] = [];
  const vocabulary: string[] = [];
  const vocabularyId = new Map<string, number>();
  const roles: TokenRole[] = [];
  const postings: number[][] = [];
  const entriesOf: Set<number>[] = [];
  const byAcronym = new Map<string, number[]>();
  const byJoined = new Map<string, number[]>();
  const byIdentifier = new Map<string, number[]>();
  const idOf = (token: string, role: TokenRole) => {
    let id = vocabularyId.get(token);
    if (id === undefined) {
      id = vocabulary.length;
      vocabulary.push(token);
      vocabularyId.set(token, id);
      roles.push(role);
      postings.push([]);
      entriesOf.push(new Set());
    }
    return id;
  };
  entries.forEach((entry, entryIndex) => {
    const own: { text: string; kind: SearchNameKind; aliasType?: OfacAliasType; source: string }[] = [
      { text: entry.name, kind: 'primary name', source: 'primary name on this list' },
      ...entry.aliases.map((alias) => ({
        text: alias.name,
        kind: alias.strength === 'strong' ? ('strong alias' as const) : ('weak alias' as const),
        aliasType: alias.type,
        source: alias.strength === 'strong' ? 'alias on this list' : 'alias in the remarks of this list',
      })),
    ];
    const seen = new Set<string>();
    for (const name of [...own, ...(options.carried?.get(entry.entryNumber) ?? [])]) {
      if (name.text.length > maxNameChars) {
        throw new RangeError(
          `entry ${entry.entryNumber} has a ${name.kind} of ${name.text.length} characters; the search index takes names of at most ${maxNameChars} (the importers refuse longer ones): import the list again`,
        );
      }
      const prepared = prepare(name.text);
      if (prepared.tokens.length === 0) continue;
      const key = prepared.tokens.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const nameIndex = nameEntry.length;
      const ids = prepared.tokens.map((token, i) => idOf(token, prepared.roles[i]!));
      let source = sourceId.get(name.source);
      if (source === undefined) {
        source = sources.length;
        sources.push(name.source);
        sourceId.set(name.source, source);
      }
      nameEntry.push(entryIndex);
      nameText.push(name.text);
      nameKind.push(nameKinds.indexOf(name.kind));
      nameAliasType.push(name.aliasType ?? null);
      nameSource.push(source);
      nameTokens.push(...ids);
      printed.push(...prepared.printed);
      tokenStart.push(nameTokens.length);
      for (const id of ids) {
        const list = postings[id]!;
        if (list.at(-1) !== nameIndex) list.push(nameIndex);
        entriesOf[id]!.add(entryIndex);
      }
      // A person is not known by initials in screening; organisations, vessels and aircraft may be.
      if (entry.type !== 'individual')
        for (const acronym of acronymsOf(prepared.raw)) push(byAcronym, acronym, nameIndex);
      for (let i = 0; i + 1 < prepared.tokens.length; i++) {
        push(byJoined, prepared.tokens[i]! + prepared.tokens[i + 1]!, nameIndex);
      }
    }
    for (const identifier of identifyingIdentifiers(entry)) {
      const key = identifierKey(identifier.value);
      if (key.length >= 4) push(byIdentifier, key, entryIndex);
      const digits = /^IMO\s*(\d{7})$/i.exec(identifier.value.trim());
      if (digits) push(byIdentifier, digits[1]!, entryIndex);
    }
  });
  // A token's weight: its rarity among entries (inverse document frequency) times its role's weight.
  const total = Math.max(1, entries.length);
  const weights = new Float64Array(vocabulary.length);
  for (let id = 0; id < vocabulary.length; id++) {
    weights[id] = Math.log(1 + total / Math.max(1, entriesOf[id]!.size)) * roleWeight[roles[id]!];
  }
  const names: NameTable = {
    count: nameEntry.length,
    entry: Int32Array.from(nameEntry),
    text: nameText,
    kind: Uint8Array.from(nameKind),
    aliasType: nameAliasType,
    source: Int32Array.from(nameSource),
    sources,
    tokenStart: Int32Array.from(tokenStart),
    tokens: Int32Array.from(nameTokens),
    printed,
  };
  const nameWeight = new Float64Array(names.count);
  const nameNonWordWeight = new Float64Array(names.count);
  for (let i = 0; i < names.count; i++) {
    for (const id of tokensOf(names, i)) {
      nameWeight[i] = nameWeight[i]! + weights[id]!;
      if (roles[id] !== 'word') nameNonWordWeight[i] = nameNonWordWeight[i]! + weights[id]!;
    }
  }
  const bySkeleton = new Map<string, number[]>();
  const byFirstLetter = new Map<string, number[]>();
  const byDeletion = new Map<string, number[]>();
  vocabulary.forEach((token, id) => {
    if (roles[id] !== 'word') return;
    push(bySkeleton, skeletonOf(token), id);
    push(byFirstLetter, `${token[0]!}:${token.length}`, id);
    for (const deletion of deletionsOf(token)) push(byDeletion, deletion, id);
  });
  return {
    entries,
    names,
    vocabulary,
    vocabularyId,
    roles,
    weights,
    postings,
    bySkeleton: keyedLists(bySkeleton),
    byFirstLetter: keyedLists(byFirstLetter),
    byDeletion: keyedLists(byDeletion),
    byAcronym: keyedLists(byAcronym),
    byJoined: keyedLists(byJoined),
    byIdentifier: keyedLists(byIdentifier),
    unknownWeight: Math.log(1 + total),
    nameWeight,
    nameNonWordWeight,
  };
}

/** One entry that matches a query, with the name that matched and why. */
export interface EntityMatch {
  readonly entry: OfacEntry;
  /**
   * 0 to 1: how much of the query the name holds and how much of the name the query holds, each token
   * weighted by its rarity and role and by how closely it matched.
   */
  readonly score: number;
  /** The name or alias that matched best, as OFAC prints it. */
  readonly matchedName: string;
  readonly matchedAs: SearchNameKind;
  readonly aliasType?: OfacAliasType;
  /** Where the matched name comes from: `primary name on this list`, `alias on the 2023-12-28 list`, ... */
  readonly nameSource: string;
  /** One line per query token: which token of the name it matched, and how. */
  readonly why: readonly string[];
}

/** Search settings. */
export interface SearchOptions {
  /** Most matches returned (default 20). */
  readonly limit?: number;
  /** Lowest score returned, 0 to 1 (default {@link defaultSearchMinScore}). */
  readonly minScore?: number;
  /** When given, checked as the search goes: once spent, the search throws `SearchBudgetSpent`. */
  readonly budget?: SearchBudget;
  /** Only entries of these SDN types (`individual`, `entity`, `vessel`, `aircraft`). */
  readonly types?: readonly string[];
  /** Only entries under at least one of these programs. */
  readonly programs?: readonly string[];
}

/** How many steps pass between two checks of the budget. */
const budgetCheckInterval = 256;

/** Spelling similarity (Jaro-Winkler on folded tokens) a token needs to count as a near match. */
const nearSpelling = 0.88;

/** Most matches a search returns unless told otherwise. */
export const defaultSearchLimit = 20;

/** Lowest score a match may have unless told otherwise, 0 to 1: the floor below which no candidate is shown. */
export const defaultSearchMinScore = 0.6;

/**
 * The token lengths whose Jaro-Winkler similarity to a token of `length` can reach {@link nearSpelling}:
 * at best every letter of the shorter matches, in order, with a common prefix of four.
 */
function lengthsNear(length: number): number[] {
  const out: number[] = [];
  for (let other = 1; other <= maxNameChars; other++) {
    const common = Math.min(length, other);
    const jaro = (common / length + common / other + 1) / 3;
    const best = jaro + Math.min(4, common) * 0.1 * (1 - jaro);
    if (best >= nearSpelling) out.push(other);
    else if (other > length) break;
  }
  return out;
}

interface TokenSimilarity {
  readonly similarity: number;
  readonly how: string;
}

interface QueryToken {
  readonly token: string;
  readonly typed: string;
  readonly role: TokenRole;
  readonly variantOf?: string;
  readonly classLabel?: string;
  /** Similarity to each vocabulary token it comes near. */
  readonly near: Map<number, TokenSimilarity>;
  readonly weight: number;
}

function prepareQuery(index: EntityIndex, query: string, spend: () => void): QueryToken[] {
  const raw = nameTokens(query);
  const canonical = canonicalTokens(raw);
  const seen = new Set<string>();
  const out: QueryToken[] = [];
  for (const c of canonical) {
    const token = c.role === 'word' && !c.variantOf ? foldToken(c.token) : c.token;
    // The same word typed twice counts once; two words of one class (`Shipping Lines`) count twice.
    if (seen.has(c.printed)) continue;
    seen.add(c.printed);
    const near = new Map<number, TokenSimilarity>();
    const exact = index.vocabularyId.get(token);
    if (exact !== undefined) {
      near.set(exact, {
        similarity: 1,
        how: c.classLabel
          ? 'same word'
          : token === c.printed
            ? 'same word'
            : 'same spelling once transliteration variants are folded',
      });
    }
    if (c.role === 'word' && !c.variantOf) {
      const offer = (id: number, similarity: number, how: string) => {
        const had = near.get(id);
        if (!had || had.similarity < similarity) near.set(id, { similarity, how });
      };
      const skeleton = skeletonOf(token);
      for (const id of listOf(index.bySkeleton, skeleton)) {
        if (id !== exact) offer(id, 0.9, `same consonants: ${skeleton}`);
      }
      // One letter apart: a listed token with one letter more (its deletion is the query), one less (the
      // query's deletion is it), or one different (the same deletion of both).
      const typo = new Set<number>();
      const deletions = deletionsOf(token);
      for (const id of listOf(index.byDeletion, token)) typo.add(id);
      for (const key of deletions) {
        for (const id of listOf(index.byDeletion, key)) typo.add(id);
        const shorter = index.vocabularyId.get(key);
        if (shorter !== undefined && index.roles[shorter] === 'word') typo.add(shorter);
      }
      for (const id of typo) {
        if (id === exact) continue;
        const similarity = jaroWinkler(token, index.vocabulary[id]!);
        offer(id, Math.max(0.85, similarity * 0.95), 'one letter apart (a typo or a variant spelling)');
      }
      for (const length of lengthsNear(token.length)) {
        for (const id of listOf(index.byFirstLetter, `${token[0]!}:${length}`)) {
          spend();
          if (id === exact) continue;
          const similarity = jaroWinkler(token, index.vocabulary[id]!);
          if (similarity >= nearSpelling)
            offer(id, similarity * 0.95, `spelling ${similarity.toFixed(2)} alike`);
        }
      }
    }
    const known = [...near.entries()].sort((a, b) => b[1].similarity - a[1].similarity)[0];
    const weight =
      exact !== undefined
        ? index.weights[exact]!
        : known
          ? index.weights[known[0]]!
          : index.unknownWeight * roleWeight[c.role];
    out.push({
      token,
      typed: c.printed,
      role: c.role,
      ...(c.variantOf && { variantOf: c.variantOf }),
      ...(c.classLabel && { classLabel: c.classLabel }),
      near,
      weight,
    });
  }
  return out;
}

interface Scored {
  readonly score: number;
  readonly why: string[];
}

/**
 * Per-name work arrays of one index, reused by every search on it (searches are synchronous, so one at a
 * time): allocating them per query made the garbage collector the slowest part of a search.
 */
interface Scratch {
  readonly bound: Float64Array;
  readonly reach: Float64Array;
  readonly nameBound: Float64Array;
}
const scratch = new WeakMap<EntityIndex, Scratch>();

function scratchOf(index: EntityIndex): Scratch {
  let arrays = scratch.get(index);
  if (!arrays) {
    const size = index.names.count;
    arrays = {
      bound: new Float64Array(size),
      reach: new Float64Array(size),
      nameBound: new Float64Array(size),
    };
    scratch.set(index, arrays);
  }
  return arrays;
}

/** Scores one name against the query: each query token paired with at most one name token, best pairs first. */
function scoreName(
  index: EntityIndex,
  nameIndex: number,
  query: readonly QueryToken[],
  joinedQuery: string,
  explain: boolean,
): Scored {
  const names = index.names;
  const text = names.text[nameIndex]!;
  const printed = names.printed.slice(names.tokenStart[nameIndex]!, names.tokenStart[nameIndex + 1]!);
  const nameTokens = tokensOf(names, nameIndex);
  const qMatch = new Float64Array(query.length);
  const nMatch = new Float64Array(nameTokens.length);
  // The reasons are written only when asked for: most candidates are scored and dropped.
  const why: string[] = explain ? query.map((q) => `"${q.typed}": not in "${text}"`) : [];
  // Acronym: a query token, or the whole query, that is the name's acronym matches every token of the name.
  const acronymOf = (acronym: string) =>
    acronym.length >= 2 && listOf(index.byAcronym, acronym).includes(nameIndex);
  const pairs: { q: number; n: number; similarity: number; how: string }[] = [];
  query.forEach((q, qi) => {
    nameTokens.forEach((id, ni) => {
      const near = q.near.get(id);
      if (near) pairs.push({ q: qi, n: ni, similarity: near.similarity, how: near.how });
    });
  });
  pairs.sort((a, b) => b.similarity - a.similarity);
  for (const pair of pairs) {
    if (qMatch[pair.q]! > 0 || nMatch[pair.n]! > 0) continue;
    qMatch[pair.q] = pair.similarity;
    nMatch[pair.n] = pair.similarity;
    if (explain) {
      const q = query[pair.q]!;
      // A class's words differ as printed but stand for one thing (`Intl` and `International`): say what.
      const how =
        pair.similarity === 1 && q.classLabel && q.typed !== printed[pair.n]
          ? `same word: both stand for "${q.classLabel}"`
          : pair.how;
      why[pair.q] = `"${q.typed}" ${pair.similarity === 1 ? '=' : '~'} "${printed[pair.n]}" (${how})`;
    }
  }
  // Two adjacent name tokens written as one in the query (`Abdolreza` for `Abdol Reza`), and the reverse.
  query.forEach((q, qi) => {
    if (qMatch[qi]! >= 0.95 || q.role !== 'word') return;
    for (let ni = 0; ni + 1 < nameTokens.length; ni++) {
      if (index.vocabulary[nameTokens[ni]!]! + index.vocabulary[nameTokens[ni + 1]!]! === q.token) {
        qMatch[qi] = 0.95;
        nMatch[ni] = Math.max(nMatch[ni]!, 0.95);
        nMatch[ni + 1] = Math.max(nMatch[ni + 1]!, 0.95);
        if (explain)
          why[qi] = `"${q.typed}" ~ "${printed[ni]} ${printed[ni + 1]}" (the same words written as one)`;
        return;
      }
    }
  });
  for (let qi = 0; qi + 1 < query.length; qi++) {
    const joined = query[qi]!.token + query[qi + 1]!.token;
    const ni = nameTokens.findIndex((id) => index.vocabulary[id] === joined);
    if (ni >= 0 && qMatch[qi]! < 0.95 && qMatch[qi + 1]! < 0.95) {
      qMatch[qi] = 0.95;
      qMatch[qi + 1] = 0.95;
      nMatch[ni] = 0.95;
      const how = `"${query[qi]!.typed} ${query[qi + 1]!.typed}" ~ "${printed[ni]}" (the same words written apart)`;
      if (explain) why[qi] = how;
      if (explain) why[qi + 1] = how;
    }
  }
  query.forEach((q, qi) => {
    if (qMatch[qi]! >= 1 || q.role !== 'word' || !acronymOf(q.token)) return;
    qMatch[qi] = 1;
    for (let ni = 0; ni < nameTokens.length; ni++) nMatch[ni] = Math.max(nMatch[ni]!, 0.9);
    if (explain) why[qi] = `"${q.typed}" = the initials of "${text}" (acronym)`;
  });
  if (query.length > 1 && query.every((q) => q.token.length === 1) && acronymOf(joinedQuery)) {
    qMatch.fill(1);
    nMatch.fill(0.9);
    if (explain) why.fill(`"${query.map((q) => q.typed).join('.')}" = the initials of "${text}" (acronym)`);
  }
  let qSum = 0;
  let qTotal = 0;
  query.forEach((q, qi) => {
    qSum += q.weight * qMatch[qi]!;
    qTotal += q.weight;
  });
  let nSum = 0;
  let nTotal = 0;
  nameTokens.forEach((id, ni) => {
    nSum += index.weights[id]! * nMatch[ni]!;
    nTotal += index.weights[id]!;
  });
  const queryShare = qTotal > 0 ? qSum / qTotal : 0;
  const nameShare = nTotal > 0 ? nSum / nTotal : 0;
  return { score: 0.7 * queryShare + 0.3 * nameShare, why };
}

/**
 * Finds the entries whose name or any alias (this list's or carried from another) matches `query`, tolerant
 * of transliteration, word order, abbreviations and legal forms, particles and honorifics, acronyms and typos.
 * Every candidate is scored (rarer words weigh more); those at or above the floor are returned best first,
 * each entry once with its best-matching name, where that name comes from, and the reasons. With a `budget`,
 * the search throws `SearchBudgetSpent` rather than answer from part of the index.
 */
export function searchEntities(
  index: EntityIndex,
  query: string,
  options: SearchOptions = {},
): EntityMatch[] {
  const limit = options.limit ?? defaultSearchLimit;
  const minScore = options.minScore ?? defaultSearchMinScore;
  let steps = -1;
  let scored = 0;
  let candidatesTotal = index.names.count;
  const spend = () => {
    steps += 1;
    if (steps % budgetCheckInterval === 0 && options.budget?.spent())
      throw new SearchBudgetSpent(scored, candidatesTotal);
  };
  spend();
  const tokens = prepareQuery(index, query, spend);
  if (tokens.length === 0) return [];
  const joinedQuery = tokens.map((t) => t.token).join('');
  // Candidates: names holding a word the query comes near, or known by the query as acronym or joined words.
  const significant = tokens.some((t) => t.role === 'word')
    ? tokens.filter((t) => t.role === 'word')
    : tokens;
  // Each candidate's bound: the most it could score if every name token matched. Names are scored best bound
  // first, and the search stops once no bound can reach the floor or displace the last of `limit` entries.
  const { bound, reach, nameBound } = scratchOf(index);
  const touched: number[] = [];
  const qTotal = tokens.reduce((sum, t) => sum + t.weight, 0);
  const certain =
    significant === tokens
      ? 0
      : tokens.filter((t) => t.role !== 'word').reduce((sum, t) => sum + t.weight, 0);
  try {
    for (const t of significant) {
      const reached: number[] = [];
      for (const [id, near] of t.near) {
        for (const name of index.postings[id]!) {
          spend();
          if (reach[name] === 0) reached.push(name);
          if (near.similarity > reach[name]!) reach[name] = near.similarity;
          // The name's side: each of its tokens near the query, at most fully matched (an upper bound).
          nameBound[name] = nameBound[name]! + index.weights[id]! * near.similarity;
        }
      }
      for (const name of reached) {
        if (bound[name] === 0) touched.push(name);
        bound[name] = bound[name]! + t.weight * reach[name]!;
        reach[name] = 0;
      }
    }
  } catch (error) {
    // A spent budget stops the search midway: the work arrays are cleared for the next one.
    bound.fill(0);
    reach.fill(0);
    nameBound.fill(0);
    throw error;
  }
  const always = new Set<number>();
  for (const t of significant) {
    for (const name of listOf(index.byAcronym, t.token)) always.add(name);
    for (const name of listOf(index.byJoined, t.token)) always.add(name);
  }
  for (const name of listOf(index.byAcronym, joinedQuery)) always.add(name);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const id = index.vocabularyId.get(tokens[i]!.token + tokens[i + 1]!.token);
    if (id !== undefined) for (const name of index.postings[id]!) always.add(name);
  }
  // A name's bound: the query share it could reach and the name share it could reach (its non-words may all
  // match the query's); names that cannot reach the floor are never scored.
  const reachable: { name: number; bound: number }[] = [];
  for (const name of touched) {
    const nameTotal = index.nameWeight[name]!;
    const nameShare =
      nameTotal > 0 ? Math.min(1, (nameBound[name]! + index.nameNonWordWeight[name]!) / nameTotal) : 1;
    const upper = 0.7 * Math.min(1, (bound[name]! + certain) / qTotal) + 0.3 * nameShare;
    bound[name] = 0;
    nameBound[name] = 0;
    if (!always.has(name) && upper >= minScore - 0.0005) reachable.push({ name, bound: upper });
  }
  const candidates = [...[...always].map((name) => ({ name, bound: 1 })), ...reachable].sort(
    (a, b) => b.bound - a.bound,
  );
  candidatesTotal = candidates.length;
  const types = options.types && new Set(options.types);
  const programs = options.programs && new Set(options.programs);
  const best = new Map<number, EntityMatch>();
  let lastKept = minScore;
  for (const [position, candidate] of candidates.entries()) {
    spend();
    if (candidate.bound < lastKept - 0.0005) break;
    const nameIndex = candidate.name;
    const names = index.names;
    const entryIndex = names.entry[nameIndex]!;
    const entry = index.entries[entryIndex]!;
    if (types && !types.has(entry.type)) continue;
    if (programs && !entry.programs.some((p) => programs.has(p))) continue;
    scored += 1;
    const { score } = scoreName(index, nameIndex, tokens, joinedQuery, false);
    if (score < minScore) continue;
    const rounded = Math.round(score * 1000) / 1000;
    const previous = best.get(entryIndex);
    // The entry's best name; on a tie, the one met first (its own names come before carried ones).
    if (previous && previous.score >= rounded) continue;
    const { why } = scoreName(index, nameIndex, tokens, joinedQuery, true);
    const aliasType = names.aliasType[nameIndex];
    best.set(entryIndex, {
      entry,
      score: rounded,
      matchedName: names.text[nameIndex]!,
      matchedAs: nameKinds[names.kind[nameIndex]!]!,
      ...(aliasType && { aliasType }),
      nameSource: names.sources[names.source[nameIndex]!]!,
      why,
    });
    if (best.size >= limit && position % 16 === 0) {
      lastKept = Math.max(minScore, [...best.values()].map((m) => m.score).sort((a, b) => b - a)[limit - 1]!);
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
    .slice(0, limit);
}

/**
 * The entries holding an identifier (passport, IMO number, registration ID, ...) equal to `value`, compared
 * upper case without spaces or punctuation: an exact-match query, never a fuzzy one.
 */
export function findByIdentifier(index: EntityIndex, value: string): OfacEntry[] {
  const key = identifierKey(value);
  return [...listOf(index.byIdentifier, key)].map((i) => index.entries[i]!);
}
