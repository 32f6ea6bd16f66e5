import { main } from './main.ts';

/** Runs `lockstep` in process with `argv` (and `stdin` when given), capturing what it prints: tests' helper. */
export async function runMain(argv: readonly string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv], {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    ...(stdin !== undefined && { readStdin: async () => stdin }),
  });
  return { code, stdout, stderr };
}
