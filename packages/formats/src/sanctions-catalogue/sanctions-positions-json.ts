import {
  type DesignationSelector,
  jcpoaRelations,
  type PositionRule,
  type ProgramCatalogue,
  type RuleConditions,
  type SanctionsPosition,
  sanctionsBases,
  sanctionsCategories,
} from '@lockstep/core';
import { JsonFields, type JsonObject } from './json-fields.ts';

const conditionKeys = [
  'programs',
  'bases',
  'jcpoa',
  'imposedOnOrAfter',
  'imposedBefore',
  'priorDesignation',
  'coDesignation',
  'returnedAfterImplementationDay',
];
const rulePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Reads the positions file (`data/sanctions/positions.json`): named positions, each with rules in order
 * (the first that matches decides). Every problem names the file and the field path, e.g.
 * `positions[0].rules[3].when.bases[1]`, and says what is accepted. Refused: a rule with both or neither
 * of `category` and `follow`, a misspelt condition, a rule id given twice, a position whose last rule has
 * conditions (some designations would be left undecided), and, given the catalogue, a tag it does not
 * know.
 */
export function readSanctionsPositions(
  text: string,
  file: string,
  catalogue?: ProgramCatalogue,
): SanctionsPosition[] {
  const fields = new JsonFields(file);
  const root = fields.object(fields.parse(text), '(root)');
  const ids = new Set<string>();
  return fields.array(root.positions, 'positions').map((item, index): SanctionsPosition => {
    const at = `positions[${index}]`;
    const entry = fields.object(item, at);
    fields.onlyKeys(entry, at, ['id', 'name', 'holder', 'date', 'description', 'sources', 'scope', 'rules']);
    const id = fields.string(entry, 'id', at);
    if (!rulePattern.test(id)) fields.fail(`${at}.id`, `"${id}" is not a kebab-case id such as us-2021`);
    if (ids.has(id)) fields.fail(`${at}.id`, `"${id}" is given twice`);
    ids.add(id);
    const ruleIds = new Set<string>();
    const ruleList = fields.array(entry.rules, `${at}.rules`);
    if (ruleList.length === 0) fields.fail(`${at}.rules`, 'expected at least one rule');
    const rules = ruleList.map((value, i) =>
      readRule(fields, value, `${at}.rules[${i}]`, ruleIds, catalogue),
    );
    const last = rules.at(-1)!;
    if (Object.keys(last.when).length > 0 || last.follow) {
      fields.fail(
        `${at}.rules[${rules.length - 1}]`,
        'the last rule must have no conditions and a category, so that every designation is decided',
      );
    }
    return {
      id,
      name: fields.string(entry, 'name', at),
      holder: fields.string(entry, 'holder', at),
      date: fields.date(entry, 'date', at),
      description: fields.string(entry, 'description', at),
      sources: fields.strings(entry, 'sources', at),
      scope: fields.oneOf(entry, 'scope', at, ['iran-related', 'all'] as const),
      rules,
    };
  });
}

function readRule(
  fields: JsonFields,
  value: unknown,
  at: string,
  ruleIds: Set<string>,
  catalogue: ProgramCatalogue | undefined,
): PositionRule {
  const entry = fields.object(value, at);
  fields.onlyKeys(entry, at, ['id', 'reason', 'when', 'category', 'follow', 'whenUndetermined']);
  const id = fields.string(entry, 'id', at);
  if (!rulePattern.test(id)) fields.fail(`${at}.id`, `"${id}" is not a kebab-case id such as non-nuclear`);
  if (ruleIds.has(id)) fields.fail(`${at}.id`, `"${id}" is given twice in this position`);
  ruleIds.add(id);
  const hasCategory = entry.category !== undefined;
  const hasFollow = entry.follow !== undefined;
  if (hasCategory === hasFollow) {
    fields.fail(at, 'expected exactly one of category (lift, keep, difficult) and follow (selectors)');
  }
  const whenUndetermined =
    entry.whenUndetermined === undefined
      ? undefined
      : fields.oneOf(entry, 'whenUndetermined', at, ['match', 'skip'] as const);
  return {
    id,
    reason: fields.string(entry, 'reason', at),
    when: readConditions(fields, fields.object(entry.when, `${at}.when`), `${at}.when`, catalogue),
    ...(hasCategory && { category: fields.oneOf(entry, 'category', at, sanctionsCategories) }),
    ...(hasFollow && { follow: readSelectors(fields, entry, 'follow', at, catalogue) }),
    ...(whenUndetermined && { whenUndetermined }),
  };
}

function readConditions(
  fields: JsonFields,
  when: JsonObject,
  at: string,
  catalogue: ProgramCatalogue | undefined,
): RuleConditions {
  fields.onlyKeys(when, at, conditionKeys);
  const selector = readSelector(fields, when, at, catalogue);
  const imposedOnOrAfter = fields.optionalDate(when, 'imposedOnOrAfter', at);
  const imposedBefore = fields.optionalDate(when, 'imposedBefore', at);
  const returned = fields.optionalBoolean(when, 'returnedAfterImplementationDay', at);
  return {
    ...selector,
    ...(imposedOnOrAfter && { imposedOnOrAfter }),
    ...(imposedBefore && { imposedBefore }),
    ...(when.priorDesignation !== undefined && {
      priorDesignation: readSelectors(fields, when, 'priorDesignation', at, catalogue),
    }),
    ...(when.coDesignation !== undefined && {
      coDesignation: readSelectors(fields, when, 'coDesignation', at, catalogue),
    }),
    ...(returned !== undefined && { returnedAfterImplementationDay: returned }),
  };
}

function readSelectors(
  fields: JsonFields,
  entry: JsonObject,
  key: string,
  at: string,
  catalogue: ProgramCatalogue | undefined,
): DesignationSelector[] {
  const list = fields.array(entry[key], `${at}.${key}`);
  if (list.length === 0) fields.fail(`${at}.${key}`, 'expected at least one selector');
  return list.map((value, i) => {
    const where = `${at}.${key}[${i}]`;
    const selector = fields.object(value, where);
    fields.onlyKeys(selector, where, ['programs', 'bases', 'jcpoa']);
    if (Object.keys(selector).length === 0)
      fields.fail(where, 'expected at least one of programs, bases, jcpoa');
    return readSelector(fields, selector, where, catalogue);
  });
}

function readSelector(
  fields: JsonFields,
  entry: JsonObject,
  at: string,
  catalogue: ProgramCatalogue | undefined,
): DesignationSelector {
  const programs = entry.programs === undefined ? undefined : fields.strings(entry, 'programs', at);
  programs?.forEach((tag, i) => {
    if (catalogue && !catalogue.programs.has(tag)) {
      fields.fail(`${at}.programs[${i}]`, `"${tag}" is not a tag of the program catalogue`);
    }
  });
  return {
    ...(programs && { programs }),
    ...(entry.bases !== undefined && { bases: fields.strings(entry, 'bases', at, sanctionsBases) }),
    ...(entry.jcpoa !== undefined && { jcpoa: fields.strings(entry, 'jcpoa', at, jcpoaRelations) }),
  };
}
