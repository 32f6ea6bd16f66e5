// The policy as the app applies it, for the server's route table and its authorization matrix test.
export {
  type Actor,
  authorize,
  type PolicyResource,
  policyTable,
  type Role,
  type TalksAction,
} from '@lockstep/core';
export * from './demo-talks.ts';
export * from './login-limiter.ts';
export * from './passwords.ts';
export * from './talks-error.ts';
export * from './talks-service.ts';
