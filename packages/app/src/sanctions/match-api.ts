import {
  controlCharacterIn,
  entitySearchQueryMaxChars,
  type MatchExample,
  type MatchQuery,
  type MatchResponse,
  type MatchResultEntity,
  screeningDefaults,
} from '@lockstep/contract';
import { findByIdentifier, type OfacEntry, parseOfacRemarks, SearchBudgetSpent } from '@lockstep/core';
import { ftmEntitiesOfOfacEntry, ftmPartyId, ftmSchemaOfSdnType } from '@lockstep/formats';
import { InputError } from '../input-error.ts';
import type { OperationContext } from '../operation.ts';
import { screeningIndex, screenName } from './screening.ts';
import { SearchTimeoutError, searchTimeBudget } from './search-time-budget.ts';

/** The SDN types each FollowTheMoney schema of a query stands for; `Thing` (none) takes every type. */
export const sdnTypesOfSchema: Readonly<Record<MatchExample['schema'], readonly string[] | undefined>> = {
  Person: ['individual'],
  Company: ['entity'],
  Organization: ['entity'],
  LegalEntity: ['entity'],
  Vessel: ['vessel'],
  Airplane: ['aircraft'],
  Thing: undefined,
};

/** The scoring features a result may carry, as yente documents its matcher (`matcher` in the answer). */
export const matchFeatures: MatchResponse['matcher'] = {
  name_match: {
    description:
      'Lockstep name search: the share of the query name found in the name or an alias, each token weighted by how closely it matched (folded transliteration, consonant skeleton, near spelling)',
    coefficient: 1,
    url: '/api/docs',
  },
  identifier_match: {
    description:
      'An identifier of the query (imoNumber, registrationNumber, idNumber, passportNumber) equals one of the entry, ignoring case, spaces and dashes: the score is 1',
    coefficient: 1,
    url: '/api/docs',
  },
  country_and_birth_date: {
    description:
      'The sum of the adjustments for country (addresses, nationality, flag: +0.03 agree, -0.05 disagree) and birth date (DOB in the remarks: +0.05 same date, +0.03 same year, -0.1 more than a year apart)',
    coefficient: 1,
    url: '/api/docs',
  },
};

/** Results scoring at or below this are left out, as yente's `cutoff` (matches are those at the threshold). */
const cutoffBelowThreshold = 0.2;

const identifierProperties = ['imoNumber', 'registrationNumber', 'idNumber', 'passportNumber'] as const;

function valuesOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : [...value]).map((v) => v.trim()).filter((v) => v !== '');
}

/** A query's names, each checked as a search query is, the field named as the request names it. */
function checkedNames(key: string, example: MatchExample): string[] {
  const field = `queries.${key}.properties.name`;
  const names = valuesOf(example.properties.name);
  if (names.length === 0) throw new InputError(`${field}: give at least one name`, field);
  for (const [i, name] of names.entries()) {
    const where = names.length > 1 ? ` (value ${i + 1})` : '';
    if (name.length > entitySearchQueryMaxChars) {
      throw new InputError(
        `${field}${where}: the name is ${name.length} characters; at most ${entitySearchQueryMaxChars} are accepted: one name or alias per value`,
        field,
      );
    }
    const control = controlCharacterIn(name);
    if (control) {
      throw new InputError(
        `${field}${where}: a control character (${control}) is not accepted in a name; control characters U+0000-U+001F and U+007F-U+009F are refused`,
        field,
      );
    }
  }
  return names;
}

/** The party's properties in FollowTheMoney terms, with its programs, countries, addresses and identifiers. */
function resultProperties(entry: OfacEntry): Record<string, string[]> {
  const properties: Record<string, string[]> = {};
  const add = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    const list = properties[name] ?? [];
    if (!list.includes(value)) list.push(value);
    properties[name] = list;
  };
  try {
    const party = ftmEntitiesOfOfacEntry(entry)[0]!;
    for (const [name, values] of Object.entries(party.properties)) {
      if (name !== 'addressEntity') for (const value of values) add(name, value);
    }
  } catch {
    // An entry FtM cannot hold (a title on an entity): its names are enough to show.
    add('name', entry.name);
    for (const alias of entry.aliases) add('alias', alias.name);
  }
  for (const program of entry.programs) add('program', program);
  for (const address of entry.addresses) {
    add('country', address.country);
    add('address', [address.street, address.locality, address.country].filter(Boolean).join(', '));
  }
  for (const item of (entry.remarks ?? '').split(/;\s*/)) {
    const nationality = /^nationality (.+?)\.?$/i.exec(item.trim());
    if (nationality) add('nationality', nationality[1]);
    const dob = /^DOB (.+?)\.?$/.exec(item.trim());
    if (dob) add('birthDate', dob[1]);
  }
  const identifiers = [...(entry.identifiers ?? []), ...parseOfacRemarks(entry.remarks).identifiers];
  for (const identifier of identifiers) {
    const imo = /^IMO (\d{7})$/.exec(identifier.value);
    if (imo) add('imoNumber', imo[1]);
    else if (/passport/i.test(identifier.type)) add('passportNumber', identifier.value);
    else if (/registration|company|business/i.test(identifier.type))
      add('registrationNumber', identifier.value);
    else if (/id|national|tax|cedula|personal/i.test(identifier.type)) add('idNumber', identifier.value);
  }
  return properties;
}

