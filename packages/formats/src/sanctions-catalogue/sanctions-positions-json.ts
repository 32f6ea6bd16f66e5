import {
  type DesignationSelector,
  isoDate,
  jcpoaRelations,
  type PositionRule,
  type ProgramCatalogue,
  type RuleConditions,
  type SanctionsCategoryLabel,
  type SanctionsPosition,
  sanctionsBases,
  sanctionsCategories,
} from '@lockstep/core';
import { z } from 'zod';
import { FormatError } from '../format-error.ts';
import {
  dateText,
  fieldPath,
  fields,
  kebabId,
  nonEmptyList,
  nonEmptyText,
  oneOf,
  parseJsonDataFile,
  yesOrNo,
} from '../json/json-data-file.ts';

const selectorShape = {
  programs: nonEmptyList(nonEmptyText(), 'program tag').optional(),
  bases: nonEmptyList(oneOf(sanctionsBases), 'basis').optional(),
  jcpoa: nonEmptyList(oneOf(jcpoaRelations), 'JCPOA relation').optional(),
};

/** Picks designations by program tag, basis or JCPOA relation: every field given must hold. */
const SelectorJson = fields(selectorShape)
  .refine((selector) => Object.keys(selector).length > 0, 'expected at least one of programs, bases, jcpoa')
  .meta({ minProperties: 1 });

/** What a rule looks at; every condition given must hold, and a rule with none matches everything. */
const ConditionsJson = fields({
  ...selectorShape,
  imposedOnOrAfter: dateText().optional(),
  imposedBefore: dateText().optional(),
  priorDesignation: nonEmptyList(SelectorJson, 'selector').optional(),
  coDesignation: nonEmptyList(SelectorJson, 'selector').optional(),
  returnedAfterImplementationDay: yesOrNo().optional(),
});

const exactlyOne = 'expected exactly one of category (lift, keep, difficult) and follow (selectors)';

/** A rule: when its conditions hold it decides the category, or follows the party's other designations. */
const RuleJson = fields({
  id: kebabId('non-nuclear'),
  reason: nonEmptyText(),
  when: ConditionsJson,
  category: oneOf(sanctionsCategories).optional(),
  follow: nonEmptyList(SelectorJson, 'selector').optional(),
  whenUndetermined: oneOf(['match', 'skip']).optional(),
})
  .refine((rule) => (rule.category === undefined) !== (rule.follow === undefined), exactlyOne)
  .meta({ oneOf: [{ required: ['category'] }, { required: ['follow'] }] });

/** A named position: rules in order, the first that matches decides; the last has no conditions. */
const PositionJson = fields({
  id: kebabId('us-2021'),
  label: nonEmptyText().describe('A short name for tables and charts, e.g. "United States 2021"'),
  name: nonEmptyText(),
  holder: nonEmptyText().describe('Whose position it is'),
  date: dateText().describe('When it was stated'),
  description: nonEmptyText(),
  sources: nonEmptyList(nonEmptyText(), 'source'),
  scope: oneOf(['iran-related', 'all']),
  rules: nonEmptyList(RuleJson, 'rule'),
}).superRefine((position, context) => {
  const seen = new Set<string>();
  position.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      context.addIssue({
        code: 'custom',
        path: ['rules', index, 'id'],
        message: `"${rule.id}" is given twice in this position`,
      });
    }
    seen.add(rule.id);
  });
  const last = position.rules.at(-1)!;
  if (Object.keys(last.when).length > 0 || last.follow) {
    context.addIssue({
      code: 'custom',
      path: ['rules', position.rules.length - 1],
      message: 'the last rule must have no conditions and a category, so that every designation is decided',
    });
  }
});

/** What each category means, for tables and charts. */
const CategoryJson = fields({
  id: oneOf(sanctionsCategories),
  label: nonEmptyText().describe('What the category means, e.g. "lifted under this position"'),
});

/**
 * The positions file (`data/sanctions/positions.json`) as zod reads it. Parsing with it is the validation;
 * `positions.schema.json` beside the file is generated from it. Beyond what JSON Schema states: ids are
 * unique, every category is labelled once, and a position's last rule has no conditions.
 */
export const SanctionsPositionsJson = fields({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
  description: nonEmptyText().optional(),
  categories: nonEmptyList(CategoryJson, 'category label').describe(
    `The label of each category a rule may assign (${sanctionsCategories.join(', ')}), once each, in the order shown`,
  ),
  positions: nonEmptyList(PositionJson, 'position'),
})
  .superRefine((file, context) => {
    const ids = new Set<string>();
    file.positions.forEach((position, index) => {
      if (ids.has(position.id)) {
        context.addIssue({
          code: 'custom',
          path: ['positions', index, 'id'],
          message: `"${position.id}" is given twice`,
        });
      }
      ids.add(position.id);
    });
    const labelled = new Set<string>();
    file.categories.forEach((category, index) => {
      if (labelled.has(category.id)) {
        context.addIssue({
          code: 'custom',
          path: ['categories', index, 'id'],
          message: `"${category.id}" is labelled twice`,
        });
      }
      labelled.add(category.id);
    });
    const missing = sanctionsCategories.filter((category) => !labelled.has(category));
    if (missing.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `expected a label for every category: ${missing.join(', ')} has none`,
      });
    }
  })
  .meta({
    title: 'Lockstep sanctions positions',
    description:
      'Named positions on which sanctions designations are lifted, kept or difficult (data/sanctions/positions.json). ' +
      'Generated from the zod schema in packages/formats/src/sanctions-catalogue/sanctions-positions-json.ts by ' +
      'scripts/generate-json-schemas.ts; Lockstep also refuses ids given twice, a category without a label and a ' +
      'position whose last rule has conditions.',
  });

