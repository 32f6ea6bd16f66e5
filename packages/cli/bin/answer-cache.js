// The CLI's answer cache: what a command printed, kept so that the same command on the same code and the
// same data prints it again without loading the TypeScript or opening the store. Plain JavaScript, because
// bin/lockstep.js reads it before tsx is registered. See "CLI start-up" in docs/ARCHITECTURE.md.
//
// Two scopes:
// - `code`: answers that depend on the code alone (`--help`, `--version`), in node_modules/.cache/lockstep.
// - `data`: answers of read-only operations on the embedded store, in <data-dir>/answers/<store version>/,
//   keyed by the store version the store publishes while no process has it open (store-version.json,
//   written by packages/store/src/data-dir-lock.ts: keep readStoreVersion here equal to the one there).
//
// A key holds everything an answer depends on: the arguments, the data directory, the store version, the
// fingerprints (path, size, mtime) of the source, the migrations, the installed packages and the shipped
// data, the time zone and local date, and the terminal (width, TTY, colour settings). Anything that changes
// one of them makes a new key, so a stale answer is never found: it is only left behind.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (bin/ is packages/cli/bin). */
export const rootDir = new URL('../../../', import.meta.url).pathname;

const format = 2;
/** Answers larger than this are not kept. */
export const maxAnswerBytes = 4 * 1024 * 1024;
/** At most this many answers per store version (and for the code scope). */
const maxAnswers = 500;

/** Adds `path:size:mtime` of every file under `dir` (recursively, sorted) to `lines`. */
function listFiles(dir, lines) {
  let names;
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    lines.push(`${dir}:missing`);
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, lines);
    else statLine(path, lines);
  }
}

function statLine(path, lines) {
  try {
    const stat = statSync(path);
    lines.push(`${path}:${stat.size}:${stat.mtimeMs}`);
  } catch {
    lines.push(`${path}:missing`);
  }
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

let codeFingerprintMemo;
/** The code as files: every package's source and manifest, the migrations, the installed packages. */
export function codeFingerprint() {
  if (codeFingerprintMemo) return codeFingerprintMemo;
  const lines = [];
  const packages = join(rootDir, 'packages');
  for (const name of readdirSync(packages).sort()) {
    if (name === 'web') continue; // the web app answers no command line
    const dir = join(packages, name);
    statLine(join(dir, 'package.json'), lines);
    listFiles(join(dir, 'src'), lines);
    listFiles(join(dir, 'bin'), lines);
    if (name === 'store') listFiles(join(dir, 'migrations'), lines);
  }
  for (const file of ['package.json', 'package-lock.json', 'node_modules/.package-lock.json']) {
    statLine(join(rootDir, file), lines);
  }
  codeFingerprintMemo = sha256(lines.join('\n'));
  return codeFingerprintMemo;
}

/** The shipped data as files (data/ and scenarios/), which the workbench loads when they change. */
export function shippedDataFingerprint() {
  const lines = [];
  listFiles(join(rootDir, 'data'), lines);
  listFiles(join(rootDir, 'scenarios'), lines);
  return sha256(lines.join('\n'));
}

/**
 * The data directory a command line names, as the workbench resolves it (--data-dir, LOCKSTEP_DATA_DIR,
 * ./.lockstep); undefined when DATABASE_URL selects a server or the line is not plain enough to tell.
 */
export function dataDirOf(argv, env = process.env) {
  if (env.DATABASE_URL) return undefined;
  let named;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') return undefined;
    let value;
    if (arg === '--data-dir') value = argv[i + 1];
    else if (arg.startsWith('--data-dir=')) value = arg.slice('--data-dir='.length);
    else continue;
    if (value === undefined || named !== undefined) return undefined;
    named = value;
  }
  return resolve(named ?? (env.LOCKSTEP_DATA_DIR || '.lockstep'));
}

