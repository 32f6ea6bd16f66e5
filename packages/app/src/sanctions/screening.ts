import { readFileSync, statSync } from 'node:fs';
import {
  entitySearchQueryMaxChars,
  type ScreeningCandidate,
  type ScreeningFileInput,
  type ScreeningRequest,
  type ScreeningResult,
  type ScreeningRow,
  screeningDefaults,
} from '@lockstep/contract';
import {
  type EntityIndex,
  type OfacEntry,
  type SearchBudget,
  SearchBudgetSpent,
  type SearchOptions,
  searchEntities,
} from '@lockstep/core';
import {
  checkFileSize,
  FormatError,
  formulaSafeCsvLine,
  maxScreeningFileBytes,
  readScreeningCsv,
} from '@lockstep/formats';
import { InputError } from '../input-error.ts';
import type { OperationContext } from '../operation.ts';
import { chooseSearchSnapshot, entityIndexFor } from './search-index.ts';
import { SearchTimeoutError, searchTimeBudget } from './search-time-budget.ts';

/** A stored snapshot with its search index. */
export interface ScreeningIndex {
  readonly snapshot: { readonly dataset: string; readonly date: string; readonly entryCount: number };
  readonly index: EntityIndex;
}

/**
 * The snapshot to screen against (by dataset name, or the newest SDN list) and its search index, the one
 * `sanctions.search` uses (names carried from the other stored lists included), memoised per version.
 */
export async function screeningIndex(
  context: OperationContext,
  dataset: string | undefined,
  field = 'snapshot',
): Promise<ScreeningIndex> {
  const snapshot = await chooseSearchSnapshot(context, dataset, field);
  return { snapshot, index: await entityIndexFor(context, snapshot.dataset) };
}

/** What one name is screened with beyond the name: a type to keep, a country and a birth date to weigh. */
export interface ScreeningQuery {
  readonly name: string;
  readonly types?: readonly string[];
  readonly country?: string;
  readonly birthDate?: string;
}

/** How much an agreeing or disagreeing country or birth date moves a candidate's score. */
export const screeningAdjustments = {
  countryAgrees: 0.03,
  countryDisagrees: -0.05,
  birthDateAgrees: 0.05,
  birthYearAgrees: 0.03,
  birthYearDisagrees: -0.1,
} as const;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country as compared: lower case, `Korea, North` as `north korea`, an ISO code as its English name. */
function countryKey(text: string): string {
  let name = text.trim();
  if (/^[A-Za-z]{2}$/.test(name)) {
    try {
      name = regionNames.of(name.toUpperCase()) ?? name;
    } catch {
      // not a region code: compared as written
    }
  }
  const folded = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.()]/g, '').trim();
  const inverted = /^(.+), (north|south|the|republic of|islamic republic of)$/.exec(folded);
  const key = inverted ? `${inverted[2]} ${inverted[1]}` : folded;
  return key.replace(/^islamic republic of /, '').replace(/^the /, '');
}

/** The countries an entry is tied to: its addresses, nationality and citizenship in the remarks, its flag. */
function entryCountries(entry: OfacEntry): Map<string, string> {
  const countries = new Map<string, string>();
  const add = (name: string | undefined, how: string) => {
    if (!name || /^none identified$/i.test(name)) return;
    const key = countryKey(name);
    if (!countries.has(key)) countries.set(key, `${how} ${name}`);
  };
  for (const address of entry.addresses) add(address.country, 'address in');
  for (const item of (entry.remarks ?? '').split(/;\s*/)) {
    const match = /^(nationality|citizen|Nationality of Registration)\s+(.+?)\.?$/i.exec(item.trim());
    if (match) add(match[2], match[1]!.toLowerCase());
  }
  add(entry.vesselFlag, 'flag');
  return countries;
}

