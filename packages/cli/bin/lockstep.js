#!/usr/bin/env node
// The `lockstep` command. The packages are TypeScript run through tsx's loader, so there is no build step
// for the Node side; see docs/ARCHITECTURE.md.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`lockstep sanctions export | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
