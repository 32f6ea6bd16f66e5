#!/usr/bin/env node
// `npm start`: serves the workbench (building the web app first if it is not built) on the embedded store
// in ./.lockstep, or on DATABASE_URL. Extra arguments go to `lockstep serve`, e.g. `npm start -- --port 9000`.
process.argv = [process.argv[0], 'lockstep', 'serve', ...process.argv.slice(2)];
await import('../packages/cli/bin/lockstep.js');
