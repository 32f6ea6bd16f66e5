#!/usr/bin/env node
// The `lockstep` command. The packages are TypeScript run through tsx's loader, so there is no build step
// for the Node side; see docs/ARCHITECTURE.md. What can be answered without them is answered first:
// `--version` from package.json, an answer kept in the answer cache (answer-cache.js) for the same
// command on the same code and data, and a one-shot entity search from the kept entity pack
// (src/fast-entity.ts); everything else loads the TypeScript and runs src/main.ts.
import { readFileSync } from 'node:fs';

// A reader that stops early (`lockstep sanctions export | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  let kept;
  if (!process.env.LOCKSTEP_NO_ANSWER_CACHE) {
    try {
      const { findAnswer } = await import('./answer-cache.js');
      kept = findAnswer(argv);
    } catch {
      kept = undefined; // the cache is only a shortcut
    }
  }
  if (kept) {
    process.stdout.write(kept.stdout);
    process.exitCode = kept.exitCode;
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    // A one-shot entity search is answered from the pack kept in the data directory when there is one for
    // the data as it is (src/fast-entity.ts), loading the search alone rather than the store and every command.
    let answer;
    if (argv.includes('entity') && !process.env.LOCKSTEP_NO_ENTITY_PACK) {
      const { entityAnswerFromPack } = await import('../src/fast-entity.ts');
      answer = entityAnswerFromPack(argv);
    }
    if (answer !== undefined) {
      process.stdout.write(answer);
    } else {
      const { main } = await import('../src/main.ts');
      process.exitCode = await main(argv);
    }
  }
}
