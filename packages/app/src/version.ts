import { readFileSync } from 'node:fs';

/** The version of Lockstep, from the root package.json. */
export const lockstepVersion: string = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
).version;
