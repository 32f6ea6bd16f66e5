// The policy as the app applies it, for the server's route table and its authorization matrix test.
export {
  type Actor,
  type AuditEntry,
  appendEntry,
  authorize,
  type ChainHead,
  type PolicyResource,
  policyTable,
  type Role,
  type TalksAction,
} from '@lockstep/core';
export * from './audit-signing.ts';
export * from './demo-talks.ts';
export * from './login-throttle.ts';
export * from './password-policy.ts';
export * from './passwords.ts';
export * from './refusal-limiter.ts';
export * from './talks-accounts.ts';
export * from './talks-error.ts';
export * from './talks-events.ts';
export { nodeSha256 } from './talks-ledger.ts';
export * from './talks-papers.ts';
export * from './talks-record.ts';
export * from './talks-rounds.ts';
export * from './talks-service.ts';
export * from './talks-texts.ts';
