import type { OfacEntry } from './ofac-entry.ts';
import type { OfacIdentifier } from './ofac-identifier.ts';
import { ofacStatusLabels, parseOfacRemarks } from './ofac-remarks.ts';

/**
 * A party OFAC re-listed under a new entry number (as it did on 2018-11-05, OFAC FAQ 638), linked to its
 * old entry. `confidence` runs from 0 to 1; `evidence` says what matched, so an analyst can check it.
 */
export interface RelistingLink {
  /** The old entry number, last seen before the new one appeared. */
  readonly from: number;
  /** The new entry number. */
  readonly to: number;
  readonly confidence: number;
  /** What matched, e.g. `same Vessel Registration Identification IMO 9187629`. */
  readonly evidence: readonly string[];
}

/** The lowest confidence {@link linkRelistedEntries} accepts by default. */
export const defaultRelistingThreshold = 0.6;

/**
 * Identifier labels that describe a sanctions status or a trait many parties share, not one party: they do
 * not link entries.
 */
const nonIdentifyingLabels = new Set([
  ...ofacStatusLabels,
  'Organization Established Date',
  'Organization Type:',
  'Target Type',
  'Vessel Year of Build',
  'Other Vessel Type',
  'Former Vessel Flag',
  'Other Vessel Flag',
  'Nationality of Registration',
  'Aircraft Model',
  'Aircraft Manufacture Date',
  'Aircraft Operator',
]);

// How much each kind of match says on its own; several matches combine as independent evidence.
const weights = { identifier: 0.95, name: 0.85, nameAlias: 0.75, alias: 0.65, birthDate: 0.5 } as const;
// Entries whose programs share no tag are less likely the same party re-listed.
const noSharedProgramFactor = 0.8;

/**
 * Name as compared: upper case, without diacritics, punctuation and repeated spaces, so `BANK SEPAH,` and
 * `Bank Sepah` agree.
 */
export function normalizedPartyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** The identifiers of an entry that single out one party: structured where given, else read from remarks. */
export function identifyingIdentifiers(entry: OfacEntry): OfacIdentifier[] {
  const identifiers = entry.identifiers ?? parseOfacRemarks(entry.remarks).identifiers;
  return identifiers.filter((identifier) => !nonIdentifyingLabels.has(identifier.type));
}

interface Keys {
  readonly entry: OfacEntry;
  readonly name: string;
  readonly birthDates: ReadonlySet<string>;
  readonly aliases: ReadonlySet<string>;
  readonly identifiers: ReadonlyMap<string, string>;
}

function keysOf(entry: OfacEntry): Keys {
  const name = normalizedPartyName(entry.name);
  const aliases = new Set(entry.aliases.map((alias) => normalizedPartyName(alias.name)));
  aliases.delete(name);
  aliases.delete('');
  const identifiers = new Map<string, string>();
  for (const identifier of identifyingIdentifiers(entry)) {
    const value = normalizedPartyName(identifier.value);
    if (value.length >= 4)
      identifiers.set(`${identifier.type}|${value}`, `${identifier.type} ${identifier.value}`);
  }
  return { entry, name, aliases, identifiers, birthDates: birthDatesOf(entry.remarks) };
}

const birthDate = /(?:^|; )(?:alt\. )?DOB ([^;]+?)(?=;|\.?$)/g;

/** The dates of birth printed in remarks (`DOB 13 Feb 1966; alt. DOB 1967`), as printed. */
function birthDatesOf(remarks: string | undefined): Set<string> {
  return new Set([...(remarks ?? '').matchAll(birthDate)].map((match) => match[1]!.trim()));
}

/**
 * Links entries that left a list (`older`) to entries that appeared later (`newer`) when they name the same
 * party: the same type and a shared identifier (IMO number, passport, registration, SWIFT code...), the
 * same name, or a name or alias of one among the aliases of the other. Each match adds evidence; a shared
 * date of birth adds to it, while people whose printed dates of birth differ are never linked; programs
 * that share no tag lower the confidence. Links are one to one, best first (ties to the lower entry
 * numbers), and below `threshold` are dropped.
 */
