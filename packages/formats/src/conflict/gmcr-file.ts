import {
  ConflictInputError,
  type ConflictModel,
  type ConflictPreference,
  type ConflictStatement,
  compileConflict,
  conditionOptions,
  conditionTest,
  conflictLimits,
  type OptionReversibility,
  optionReversibilities,
  parseCondition,
  rankingOf,
} from '@lockstep/core';
import { atLine, parseJsonText } from './conflict-json.ts';

/*
 * GMCR+ save files (`.gmcr`) are the JSON that gmcr-py (Oskar Petersons, University of Waterloo; GMCR+ is its
 * released name) writes in `ConflictModel.export_rep` and reads in `json_import` (data_01_conflictModel.py,
 * version 0.4.1; the same layout as the Examples/*.gmcr files shipped with it, 0.3.1 to 0.3.12):
 *
 * - `options`: `{name, permittedDirection}`, `both`, `fwd` (only taken) or `back` (only withdrawn).
 * - `decisionMakers`: `{name, options, preferences, payoffs, misperceptions, preferenceRanking}`. `options` are
 *   indices into `options`. A condition is a list of `[optionIndex, "Y" | "N"]` pairs that must all hold; a
 *   compound condition is `{"compound": true, "members": [condition, ...]}`, which holds when any member does.
 *   `preferences` lists conditions most important first (weights 2^(m-1-j)); `misperceptions` lists conditions
 *   whose states the DM does not see. `payoffs` (one per state, derived) is written but never read back.
 *   `preferenceRanking` (older files: `preferenceVector`), only when `useManualPreferenceRanking` (older:
 *   `useManualPreferenceVectors`) is true: state numbers, most preferred first, states preferred equally as an
 *   inner list; state numbers are GMCR+'s, the feasible states sorted by decimal value and numbered from 1.
 * - `infeasibles`: conditions; `coalitions`: DM indices, or lists of them for a coalition; `coalitionsFull`
 *   (derived), `program`, `version`.
 * - On load GMCR+ regroups the options by DM (DM order, each DM's `options` order) before numbering states.
 */

/** The gmcr-py version whose save format `writeGmcrFile` writes. */
export const gmcrFormatVersion = '0.4.1';

type Json = Record<string, unknown>;
/** A GMCR+ condition: `[optionIndex, "Y" | "N"]` pairs that must all hold. */
type GmcrCondition = [number, 'Y' | 'N'][];
/** A compound condition: any member holds. */
interface GmcrCompound {
  readonly compound: true;
  readonly members: GmcrCondition[];
}

/**
 * Reads a GMCR+ save file (`.gmcr`, JSON) into a `ConflictModel`. Options are put in the order GMCR+ numbers
 * them (grouped by DM), so state numbers, manual rankings included, mean the same states as in GMCR+. Ids are
 * made from names (`Air Strike` → `air-strike`); conditions become statements (`air-strike & -escalate`,
 * compound ones joined by `|`). With `useManualPreferenceRanking` every DM's preference is its ranking, else its
 * prioritised conditions. Misperceptions and declared coalitions are read and listed in `notAnalysed`, one
 * sentence each; `payoffs`, `coalitionsFull`, `program` and `version` are derived or descriptive and not read.
 * The title is the file's name. A file that is not a .gmcr (a missing or mistyped field, an option index out of
 * range, an option owned by no DM or by two) is a `FormatError` naming the field and its line.
 */
export function parseGmcrFile(text: string, file: string): ConflictModel {
  const json = parseJsonText(text, file, 'a GMCR+ save file');
  try {
    return gmcrModel(json, file);
  } catch (error) {
    throw atLine(error, text, file);
  }
}

