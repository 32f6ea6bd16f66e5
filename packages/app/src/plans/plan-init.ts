import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultPositions,
  type PlanInitInput,
  planDefaults,
  ReliefEconomicsJson,
  StatedRedLinesJson,
  scenarioLimits,
} from '@lockstep/contract';
import {
  groupRelief,
  type LiftedDesignation,
  type RedLine,
  type ReliefEconomics,
  SequencingInputError,
  type SequencingScenario,
  scenarioFromData,
  validateScenario,
} from '@lockstep/core';
import { DatasetRepository, NuclearRepository } from '@lockstep/store';
import { InputError } from '../input-error.ts';
import { steps } from '../nuclear/nuclear-analysis.ts';
import type { OperationContext } from '../operation.ts';
import { classify } from '../sanctions/sanctions-analysis.ts';
import { shippedDataDir } from '../shipped-data.ts';

/** The stated red lines `plan init` adds (see data/sequencing/README.md). */
export const statedRedLinesFile = join(shippedDataDir, 'sequencing', 'stated-red-lines-2021.json');

/** The sourced economics `plan init --relief-basis economics` values US relief on (see data/sequencing/README.md). */
export const reliefEconomicsFile = join(shippedDataDir, 'sequencing', 'relief-economics-2021.json');

/** The scenario JSON a file starts with: its schema, for editors, then the scenario. */
export type ScenarioFile = SequencingScenario & { readonly $schema: string };

/**
 * `plan.init`: a sequencing scenario built from the stored data (see `scenarioFromData`): Iran's steps back
 * on the IAEA figures of `nuclearAsOf`, the relief the `defaultPositions.planRelief` position lifts on
 * `snapshot` (default `planDefaults.reliefSnapshot`, the April 2021 SDN list), grouped, and the two sides' stated red lines. The result is checked like any scenario file
 * before it is returned.
 */
/** The nuclear datasets the steps back are computed from (nuclear.steps). */
const stepsRead = ['jcpoa-limits', 'iaea-enriched-uranium-stockpile', 'iaea-centrifuges'];

export async function initPlan(context: OperationContext, input: PlanInitInput): Promise<ScenarioFile> {
  const series = await new NuclearRepository(context.db).latest();
  const nuclear = steps(series, input.nuclearAsOf === undefined ? {} : { asOf: input.nuclearAsOf });
  const classified = await classify(context, {
    position: defaultPositions.planRelief,
    snapshot: input.snapshot ?? planDefaults.reliefSnapshot,
    limit: 100000,
  });
  const lifted: LiftedDesignation[] = classified.entities.flatMap((entity) =>
    entity.classifications
      .filter((c) => c.category === 'lift')
      .map((c) => ({
        program: c.program,
        rule: c.rule,
        reason: c.reason,
        partyType: entity.type,
        entryNumber: entity.entryNumber,
        name: entity.name,
      })),
  );
  const datasets = await new DatasetRepository(context.db).listLatest({});
  // The datasets the steps and the designations were read from: a scenario cites what it rests on, no more.
  const used = datasets.filter((d) => stepsRead.includes(d.name) || d.name === classified.snapshot.dataset);
  const basis = input.reliefBasis ?? 'designations';
  const economics = basis === 'economics' ? readReliefEconomics() : undefined;
  const scenario = scenarioFromData({
    reliefBasis: basis,
    ...(economics ? { economics } : {}),
    title:
      input.title ??
      `Return to compliance: Iran's steps on the IAEA figures of ${nuclear.asOf}, US relief on ${classified.snapshot.dataset}`,
    nuclearAsOf: nuclear.asOf,
    breakoutNow: nuclear.breakoutNow,
    breakoutFullSet: nuclear.breakoutFullSet,
    steps: nuclear.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      action: s.action,
      restores: s.restores,
      marginalInFullSet: s.marginalInFullSet,
      gainAlone: s.gainAlone,
      sources: s.sources.map((r) => ({ dataset: r.dataset, file: r.file, line: r.line })),
    })),
    snapshot: classified.snapshot.dataset,
    position: classified.position.id,
    relief: groupRelief(lifted),
    redLines: readStatedRedLines(),
    phaseCount: input.phaseCount ?? planDefaults.phaseCount,
    datasets: [
      ...used.map((d) => `${d.name} (${d.date}, sha256 ${d.sha256.slice(0, 12)}): ${d.source}`),
      `${classified.position.id}: ${classified.position.name}`,
      'data/sequencing/stated-red-lines-2021.json: the stated red lines, each with its report',
      ...(economics
        ? [
            `${economics.file}: the sourced figures US relief is valued on, each with its publisher, date and URL`,
          ]
        : []),
    ],
  });
  try {
    validateScenario(JSON.parse(JSON.stringify(scenario)), scenarioLimits);
  } catch (error) {
    if (error instanceof SequencingInputError && error.path.startsWith('redLines')) {
      throw new InputError(`${statedRedLinesFile}: ${error.message}`, 'redLines');
    }
    throw error;
  }
  return { $schema: '../packages/formats/src/scenario/scenario.schema.json', ...scenario };
}

/** A zod issue's path as errors write it: `redLines[1].share`. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * Reads the stated red lines file, validated with `StatedRedLinesJson` (its JSON Schema is published beside
 * it): a problem is an `InputError` naming the file, the field path and what is accepted.
 */
export function readStatedRedLines(file = statedRedLinesFile): RedLine[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${file}: cannot read the stated red lines (${error instanceof Error ? error.message : String(error)})`,
      'redLines',
    );
  }
  const parsed = StatedRedLinesJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new InputError(`${file}, ${issuePath(path) || '(root)'}: ${issue.message}`, 'redLines');
  }
  // The fields each kind needs are checked with the whole scenario by validateScenario in initPlan.
  return parsed.data.redLines as RedLine[];
}

/**
 * Reads the sourced economics file, validated with `ReliefEconomicsJson` (its JSON Schema is published beside
 * it): a problem is an `InputError` naming the file, the field path and what is accepted.
 */
export function readReliefEconomics(file = reliefEconomicsFile): ReliefEconomics {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${file}: cannot read the relief economics (${error instanceof Error ? error.message : String(error)})`,
      'reliefBasis',
    );
  }
  const parsed = ReliefEconomicsJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new InputError(`${file}, ${issuePath(path) || '(root)'}: ${issue.message}`, 'reliefBasis');
  }
  const data = parsed.data;
  const ids = new Set(data.figures.map((f) => f.id));
  for (const b of data.benefits) {
    for (const [role, id] of Object.entries(b.figures)) {
      if (!ids.has(id)) {
        throw new InputError(
          `${file}, benefits ${b.id}: figure ${role} names ${id}, which is not in figures`,
          'reliefBasis',
        );
      }
    }
  }
  return {
    file: 'data/sequencing/relief-economics-2021.json',
    figures: data.figures,
    benefits: data.benefits,
    unsourcedShare: data.unsourced.share,
    unsourcedNote: data.unsourced.note,
  };
}