export function linkRelistedEntries(
  older: readonly OfacEntry[],
  newer: readonly OfacEntry[],
  threshold: number = defaultRelistingThreshold,
): RelistingLink[] {
  const oldKeys = older.map(keysOf);
  const index = new Map<string, Keys[]>();
  const add = (key: string, keys: Keys) => {
    const list = index.get(key);
    if (list) list.push(keys);
    else index.set(key, [keys]);
  };
  for (const keys of oldKeys) {
    add(`n|${keys.name}`, keys);
    for (const alias of keys.aliases) add(`n|${alias}`, keys);
    for (const id of keys.identifiers.keys()) add(`i|${id}`, keys);
  }
  const candidates: RelistingLink[] = [];
  for (const entry of newer) {
    const keys = keysOf(entry);
    const seen = new Set<Keys>();
    const lookups = [`n|${keys.name}`, ...[...keys.aliases].map((a) => `n|${a}`)];
    for (const id of keys.identifiers.keys()) lookups.push(`i|${id}`);
    for (const lookup of lookups) for (const old of index.get(lookup) ?? []) seen.add(old);
    for (const old of seen) {
      const link = scoreLink(old, keys);
      if (link && link.confidence >= threshold) candidates.push(link);
    }
  }
  candidates.sort((a, b) => b.confidence - a.confidence || a.to - b.to || a.from - b.from);
  const usedFrom = new Set<number>();
  const usedTo = new Set<number>();
  const links: RelistingLink[] = [];
  for (const link of candidates) {
    if (usedFrom.has(link.from) || usedTo.has(link.to)) continue;
    usedFrom.add(link.from);
    usedTo.add(link.to);
    links.push(link);
  }
  return links.sort((a, b) => a.to - b.to);
}

function scoreLink(old: Keys, next: Keys): RelistingLink | undefined {
  if (old.entry.type !== next.entry.type || old.entry.entryNumber === next.entry.entryNumber)
    return undefined;
  const evidence: string[] = [];
  let doubt = 1;
  for (const [key, printed] of next.identifiers) {
    if (old.identifiers.has(key)) {
      evidence.push(`same ${printed}`);
      doubt *= 1 - weights.identifier;
    }
  }
  if (old.name === next.name) {
    evidence.push(`same name "${next.entry.name}"`);
    doubt *= 1 - weights.name;
  } else if (old.aliases.has(next.name) || next.aliases.has(old.name)) {
    evidence.push(
      `name "${old.aliases.has(next.name) ? next.entry.name : old.entry.name}" is an alias of the other`,
    );
    doubt *= 1 - weights.nameAlias;
  }
  const sharedAliases = [...next.aliases].filter((alias) => old.aliases.has(alias));
  if (sharedAliases.length > 0) {
    evidence.push(`shared alias ${sharedAliases.map((a) => `"${a}"`).join(', ')}`);
    doubt *= 1 - weights.alias;
  }
  if (evidence.length === 0) return undefined;
  if (old.birthDates.size > 0 && next.birthDates.size > 0) {
    const shared = [...next.birthDates].filter((date) => old.birthDates.has(date));
    // Two people of one name are told apart by their dates of birth.
    if (shared.length === 0) return undefined;
    evidence.push(`same date of birth ${shared[0]}`);
    doubt *= 1 - weights.birthDate;
  }
  let confidence = 1 - doubt;
  if (!old.entry.programs.some((tag) => next.entry.programs.includes(tag))) {
    evidence.push(
      `no program in common (${old.entry.programs.join(', ')} / ${next.entry.programs.join(', ')})`,
    );
    confidence *= noSharedProgramFactor;
  }
  return {
    from: old.entry.entryNumber,
    to: next.entry.entryNumber,
    confidence: Math.round(confidence * 1000) / 1000,
    evidence,
  };
}