function gmcrModel(json: unknown, file: string): ConflictModel {
  const root = object(
    json,
    '(root)',
    'expected a GMCR+ save file: an object with options, decisionMakers, infeasibles',
  );
  const optionsJson = array(root, 'options', '', conflictLimits.options, 'options');
  const dmsJson = array(root, 'decisionMakers', '', conflictLimits.decisionMakers, 'decision makers');
  if (dmsJson.length < 2) {
    throw new ConflictInputError(
      'decisionMakers',
      `${dmsJson.length} decision maker(s); a conflict needs at least 2`,
    );
  }
  const manual = manualRanking(root);
  const optionIds = uniqueIds(
    optionsJson.map((option, i) => name(object(option, `options[${i}]`), `options[${i}]`)),
    'option',
  );
  const owner: (number | undefined)[] = optionsJson.map(() => undefined);
  const dms = dmsJson.map((value, d) => {
    const at = `decisionMakers[${d}]`;
    const dm = object(value, at);
    const owned = array(dm, 'options', at, conflictLimits.options, 'option indices', 0).map((index, j) => {
      const where = `${at}.options[${j}]`;
      const o = optionIndex(index, where, optionsJson.length);
      if (owner[o] !== undefined) {
        throw new ConflictInputError(
          where,
          `option ${o} is already controlled by decisionMakers[${owner[o]}]; each option has one decision maker`,
        );
      }
      owner[o] = d;
      return o;
    });
    if (owned.length === 0) {
      throw new ConflictInputError(
        `${at}.options`,
        'controls no option; every decision maker needs at least one',
      );
    }
    return { at, dm, name: name(dm, at), owned };
  });
  const unowned = owner.indexOf(undefined);
  if (unowned !== -1) {
    throw new ConflictInputError(
      `options[${unowned}]`,
      'no decision maker controls this option (decisionMakers[].options)',
    );
  }
  const dmIds = uniqueIds(
    dms.map((dm) => dm.name),
    'dm',
  );
  const text = (condition: unknown, at: string) =>
    conditionText(condition, at, optionsJson.length, optionIds);
  const preferences: Record<string, ConflictPreference> = {};
  const notAnalysed: string[] = [];
  dms.forEach(({ at, dm, name: dmName }, d) => {
    const statements = array(dm, 'preferences', at, conflictLimits.statements, 'preferences', 0).map(
      (condition, j): ConflictStatement => ({ text: text(condition, `${at}.preferences[${j}]`) }),
    );
    preferences[dmIds[d]!] = manual
      ? { kind: 'ranking', ranking: ranking(dm, at) }
      : { kind: 'statements', statements };
    if (dm.misperceptions !== undefined) {
      const misperceived = array(
        dm,
        'misperceptions',
        at,
        conflictLimits.infeasible,
        'misperceptions',
        0,
      ).map((condition, j) => text(condition, `${at}.misperceptions[${j}]`));
      if (misperceived.length > 0) {
        notAnalysed.push(
          `${dmName} misperceives the states where ${misperceived.join(', or where ')} (GMCR+ misperceptions): read but not analysed; this analysis assumes every decision maker sees every feasible state.`,
        );
      }
    }
  });
  notAnalysed.push(
    ...declaredCoalitions(
      root,
      dms.map((dm) => dm.name),
    ),
  );
  const infeasible = array(
    root,
    'infeasibles',
    '',
    conflictLimits.infeasible,
    'infeasible conditions',
    0,
  ).map((condition, i): ConflictStatement => ({ text: text(condition, `infeasibles[${i}]`) }));
  const title = file.replace(/^.*[\\/]/, '').replace(/\.gmcr$/i, '') || 'GMCR+ conflict';
  const program = typeof root.program === 'string' ? root.program : 'an unnamed program';
  const version = typeof root.version === 'string' ? ` ${root.version}` : '';
  return {
    id: slug(title, 'conflict'),
    title: title.slice(0, conflictLimits.nameLength),
    description: `Read from the GMCR+ save file ${title.slice(0, 200)} (written by ${program.slice(0, 100)}${version.slice(0, 40)}).`,
    decisionMakers: dms.map((dm, d) => ({ id: dmIds[d]!, name: dm.name })),
    // In the order GMCR+ numbers them: by DM, and within a DM in its `options` order.
    options: dms.flatMap((dm, d) =>
      dm.owned.map((o) => {
        const option = object(optionsJson[o], `options[${o}]`);
        return {
          id: optionIds[o]!,
          name: name(option, `options[${o}]`),
          dm: dmIds[d]!,
          reversibility: direction(option, `options[${o}]`),
        };
      }),
    ),
    infeasible,
    preferences,
    ...(notAnalysed.length === 0 ? {} : { notAnalysed }),
  };
}

