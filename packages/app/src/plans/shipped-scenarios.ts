import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ScenarioJson,
  type ShippedScenario,
  type ShippedScenarioSummary,
  scenarioLimits,
} from '@lockstep/contract';
import { SequencingInputError, validateScenario } from '@lockstep/core';

/** The scenarios shipped with Lockstep (`scenarios/` at the repository root). */
export const shippedScenariosDir = new URL('../../../../scenarios/', import.meta.url).pathname;

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function summarise(id: string, json: unknown, parseProblem?: string): ShippedScenarioSummary {
  const raw = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  let problem = parseProblem;
  if (problem === undefined) {
    try {
      validateScenario(json, scenarioLimits);
    } catch (error) {
      if (!(error instanceof SequencingInputError)) throw error;
      problem = error.message;
    }
  }
  const measures = list(raw.measures) as { party?: unknown }[];
  return {
    id,
    file: `scenarios/${id}.json`,
    title: typeof raw.title === 'string' ? raw.title : id,
    ...(typeof raw.description === 'string' && { description: raw.description }),
    valueUnit: typeof raw.valueUnit === 'string' ? raw.valueUnit : '',
    phaseCount: typeof raw.phaseCount === 'number' ? raw.phaseCount : 0,
    parties: (list(raw.parties) as { id?: unknown; name?: unknown }[]).map((p) => ({
      id: String(p?.id ?? ''),
      name: String(p?.name ?? p?.id ?? ''),
      measures: measures.filter((m) => m?.party === p?.id).length,
    })),
    measures: measures.length,
    relations: list(raw.relations).length,
    redLines: list(raw.redLines).length,
    ...(problem !== undefined && { problem }),
  };
}

/** Reads a scenario file's text; a test passes its own to count the reads. */
export type ReadScenarioText = (path: string) => string;

const readText: ReadScenarioText = (path) => readFileSync(path, 'utf8');

function summariseFile(path: string, id: string, read: ReadScenarioText): ShippedScenarioSummary {
  const text = read(path);
  try {
    return summarise(id, JSON.parse(text));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return summarise(id, {}, `not JSON: ${error.message}`);
  }
}

/** A file's summary with the stat it was read at: reused while the file's stat is the same. */
interface Summarised {
  stamp: string;
  summary: ShippedScenarioSummary;
}

/**
 * Lists the scenarios in `dir` (ids in name order) like `listShippedScenarios`, but reads and validates a file only
 * when it is new or its size, modification time or inode changed since the last call; an unchanged file's summary
 * is the one made before. Each call still lists the directory and stats every file, so a scenario written while
 * the server runs (`lockstep plan init --out scenarios/...`) is listed at the next call, and a removed one drops out.
 */
export function shippedScenarioLister(
  dir = shippedScenariosDir,
  read: ReadScenarioText = readText,
): () => ShippedScenarioSummary[] {
  let known = new Map<string, Summarised>();
  return () => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      known = new Map();
      return [];
    }
    const ids = names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => idPattern.test(id))
      .sort();
    const next = new Map<string, Summarised>();
    for (const id of ids) {
      const path = join(dir, `${id}.json`);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue; // removed since the listing
      const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
      const before = known.get(id);
      next.set(id, before?.stamp === stamp ? before : { stamp, summary: summariseFile(path, id, read) });
    }
    known = next;
    return [...next.values()].map((entry) => entry.summary);
  };
}

const listers = new Map<string, () => ShippedScenarioSummary[]>();

/**
 * Every shipped scenario, summarised (ids in name order); a file that is not a valid scenario says why. A file is
 * read and validated again only once it changed (see `shippedScenarioLister`).
 */
export function listShippedScenarios(dir = shippedScenariosDir): ShippedScenarioSummary[] {
  let lister = listers.get(dir);
  if (!lister) {
    lister = shippedScenarioLister(dir);
    listers.set(dir, lister);
  }
  return lister();
}

/**
 * The shipped scenario with this id, as written in its file (optional fields such as `source` kept), with its
 * summary; `undefined` when there is no such scenario.
 */
export function readShippedScenario(id: string, dir = shippedScenariosDir): ShippedScenario | undefined {
  if (!idPattern.test(id)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(
      `the shipped scenario scenarios/${id}.json could not be read: ${(error as Error).message}`,
    );
  }
  const summary = summarise(id, json);
  if (summary.problem !== undefined) {
    throw new Error(`the shipped scenario scenarios/${id}.json is not valid: ${summary.problem}`);
  }
  return { summary, scenario: json as ScenarioJson };
}
