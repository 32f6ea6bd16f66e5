import { NuclearInputError } from './nuclear-input-error.ts';

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random generator (mulberry32: 32-bit state, period 2^32): the same seed gives the same
 * sequence on every platform, so Monte Carlo results are reproducible. Not for cryptography.
 * `seed` must be an integer from 0 to 2^32 − 1.
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new NuclearInputError('seed', `${seed} is not accepted: expected an integer from 0 to 4294967295`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