/** `useManualPreferenceRanking`, or the older `useManualPreferenceVectors`; false when neither is given. */
function manualRanking(root: Json): boolean {
  for (const field of ['useManualPreferenceRanking', 'useManualPreferenceVectors']) {
    if (root[field] === undefined) continue;
    if (typeof root[field] !== 'boolean') throw new ConflictInputError(field, 'expected true or false');
    return root[field];
  }
  return false;
}

/** A DM's `preferenceRanking` (older files: `preferenceVector`): state numbers, ties as inner lists. */
function ranking(dm: Json, at: string): number[][] {
  const field =
    dm.preferenceRanking === undefined && dm.preferenceVector !== undefined
      ? 'preferenceVector'
      : 'preferenceRanking';
  return array(dm, field, at, conflictLimits.stateNumber, 'states (useManualPreferenceRanking is true)').map(
    (entry, i) => {
      const where = `${at}.${field}[${i}]`;
      const states = Array.isArray(entry) ? entry : [entry];
      if (states.length === 0) throw new ConflictInputError(where, 'an empty tie; expected state numbers');
      return states.map((state) => {
        if (typeof state !== 'number' || !Number.isInteger(state) || state < 1) {
          throw new ConflictInputError(
            where,
            `${JSON.stringify(state)} is not a state number (a whole number from 1)`,
          );
        }
        return state;
      });
    },
  );
}

/** A sentence for each declared coalition (an entry of `coalitions` with more than one DM). */
function declaredCoalitions(root: Json, dmNames: readonly string[]): string[] {
  if (root.coalitions === undefined) return [];
  return array(root, 'coalitions', '', dmNames.length, 'coalitions', 0).flatMap((entry, i) => {
    const members = (Array.isArray(entry) ? entry : [entry]).map((d, j) => {
      const where = Array.isArray(entry) ? `coalitions[${i}][${j}]` : `coalitions[${i}]`;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d >= dmNames.length) {
        throw new ConflictInputError(
          where,
          `${JSON.stringify(d)} is not a decision maker index; expected 0 to ${dmNames.length - 1}`,
        );
      }
      return dmNames[d]!;
    });
    return members.length < 2
      ? []
      : [
          `Declared coalition of ${members.join(', ')} (GMCR+ coalitions): read but not analysed; this analysis lets opponents sanction together by the coalition rule chosen, and does not merge declared coalitions into one decision maker.`,
        ];
  });
}

/** A GMCR+ condition or compound condition as a statement in our syntax. */
function conditionText(value: unknown, at: string, optionCount: number, ids: readonly string[]): string {
  const conjunction = (pairs: unknown, where: string): string[] => {
    if (!Array.isArray(pairs) || pairs.length === 0) {
      throw new ConflictInputError(
        where,
        'expected a condition: a non-empty list of [optionIndex, "Y" or "N"]',
      );
    }
    return pairs.map((pair, k) => {
      const place = `${where}[${k}]`;
      if (!Array.isArray(pair) || pair.length !== 2 || (pair[1] !== 'Y' && pair[1] !== 'N')) {
        throw new ConflictInputError(place, `${JSON.stringify(pair)}: expected [optionIndex, "Y" or "N"]`);
      }
      const id = ids[optionIndex(pair[0], `${place}[0]`, optionCount)]!;
      return pair[1] === 'Y' ? id : `-${id}`;
    });
  };
  if (Array.isArray(value)) return conjunction(value, at).join(' & ');
  const compound = object(
    value,
    at,
    'expected a condition (a list of [optionIndex, "Y" or "N"]) or {"compound": true, "members": [...]}',
  );
  const members = array(compound, 'members', at, 1000, 'conditions').map((member, m) =>
    conjunction(member, `${at}.members[${m}]`),
  );
  if (members.length === 1) return members[0]!.join(' & ');
  return members
    .map((literals) => (literals.length === 1 ? literals[0] : `(${literals.join(' & ')})`))
    .join(' | ');
}