/** The store version published in `dataDir` if it still matches the database's files (see data-dir-lock.ts). */
export function readStoreVersion(dataDir) {
  let published;
  try {
    published = JSON.parse(readFileSync(join(dataDir, 'store-version.json'), 'utf8'));
  } catch {
    return undefined;
  }
  let now;
  try {
    now = statSync(join(dataDir, 'pgdata', 'global', 'pg_control'));
  } catch {
    return undefined;
  }
  const then = published?.pgControl;
  if (
    typeof published?.version !== 'string' ||
    typeof published?.xid !== 'string' ||
    !then ||
    now.ino !== then.ino ||
    now.size !== then.size ||
    now.mtimeMs !== then.mtimeMs
  ) {
    return undefined;
  }
  return published;
}

function localDate() {
  const now = new Date();
  return `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
}

/** What an answer's text may depend on besides the arguments, code and data. */
function environment(env) {
  return {
    tz: env.TZ ?? '',
    node: process.version,
    outTty: Boolean(process.stdout.isTTY),
    errTty: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns ?? 0,
    noColor: env.NO_COLOR ?? '',
    forceColor: env.FORCE_COLOR ?? '',
  };
}

function codeDir() {
  return join(rootDir, 'node_modules', '.cache', 'lockstep', 'answers');
}

function dataDirFor(dataDir, storeVersion) {
  return join(dataDir, 'answers', sha256(storeVersion.version).slice(0, 32));
}

function keyOf(scope, argv, extra, env) {
  return sha256(
    JSON.stringify({
      format,
      scope,
      argv,
      code: codeFingerprint(),
      ...(scope === 'data' && { data: shippedDataFingerprint(), date: localDate() }),
      ...extra,
      ...environment(env),
    }),
  );
}

function readAnswer(file) {
  try {
    const answer = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof answer.stdout !== 'string' || answer.exitCode !== 0) return undefined;
    return answer;
  } catch {
    return undefined;
  }
}

/**
 * The answer kept for this command line on this code (and, for a data answer, the store's published data
 * version and the shipped data), if there is one: `{ stdout, exitCode }`.
 */
export function findAnswer(argv, env = process.env) {
  const code = readAnswer(join(codeDir(), `${keyOf('code', argv, {}, env)}.json`));
  if (code) return code;
  const dataDir = dataDirOf(argv, env);
  if (dataDir === undefined) return undefined;
  const storeVersion = readStoreVersion(dataDir);
  if (!storeVersion) return undefined;
  const key = keyOf('data', argv, { dataDir, store: storeVersion.version }, env);
  return readAnswer(join(dataDirFor(dataDir, storeVersion), `${key}.json`));
}

function writeAnswer(dir, key, stdout) {
  try {
    mkdirSync(dir, { recursive: true });
    if (readdirSync(dir).length >= maxAnswers) return;
    const file = join(dir, `${key}.json`);
    const temporary = `${file}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify({ stdout, exitCode: 0 }));
    renameSync(temporary, file);
  } catch {
    // a cache: an answer not kept is computed again next time
  }
}

/** Keeps an answer that depends on the code alone (help, version). */
export function keepCodeAnswer(argv, stdout, env = process.env) {
  if (Buffer.byteLength(stdout) > maxAnswerBytes) return;
  writeAnswer(codeDir(), keyOf('code', argv, {}, env), stdout);
}

/**
 * Keeps the answer of a read-only command run on the embedded store in `dataDir`, computed when the store's
 * next transaction id was `xid`: only if the store has since been closed with that same data (its published
 * version names that id). Answers kept for other versions of the store are removed.
 */
export function keepDataAnswer(argv, dataDir, xid, stdout, env = process.env) {
  if (Buffer.byteLength(stdout) > maxAnswerBytes) return;
  if (dataDirOf(argv, env) !== dataDir) return; // a line the bin would not look up under this directory
  const storeVersion = readStoreVersion(dataDir);
  if (!storeVersion || storeVersion.xid !== xid) return;
  const dir = dataDirFor(dataDir, storeVersion);
  try {
    const answers = join(dataDir, 'answers');
    for (const name of readdirSync(answers)) {
      if (join(answers, name) !== dir) rmSync(join(answers, name), { recursive: true, force: true });
    }
  } catch {
    // none yet
  }
  writeAnswer(dir, keyOf('data', argv, { dataDir, store: storeVersion.version }, env), stdout);
}