const monthNumbers: Readonly<Record<string, string>> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** The birth dates in an entry's remarks (`DOB 07 Jan 1960`, `DOB 1958 to 1960`, `DOB circa 1964`). */
function entryBirthDates(entry: OfacEntry): { text: string; dates: string[]; years: number[] }[] {
  const found: { text: string; dates: string[]; years: number[] }[] = [];
  for (const item of (entry.remarks ?? '').split(/;\s*/)) {
    const match = /^(?:alt\. )?DOB (.+?)\.?$/.exec(item.trim());
    if (!match) continue;
    const text = match[1]!;
    const dates = [...text.matchAll(/\b(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\b/g)].flatMap((m) => {
      const month = monthNumbers[m[2]!.toLowerCase()];
      return month ? [`${m[3]}-${month}-${m[1]!.padStart(2, '0')}`] : [];
    });
    const bounds = [...text.matchAll(/\b(\d{4})\b/g)].map((m) => Number(m[1]));
    const years: number[] = [];
    if (/\bto\b/.test(text) && bounds.length === 2) {
      for (let year = bounds[0]!; year <= bounds[1]! && years.length < 30; year++) years.push(year);
    } else years.push(...bounds);
    if (years.length > 0) found.push({ text, dates, years });
  }
  return found;
}

/**
 * The candidates for one name: the name search (limited to the types asked for), each score moved modestly
 * by the country and birth date where the entry's addresses, nationality or DOB agree or disagree (each
 * move a line of `why`), then kept at or above `threshold`, best first, at most `limit`.
 */
export function screenName(
  index: EntityIndex,
  query: ScreeningQuery,
  options: { threshold: number; limit: number; budget?: SearchBudget },
): ScreeningCandidate[] {
  // Scores may rise by the agreements, so candidates are searched for a little below the threshold; the
  // search keeps only the types asked for.
  const searchOptions: SearchOptions = {
    limit: Math.max(options.limit * 4, 20),
    minScore: Math.max(0, options.threshold - screeningAdjustments.birthDateAgrees - 0.03),
    ...(options.budget && { budget: options.budget }),
    ...(query.types && query.types.length > 0 && { types: query.types }),
  };
  const matches = searchEntities(index, query.name, searchOptions);
  const countryKeyOfQuery = query.country ? countryKey(query.country) : undefined;
  const candidates: ScreeningCandidate[] = [];
  for (const match of matches) {
    const entry = match.entry;
    const why = [...match.why];
    let score = match.score;
    if (countryKeyOfQuery !== undefined && query.country) {
      const countries = entryCountries(entry);
      const agreeing = countries.get(countryKeyOfQuery);
      if (agreeing) {
        score += screeningAdjustments.countryAgrees;
        why.push(`country "${query.country}" agrees (${agreeing}): +${screeningAdjustments.countryAgrees}`);
      } else if (countries.size > 0) {
        score += screeningAdjustments.countryDisagrees;
        why.push(
          `country "${query.country}" disagrees (${[...countries.values()].slice(0, 3).join('; ')}): ${screeningAdjustments.countryDisagrees}`,
        );
      } else {
        why.push(`country "${query.country}": the entry names no country to compare`);
      }
    }
    if (query.birthDate && entry.type === 'individual') {
      const births = entryBirthDates(entry);
      const year = Number(query.birthDate.slice(0, 4));
      const listed = births.map((b) => b.text).join('; ');
      if (births.length === 0) {
        why.push(`birth date ${query.birthDate}: the entry gives no DOB to compare`);
      } else if (query.birthDate.length === 10 && births.some((b) => b.dates.includes(query.birthDate!))) {
        score += screeningAdjustments.birthDateAgrees;
        why.push(
          `birth date ${query.birthDate} agrees (DOB ${listed}): +${screeningAdjustments.birthDateAgrees}`,
        );
      } else if (births.some((b) => b.years.includes(year))) {
        score += screeningAdjustments.birthYearAgrees;
        why.push(`birth year ${year} agrees (DOB ${listed}): +${screeningAdjustments.birthYearAgrees}`);
      } else if (births.every((b) => b.years.every((y) => Math.abs(y - year) > 1))) {
        score += screeningAdjustments.birthYearDisagrees;
        why.push(`birth year ${year} disagrees (DOB ${listed}): ${screeningAdjustments.birthYearDisagrees}`);
      } else {
        why.push(`birth year ${year} is within a year of DOB ${listed}: no change`);
      }
    } else if (query.birthDate) {
      why.push(`birth date ${query.birthDate}: not compared for an ${entry.type}`);
    }
    score = Math.min(1, Math.max(0, Math.round(score * 1000) / 1000));
    if (score < options.threshold) continue;
    candidates.push({
      entryNumber: entry.entryNumber,
      name: entry.name,
      type: entry.type,
      programs: entry.programs,
      score,
      nameScore: match.score,
      matchedName: match.matchedName,
      matchedAs: match.matchedAs,
      nameSource: match.nameSource,
      why,
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return candidates.slice(0, options.limit);
}

interface RowToScreen extends ScreeningRow {
  readonly line?: number;
}

/**
 * Screens `rows` against one snapshot. `budgetFor` gives the budget of the next search: one per row for a
 * file, one for the whole request on the server. Reports progress in tenths for long batches.
 */
function screenRows(
  context: OperationContext,
  { snapshot, index }: ScreeningIndex,
  rows: readonly RowToScreen[],
  options: { threshold?: number | undefined; limit?: number | undefined },
  budgetFor: () => SearchBudget,
  budgetMs: number,
): Omit<ScreeningResult, 'skipped'> {
  const threshold = options.threshold ?? screeningDefaults.threshold;
  const limit = options.limit ?? screeningDefaults.limit;
  const showProgress = rows.length >= 200;
  let shown = 0;
  const screened = rows.map((row, i) => {
    let candidates: ScreeningCandidate[];
    try {
      candidates = screenName(
        index,
        {
          name: row.name,
          ...(row.type && { types: [row.type] }),
          ...(row.country && { country: row.country }),
          ...(row.birthDate && { birthDate: row.birthDate }),
        },
        { threshold, limit, budget: budgetFor() },
      );
    } catch (error) {
      if (error instanceof SearchBudgetSpent) throw new SearchTimeoutError(row.name, budgetMs);
      throw error;
    }
    if (showProgress) {
      const tenth = Math.floor(((i + 1) / rows.length) * 10);
      if (tenth > shown) {
        shown = tenth;
        context.progress(
          `  screening ${rows.length} names: ${'#'.repeat(tenth).padEnd(10, '.')} ${tenth * 10} %`,
        );
      }
    }
    return {
      ...(row.line !== undefined && { line: row.line }),
      index: i,
      name: row.name,
      ...(row.type && { type: row.type }),
      ...(row.country && { country: row.country }),
      ...(row.birthDate && { birthDate: row.birthDate }),
      candidates,
    };
  });
  return {
    snapshot,
    threshold,
    limit,
    screened: screened.length,
    withCandidates: screened.filter((row) => row.candidates.length > 0).length,
    rows: screened,
  };
}

/**
 * `sanctions.screen` (`POST /api/sanctions/screen`): a batch of up to `maxRowsPerRequest` names. The whole
 * batch runs within twice one search's budget on the server's thread, or is refused (503) rather than
 * answered in part.
 */
export async function screenRequest(
  context: OperationContext,
  request: ScreeningRequest,
): Promise<ScreeningResult> {
  const chosen = await screeningIndex(context, request.snapshot);
  const budgetMs = context.searchTimeBudgetMs * 2;
  const budget = searchTimeBudget(budgetMs);
  return {
    ...screenRows(context, chosen, request.rows, request, () => budget, budgetMs),
    skipped: [],
  };
}

/**
 * `sanctions.screen-file` (`lockstep sanctions screen names.csv`): the names of a CSV file (see
 * `readScreeningCsv`), each within one search's budget. A bad file or row is refused naming its line and
 * what is accepted; with `skipBadRows` bad rows are reported (line and reason) and the rest screened.
 */
export async function screenFile(
  context: OperationContext,
  input: ScreeningFileInput,
): Promise<ScreeningResult> {
  let bytes: Uint8Array;
  try {
    checkFileSize(input.path, statSync(input.path).size, maxScreeningFileBytes, 'a screening CSV file');
    bytes = readFileSync(input.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new InputError(`${input.path}: no such file`, 'path');
    if ((error as NodeJS.ErrnoException).code === 'EISDIR')
      throw new InputError(`${input.path}: a folder; give a CSV file of names`, 'path');
    throw error;
  }
  let csv: ReturnType<typeof readScreeningCsv>;
  try {
    csv = readScreeningCsv(bytes, input.path, {
      maxNameChars: entitySearchQueryMaxChars,
      maxRows: screeningDefaults.maxFileRows,
      maxCellChars: screeningDefaults.maxCellChars,
      ...(input.skipBadRows && { skipBadRows: true }),
    });
  } catch (error) {
    // A bad file is the user's input: exit 2 on the command line, naming the file and line.
    if (error instanceof FormatError) throw new InputError(error.message, 'path');
    throw error;
  }
  const chosen = await screeningIndex(context, input.snapshot);
  const budgetMs = context.searchTimeBudgetMs;
  return {
    ...screenRows(context, chosen, csv.rows, input, () => searchTimeBudget(budgetMs), budgetMs),
    skipped: csv.problems,
  };
}

/** The columns of `lockstep sanctions screen --csv`: one line per candidate, or one for a row without any. */
export const screeningCsvColumns = [
  'line',
  'name',
  'rank',
  'entry_number',
  'candidate',
  'type',
  'programs',
  'score',
  'name_score',
  'matched_name',
  'name_source',
  'why',
] as const;

/** A screening result as formula-safe CSV (the names are outside text): see `screeningCsvColumns`. */
export function screeningResultCsv(result: ScreeningResult): string {
  let text = formulaSafeCsvLine([...screeningCsvColumns]);
  for (const row of result.rows) {
    if (row.candidates.length === 0) {
      text += formulaSafeCsvLine([
        row.line ?? row.index + 1,
        row.name,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
      continue;
    }
    row.candidates.forEach((c, rank) => {
      text += formulaSafeCsvLine([
        row.line ?? row.index + 1,
        row.name,
        rank + 1,
        c.entryNumber,
        c.name,
        c.type,
        c.programs.join('; '),
        c.score.toFixed(3),
        c.nameScore.toFixed(3),
        c.matchedName,
        c.nameSource,
        c.why.join(' | '),
      ]);
    });
  }
  return text;
}