/** The positions file as read: the category labels, and the positions. */
export interface SanctionsPositionsFile {
  readonly categories: readonly SanctionsCategoryLabel[];
  readonly positions: readonly SanctionsPosition[];
}

type SelectorInput = z.output<typeof SelectorJson>;

function selector(input: SelectorInput): DesignationSelector {
  return {
    ...(input.programs && { programs: input.programs }),
    ...(input.bases && { bases: input.bases }),
    ...(input.jcpoa && { jcpoa: input.jcpoa }),
  };
}

function conditions(when: z.output<typeof ConditionsJson>): RuleConditions {
  return {
    ...selector(when),
    ...(when.imposedOnOrAfter && { imposedOnOrAfter: isoDate(when.imposedOnOrAfter) }),
    ...(when.imposedBefore && { imposedBefore: isoDate(when.imposedBefore) }),
    ...(when.priorDesignation && { priorDesignation: when.priorDesignation.map(selector) }),
    ...(when.coDesignation && { coDesignation: when.coDesignation.map(selector) }),
    ...(when.returnedAfterImplementationDay !== undefined && {
      returnedAfterImplementationDay: when.returnedAfterImplementationDay,
    }),
  };
}

function rule(input: z.output<typeof RuleJson>): PositionRule {
  return {
    id: input.id,
    reason: input.reason,
    when: conditions(input.when),
    ...(input.category && { category: input.category }),
    ...(input.follow && { follow: input.follow.map(selector) }),
    ...(input.whenUndetermined && { whenUndetermined: input.whenUndetermined }),
  };
}

/** Every program tag a position names, with its field path, for the check against the catalogue. */
function namedTags(position: z.output<typeof PositionJson>, at: string): { tag: string; where: string }[] {
  const tags: { tag: string; where: string }[] = [];
  const add = (programs: readonly string[] | undefined, where: string) => {
    for (const [i, tag] of (programs ?? []).entries()) tags.push({ tag, where: `${where}.programs[${i}]` });
  };
  const addAll = (selectors: readonly { programs?: readonly string[] }[] | undefined, where: string) => {
    for (const [j, s] of (selectors ?? []).entries()) add(s.programs, `${where}[${j}]`);
  };
  position.rules.forEach((r, i) => {
    const where = `${at}.rules[${i}]`;
    add(r.when.programs, `${where}.when`);
    addAll(r.when.priorDesignation, `${where}.when.priorDesignation`);
    addAll(r.when.coDesignation, `${where}.when.coDesignation`);
    addAll(r.follow, `${where}.follow`);
  });
  return tags;
}

/**
 * Reads the positions file (`data/sanctions/positions.json`): the label of each category, and named
 * positions, each with rules in order (the first that matches decides). Every problem names the file and
 * the field path, e.g. `positions[0].rules[3].when.bases[1]`, and says what is accepted. Refused: a rule
 * with both or neither of `category` and `follow`, a misspelt condition, an id given twice, a position
 * whose last rule has conditions (some designations would be left undecided), a category without a label,
 * and, given the catalogue, a tag it does not know.
 */
export function readSanctionsPositionsFile(
  text: string,
  file: string,
  catalogue?: ProgramCatalogue,
): SanctionsPositionsFile {
  const parsed = parseJsonDataFile(text, file, SanctionsPositionsJson);
  if (catalogue) {
    parsed.positions.forEach((position, index) => {
      for (const { tag, where } of namedTags(position, fieldPath(['positions', index]))) {
        if (!catalogue.programs.has(tag)) {
          throw new FormatError(file, where, `"${tag}" is not a tag of the program catalogue`);
        }
      }
    });
  }
  return {
    categories: parsed.categories.map((c) => ({ id: c.id, label: c.label })),
    positions: parsed.positions.map(
      (p): SanctionsPosition => ({
        id: p.id,
        label: p.label,
        name: p.name,
        holder: p.holder,
        date: isoDate(p.date),
        description: p.description,
        sources: p.sources,
        scope: p.scope,
        rules: p.rules.map(rule),
      }),
    ),
  };
}

/** The positions of the positions file (see `readSanctionsPositionsFile`). */
export function readSanctionsPositions(
  text: string,
  file: string,
  catalogue?: ProgramCatalogue,
): SanctionsPosition[] {
  return [...readSanctionsPositionsFile(text, file, catalogue).positions];
}
