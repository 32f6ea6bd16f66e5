import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/**
 * argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): about 0.1 s per hash here, which makes guessing
 * slow without making sign-in slow. hash-wasm runs it in WebAssembly, so nothing is compiled on install.
 */
const cost = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

/** The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of a password, with a fresh 16-byte salt. */
export function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...cost, outputType: 'encoded' });
}

/** Whether `password` matches a PHC string made by `hashPassword`. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A hash to verify against when the username is unknown, so that an unknown user costs the same time as a
 * wrong password and the answer's timing does not tell which usernames exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}