function direction(option: Json, at: string): OptionReversibility {
  const value = option.permittedDirection;
  const found = optionReversibilities.find((r) => r === value);
  if (found === undefined) {
    throw new ConflictInputError(
      `${at}.permittedDirection`,
      `${JSON.stringify(value) ?? 'missing'}: expected one of ${optionReversibilities.join(', ')}`,
    );
  }
  return found;
}

function optionIndex(value: unknown, at: string, optionCount: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= optionCount) {
    throw new ConflictInputError(
      at,
      `${JSON.stringify(value)} is not an option index; expected 0 to ${optionCount - 1} (the file has ${optionCount} options)`,
    );
  }
  return value;
}

/** Ids made from names: lower case, words joined by `-`, starting with a letter; a repeat gets `-2`, `-3`. */
function uniqueIds(names: readonly string[], prefix: string): string[] {
  const seen = new Set<string>();
  return names.map((text) => {
    const base = slug(text, prefix);
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return id;
  });
}

function slug(text: string, prefix: string): string {
  const words = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (words === '') return prefix;
  return /^[a-z]/.test(words) && words !== 'if' && words !== 'iff' ? words : `${prefix}-${words}`;
}

function name(entry: Json, at: string): string {
  const value = entry.name;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConflictInputError(`${at}.name`, 'expected a non-empty string');
  }
  if (value.length > conflictLimits.nameLength) {
    throw new ConflictInputError(
      `${at}.name`,
      `${value.length} characters; expected at most ${conflictLimits.nameLength}`,
    );
  }
  return value;
}

function array(entry: Json, field: string, at: string, max: number, what: string, min = 0): unknown[] {
  const where = at === '' ? field : `${at}.${field}`;
  const value = entry[field];
  if (!Array.isArray(value)) {
    throw new ConflictInputError(
      where,
      value === undefined ? `missing: expected a list of ${what}` : `expected a list of ${what}`,
    );
  }
  if (value.length > max)
    throw new ConflictInputError(where, `${value.length} ${what} is too many; expected at most ${max}`);
  if (value.length < min) throw new ConflictInputError(where, `expected at least ${min} of ${what}`);
  return value;
}

function object(value: unknown, at: string, expected = 'expected an object'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConflictInputError(at, expected);
  // A non-null, non-array object: its fields are read one by one by the callers.
  return value as Json;
}

/**
 * Writes a model as a GMCR+ save file, as gmcr-py 0.4.1 writes one: options in GMCR+'s numbering order, each
 * DM's options as indices, statements and infeasible conditions turned into GMCR+ conditions (a statement that
 * needs more than one conjunction becomes a compound condition; an infeasible one becomes one condition per
 * conjunction), each DM's `payoffs` per state as GMCR+ computes them, no misperceptions, and every DM its own
 * coalition. When any DM's preference is a ranking or payoffs, `useManualPreferenceRanking` is true and every DM
 * gets its `preferenceRanking`. What GMCR+ has no place for is not written: ids, sources, references, the status
 * quo, `notAnalysed`. Statements that hold in every state or in none change no ranking and are left out. Throws a
 * `ConflictInputError` when the model does not compile.
 */
export function writeGmcrFile(model: ConflictModel): string {
  const compiled = compileConflict(model);
  const indexOf = new Map(compiled.options.map((option) => [option.id, option.bit]));
  const manual = compiled.decisionMakers.some((dm) => model.preferences[dm.id]?.kind !== 'statements');
  const stateCount = compiled.states.length;
  const decisionMakers = compiled.decisionMakers.map((dm, d) => {
    const preference = model.preferences[dm.id];
    const ranking = rankingOf(compiled, d);
    // GMCR+'s payoffs: with a manual ranking, the state count less the tie's place; else the dense rank from 1.
    const payoffs = Array.from(compiled.ranks[d]!, (rank) => rank + 1);
    if (manual) {
      ranking.forEach((tie, g) => {
        for (const state of tie) payoffs[state - 1] = stateCount - g;
      });
    }
    return {
      name: dm.name,
      options: [...dm.optionBits],
      preferences:
        preference?.kind === 'statements'
          ? preference.statements.flatMap((statement, j) => {
              const dnf = gmcrConditions(statement.text, `preferences.${dm.id}.statements[${j}]`, indexOf);
              if (dnf.length === 0 || dnf.some((conjunction) => conjunction.length === 0)) return [];
              return [dnf.length === 1 ? dnf[0]! : ({ compound: true, members: dnf } satisfies GmcrCompound)];
            })
          : [],
      payoffs,
      misperceptions: [],
      ...(manual ? { preferenceRanking: ranking.map((tie) => (tie.length === 1 ? tie[0]! : tie)) } : {}),
    };
  });
  return `${JSON.stringify({
    decisionMakers,
    coalitions: decisionMakers.map((_, d) => d),
    coalitionsFull: decisionMakers,
    options: compiled.options.map((option) => ({
      name: option.name,
      permittedDirection: option.reversibility,
    })),
    infeasibles: model.infeasible.flatMap((condition, i) =>
      gmcrConditions(condition.text, `infeasible[${i}]`, indexOf),
    ),
    useManualPreferenceRanking: manual,
    program: 'lockstep',
    version: gmcrFormatVersion,
  })}\n`;
}

