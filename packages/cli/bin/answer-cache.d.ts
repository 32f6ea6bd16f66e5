// Types of answer-cache.js (plain JavaScript: the bin reads it before tsx is registered).

/** The repository root. */
export declare const rootDir: string;
/** Answers larger than this are not kept. */
export declare const maxAnswerBytes: number;
/** A kept answer: what the command printed on stdout, and its exit status (always 0). */
export interface KeptAnswer {
  readonly stdout: string;
  readonly exitCode: 0;
}
/** The code as files: every package's source and manifest, the migrations, the installed packages. */
export declare function codeFingerprint(): string;
/** The shipped data as files (data/ and scenarios/). */
export declare function shippedDataFingerprint(): string;
/** The data directory a command line names, as the workbench resolves it; undefined with DATABASE_URL. */
export declare function dataDirOf(argv: readonly string[], env?: NodeJS.ProcessEnv): string | undefined;
/** The store version published in `dataDir`, if it still matches the database's files. */
export declare function readStoreVersion(
  dataDir: string,
): { version: string; xid: string; pgControl: { ino: number; size: number; mtimeMs: number } } | undefined;
/** The answer kept for this command line, if there is one. */
export declare function findAnswer(argv: readonly string[], env?: NodeJS.ProcessEnv): KeptAnswer | undefined;
/** Keeps an answer that depends on the code alone (help, version). */
export declare function keepCodeAnswer(
  argv: readonly string[],
  stdout: string,
  env?: NodeJS.ProcessEnv,
): void;
/** Keeps a read-only command's answer on the embedded store, computed at next transaction id `xid`. */
export declare function keepDataAnswer(
  argv: readonly string[],
  dataDir: string,
  xid: string,
  stdout: string,
  env?: NodeJS.ProcessEnv,
): void;
