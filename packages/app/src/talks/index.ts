export * from './demo-talks.ts';
export * from './login-limiter.ts';
export * from './passwords.ts';
export * from './talks-error.ts';
export * from './talks-service.ts';