/**
 * A statement as GMCR+ conditions that together hold exactly where it holds (a disjunction of conjunctions over
 * the options it names, merged where two differ in one option): none when it never holds, one empty conjunction
 * when it always does.
 */
function gmcrConditions(text: string, at: string, indexOf: ReadonlyMap<string, number>): GmcrCondition[] {
  const condition = parseCondition(text, at);
  const named = conditionOptions(condition).map((option) => option.id);
  if (named.length > maxOptionsPerCondition) {
    throw new ConflictInputError(
      at,
      `names ${named.length} options; a statement written to a .gmcr file may name at most ${maxOptionsPerCondition} (it is written from its truth table)`,
    );
  }
  const test = conditionTest(condition, new Map(named.map((id, k) => [id, k])), at, text);
  // Patterns over the named options: 'Y', 'N', or '-' where either holds.
  let patterns: string[] = [];
  for (let mask = 0; mask < 2 ** named.length; mask++) {
    if (test(mask)) patterns.push(named.map((_, k) => ((mask & (2 ** k)) !== 0 ? 'Y' : 'N')).join(''));
  }
  for (let merged = true; merged; ) {
    merged = false;
    const next = new Set<string>();
    const used = new Set<string>();
    for (let a = 0; a < patterns.length; a++) {
      for (let b = a + 1; b < patterns.length; b++) {
        const [p, q] = [patterns[a]!, patterns[b]!];
        const differ = [...p].flatMap((c, k) => (c === q[k] ? [] : [k]));
        if (differ.length === 1 && p[differ[0]!] !== '-' && q[differ[0]!] !== '-') {
          const k = differ[0]!;
          next.add(`${p.slice(0, k)}-${p.slice(k + 1)}`);
          used.add(p).add(q);
          merged = true;
        }
      }
    }
    for (const p of patterns) if (!used.has(p)) next.add(p);
    patterns = [...next];
  }
  const covered = coverOf(patterns);
  return covered.map((pattern) =>
    [...pattern].flatMap(
      (c, k): GmcrCondition => (c === '-' ? [] : [[indexOf.get(named[k]!)!, c === 'Y' ? 'Y' : 'N']]),
    ),
  );
}

/** The most options one statement may name when it is written as GMCR+ conditions. */
const maxOptionsPerCondition = 12;

/** A small subset of `implicants` that still covers every state any of them covers (greedy). */
function coverOf(implicants: readonly string[]): string[] {
  const states = (pattern: string): string[] =>
    [...pattern].reduce<string[]>(
      (partial, c) => partial.flatMap((p) => (c === '-' ? [`${p}Y`, `${p}N`] : [p + c])),
      [''],
    );
  const left = new Set(implicants.flatMap(states));
  const chosen: string[] = [];
  while (left.size > 0) {
    const best = implicants
      .map((pattern) => ({ pattern, gain: states(pattern).filter((s) => left.has(s)).length }))
      .reduce((a, b) => (b.gain > a.gain ? b : a));
    chosen.push(best.pattern);
    for (const s of states(best.pattern)) left.delete(s);
  }
  return chosen;
}
