import {
  entityAnswer,
  readEntityPack,
  SearchTimeoutError,
  searchIndexed,
  searchTimeBudgetMs,
} from '@lockstep/app/entity-pack';
import type { EntitySearchQuery } from '@lockstep/contract';
import { dataDirOf, readStoreVersion } from '../bin/answer-cache.js';
import { printEntityResult } from './commands/sanctions-entity-output.ts';
import { entityPackDir } from './entity-pack-place.ts';
import { formatJson } from './output.ts';

/** The flags a one-shot answer takes, and whether each takes a value. */
const flagsTaken: Readonly<Record<string, boolean>> = {
  '--data-dir': true,
  '--json': false,
  '--limit': true,
  '--min-score': true,
  '--type': true,
  '--program': true,
  '--snapshot': true,
};
const types = new Set(['individual', 'entity', 'vessel', 'aircraft']);
const controlCharacter = /\p{Cc}/u;

/**
 * The query of a `lockstep sanctions entity` command line, if it is one this shortcut answers exactly as the
 * command would: known flags given once, values plainly within what the command accepts. Anything else (help,
 * a doubtful value, a value the command would refuse) is left to the command, which says what is wrong.
 */
export function plainEntityQuery(
  argv: readonly string[],
): { query: EntitySearchQuery; json: boolean } | undefined {
  const words: string[] = [];
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      words.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const takesValue = flagsTaken[flag];
    if (takesValue === undefined || values.has(flag)) return undefined;
    if (!takesValue) {
      if (equals > 0) return undefined;
      values.set(flag, true);
      continue;
    }
    const value = equals > 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    values.set(flag, value);
  }
  if (words[0] !== 'sanctions' || words[1] !== 'entity' || words.length < 3) return undefined;
  const q = words.slice(2).join(' ').trim();
  if (q.length === 0 || q.length > 200 || controlCharacter.test(q)) return undefined;
  const text = (flag: string) => {
    const value = values.get(flag);
    return typeof value === 'string' ? value : undefined;
  };
  const query: { -readonly [K in keyof EntitySearchQuery]: EntitySearchQuery[K] } = { q };
  const limit = text('--limit');
  if (limit !== undefined) {
    if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 200) return undefined;
    query.limit = Number(limit);
  }
  const minScore = text('--min-score');
  if (minScore !== undefined) {
    if (!/^(0|1)?(\.\d{1,6})?$/.test(minScore) || minScore === '' || Number(minScore) > 1) return undefined;
    query.minScore = Number(minScore);
  }
  const type = text('--type');
  if (type !== undefined) {
    if (!types.has(type)) return undefined;
    query.type = type as EntitySearchQuery['type']; // one of the four, checked on the line above
  }
  const program = text('--program');
  if (program !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(program)) return undefined;
    query.program = program;
  }
  const snapshot = text('--snapshot');
  if (snapshot !== undefined) query.snapshot = snapshot;
  return { query, json: values.has('--json') };
}

/**
 * Answers a one-shot `lockstep sanctions entity` from the pack kept in the data directory for the store's
 * published version (see entity-pack-place.ts), without opening the store: what the command would print,
 * or undefined when this line is not one the shortcut takes, no pack is kept for the data as it is, or the
 * search runs out of time (the command then runs, and reports it).
 */
export function entityAnswerFromPack(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const plain = plainEntityQuery(argv);
  if (!plain) return undefined;
  const dataDir = dataDirOf(argv, env);
  if (dataDir === undefined) return undefined;
  const version = readStoreVersion(dataDir);
  if (!version) return undefined;
  const pack = readEntityPack(entityPackDir(dataDir, version.version));
  if (!pack) return undefined;
  const { query } = plain;
  if (query.snapshot !== undefined && query.snapshot !== pack.label) return undefined;
  let found: ReturnType<typeof searchIndexed>;
  try {
    found = searchIndexed(pack.snapshot, pack.index, query, searchTimeBudgetMs);
  } catch (error) {
    if (error instanceof SearchTimeoutError) return undefined;
    throw error;
  }
  const details = pack.details(found.matches.map((m) => m.entryNumber));
  if (found.matches.some((m) => !details.has(m.entryNumber))) return undefined;
  const result = entityAnswer(found, details);
  if (plain.json) return formatJson(result);
  const out: string[] = [];
  printEntityResult((text) => out.push(text), result);
  return out.join('');
}
