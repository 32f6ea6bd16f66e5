import { type ChildProcess, spawn } from 'node:child_process';

const bin = new URL('../packages/cli/bin/lockstep.js', import.meta.url).pathname;

/** A `lockstep serve` child process on a free 127.0.0.1 port. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the server wrote to stdout so far (its address, console codes, demo passwords). */
  stdout(): string;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** The last console code the server printed (for the first admin or the first coordinator), if any. */
  consoleCode(): string | undefined;
  /** The last activation code the server printed on its console (the first coordinator's), if any. */
  activationCode(): string | undefined;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stderr: string }>;
}

/**
 * Starts `lockstep serve --port 0` on `dataDir` and waits for it to print its URL. With `DATABASE_URL` in
 * `env` it serves that PostgreSQL database instead, keeping its audit key and checkpoints in `dataDir`.
 */
export function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const onPostgres = Boolean(env.DATABASE_URL);
  const args = [bin, 'serve', '--port', '0', ...(onPostgres ? [] : ['--data-dir', dataDir])];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: '',
      ...env,
      ...(onPostgres ? { LOCKSTEP_STATE_DIR: dataDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let resolved = false;
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lockstep serve printed no URL within 90 s; stderr: ${stderr}`));
    }, 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (resolved) return;
      const url = /serving at (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      resolved = true;
      clearTimeout(timer);
      resolve({
        url,
        child,
        stdout: () => stdout,
        stderr: () => stderr,
        consoleCode: () =>
          stdout
            .split('\n')
            .filter((line) => /console code/i.test(line))
            .flatMap((line) => [...line.matchAll(/\b([A-Z2-9]{5}-[A-Z2-9]{5})\b/g)].map((m) => m[1]!))
            .at(-1),
        activationCode: () =>
          [...stdout.matchAll(/^Activation code for .*: ([A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5})$/gm)].at(
            -1,
          )?.[1],
        async stop(signal = 'SIGINT') {
          child.kill(signal);
          return { code: await exited, stderr };
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`lockstep serve exited with ${code} before serving; stderr: ${stderr}`));
    });
  });
}