/**
 * `sanctions.match` (`POST /api/match/{dataset}`): yente's query-by-example matcher over one stored snapshot
 * (`default`: the newest SDN list). Each query's names are searched within the query's schema (Person:
 * individuals; Company, Organization, LegalEntity: entities; Vessel; Airplane; Thing: all), its country and
 * birth date move the score as in screening, and an identifier equal to one of an entry's gives it score 1.
 * Answers in yente's shape: per key `status`, `results` (best first, `match` when the score reaches
 * `threshold`), `total` (the matches) and the `query` as read; the whole request runs within twice one
 * search's budget.
 */
export async function matchEntities(context: OperationContext, input: MatchQuery): Promise<MatchResponse> {
  const keys = Object.keys(input.queries);
  if (keys.length === 0) throw new InputError('queries: give at least one query', 'queries');
  if (keys.length > screeningDefaults.matchMaxQueries) {
    throw new InputError(
      `queries: ${keys.length} queries; at most ${screeningDefaults.matchMaxQueries} are accepted in one request`,
      'queries',
    );
  }
  // Names are checked before the index is touched, so a bad request costs nothing.
  const names = Object.fromEntries(keys.map((key) => [key, checkedNames(key, input.queries[key]!)]));
  for (const key of keys) {
    const field = `queries.${key}.properties.birthDate`;
    const birthDate = valuesOf(input.queries[key]!.properties.birthDate)[0];
    if (birthDate !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(birthDate)) {
      throw new InputError(`${field}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD`, field);
    }
  }
  const { snapshot, index } = await screeningIndex(
    context,
    input.dataset === 'default' ? undefined : input.dataset,
    'dataset',
  );
  const limit = input.limit ?? screeningDefaults.matchLimit;
  const threshold = input.threshold ?? screeningDefaults.matchThreshold;
  const cutoff = Math.max(0, threshold - cutoffBelowThreshold);
  const budgetMs = context.searchTimeBudgetMs * 2;
  const budget = searchTimeBudget(budgetMs);
  const responses: MatchResponse['responses'] = {};
  for (const key of keys) {
    const example = input.queries[key]!;
    const types = sdnTypesOfSchema[example.schema];
    const country = [
      ...valuesOf(example.properties.country),
      ...valuesOf(example.properties.nationality),
      ...valuesOf(example.properties.jurisdiction),
    ][0];
    const birthDate = valuesOf(example.properties.birthDate)[0];
    const best = new Map<number, MatchResultEntity>();
    const keep = (
      entry: OfacEntry,
      score: number,
      features: Record<string, number>,
      why: readonly string[],
    ) => {
      const previous = best.get(entry.entryNumber);
      if (previous && previous.score >= score) return;
      best.set(entry.entryNumber, {
        id: ftmPartyId(entry.entryNumber),
        caption: entry.name,
        schema: ftmSchemaOfSdnType[entry.type],
        properties: resultProperties(entry),
        datasets: [snapshot.dataset],
        referents: [],
        target: true,
        first_seen: null,
        last_seen: null,
        last_change: null,
        score,
        features,
        match: score >= threshold,
        explanations: why,
      });
    };
    for (const property of identifierProperties) {
      for (const value of valuesOf(example.properties[property])) {
        for (const entry of findByIdentifier(index, value)) {
          if (types && !types.includes(entry.type)) continue;
          keep(entry, 1, { identifier_match: 1 }, [`${property} "${value}" is an identifier of this entry`]);
        }
      }
    }
    for (const name of names[key]!) {
      let candidates: ReturnType<typeof screenName>;
      try {
        candidates = screenName(
          index,
          {
            name,
            ...(types && { types }),
            ...(country && { country }),
            ...(birthDate && { birthDate }),
          },
          { threshold: cutoff, limit: limit * 2, budget },
        );
      } catch (error) {
        if (error instanceof SearchBudgetSpent) throw new SearchTimeoutError(name, budgetMs);
        throw error;
      }
      for (const c of candidates) {
        const entry = index.entries.find((e) => e.entryNumber === c.entryNumber)!;
        const adjustment = Math.round((c.score - c.nameScore) * 1000) / 1000;
        keep(
          entry,
          c.score,
          { name_match: c.nameScore, ...(adjustment !== 0 && { country_and_birth_date: adjustment }) },
          [`matched ${c.nameSource} "${c.matchedName}"`, ...c.why],
        );
      }
    }
    const results = [...best.values()]
      .filter((r) => r.score > cutoff || r.score === 1)
      .sort((a, b) => b.score - a.score || a.caption.localeCompare(b.caption));
    const query: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(example.properties)) {
      const values = valuesOf(value as string | string[] | undefined);
      if (values.length > 0) query[name] = values;
    }
    responses[key] = {
      status: 200,
      results: results.slice(0, limit),
      total: { value: results.filter((r) => r.match).length, relation: 'eq' },
      query: {
        ...(example.id !== undefined && { id: example.id }),
        schema: example.schema,
        properties: query,
      },
    };
  }
  return { responses, matcher: matchFeatures, limit };
}
