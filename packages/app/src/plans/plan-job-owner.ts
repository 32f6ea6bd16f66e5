import { createHash, randomBytes } from 'node:crypto';
import { planJobOwnerSecretPattern } from '@lockstep/contract';

/**
 * Who submitted a solve job, as the jobs keep it: the SHA-256 (hex) of the owner's secret, never the secret
 * itself. Branded, so that only `planJobOwner` makes one.
 */
export type PlanJobOwner = string & { readonly __brand: 'PlanJobOwner' };

/** A new owner secret: 32 random bytes, base64url (43 characters). */
export function newPlanJobOwnerSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The owner a secret stands for, or `undefined` when the text is not an owner secret (see
 * `planJobOwnerSecretPattern`): such a value owns nothing.
 */
export function planJobOwner(secret: string | undefined): PlanJobOwner | undefined {
  if (secret === undefined || !planJobOwnerSecretPattern.test(secret)) return undefined;
  // The hash is the owner's identity: the type brands it as one.
  return createHash('sha256').update(secret, 'utf8').digest('hex') as PlanJobOwner;
}

/** Who is asking for a solve: its owner and the client address it came from (both are rate limited). */
export interface PlanJobRequester {
  readonly owner: PlanJobOwner;
  readonly address: string;
}
