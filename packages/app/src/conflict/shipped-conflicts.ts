import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConflictFileJson, ShippedConflict, ShippedConflictSummary } from '@lockstep/contract';
import { ConflictInputError, compileConflict } from '@lockstep/core';
import { FormatError, parseConflictJson } from '@lockstep/formats';
import type { ConflictRead } from './conflict-input.ts';

/** The conflict models shipped with Lockstep (`conflicts/` at the repository root). */
export const shippedConflictsDir = new URL('../../../../conflicts/', import.meta.url).pathname;

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A shipped model read and checked, or why it could not be. */
interface ShippedRead {
  readonly summary: ShippedConflictSummary;
  readonly json?: ConflictFileJson;
  readonly read?: ConflictRead;
}

function readShipped(dir: string, id: string): ShippedRead | undefined {
  const file = `conflicts/${id}.json`;
  let text: string;
  try {
    text = readFileSync(join(dir, `${id}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const empty = { id, file, title: id, decisionMakers: [], options: 0 };
  let model: ReturnType<typeof parseConflictJson>;
  try {
    model = parseConflictJson(text, file);
  } catch (error) {
    if (error instanceof FormatError) return { summary: { ...empty, problem: error.message } };
    throw error;
  }
  const summary = {
    id,
    file,
    title: model.title,
    ...(model.description !== undefined && { description: model.description }),
    decisionMakers: model.decisionMakers.map((dm) => ({ id: dm.id, name: dm.name })),
    options: model.options.length,
  };
  try {
    const states = compileConflict(model).states.length;
    // The file parsed as a conflict, so its JSON is the format's shape that ConflictFileJson describes.
    const json = JSON.parse(text) as ConflictFileJson;
    return {
      summary: { ...summary, states },
      json,
      read: {
        model,
        at: (path) => ({ field: 'id', message: (problem) => `${file}: ${path}: ${problem}` }),
      },
    };
  } catch (error) {
    if (error instanceof ConflictInputError)
      return { summary: { ...summary, problem: `${file}: ${error.message}` } };
    throw error;
  }
}

/** Every shipped model, summarised (ids in name order); a file that is not a valid model says why. */
export function listShippedConflicts(dir = shippedConflictsDir): ShippedConflictSummary[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => idPattern.test(id))
    .sort()
    .flatMap((id) => {
      const shipped = readShipped(dir, id);
      return shipped ? [shipped.summary] : [];
    });
}

/**
 * The shipped model with this id, as written and as read; `undefined` when there is none. A shipped file that is
 * not a valid model is a fault of the installation, not of the request: an Error naming the file.
 */
export function readShippedConflict(
  id: string,
  dir = shippedConflictsDir,
): { shipped: ShippedConflict; read: ConflictRead } | undefined {
  if (!idPattern.test(id)) return undefined;
  const found = readShipped(dir, id);
  if (!found) return undefined;
  if (!found.json || !found.read) {
    throw new Error(`the shipped conflict ${found.summary.file} is not valid: ${found.summary.problem}`);
  }
  return { shipped: { summary: found.summary, model: found.json }, read: found.read };
}
