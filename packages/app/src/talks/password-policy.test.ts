import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-policy.ts';

const refusal = (password: string, account = { username: 'iran.head', displayName: 'Iran, head' }) => {
  try {
    checkPasswordStrength(password, account);
    return undefined;
  } catch (error) {
    return error as Error & { status: number; field?: string };
  }
};

describe('the password policy', () => {
  it('refuses common passwords and blank ones that pass the length check, saying why', () => {
    for (const weak of ['password1234', '            ', 'qwertyuiop123', '123456789012', 'iloveyou2021!']) {
      const error = refusal(weak);
      expect(error, weak).toMatchObject({ status: 422, field: 'password' });
      expect(error?.message).toMatch(/^password: /);
      expect(error?.message).not.toContain(weak.trim() || 'x'.repeat(50));
    }
  });

  it("refuses a password built on the account's own names", () => {
    expect(refusal('iran.head2021')).toBeDefined();
    expect(refusal('Iran, head 2021')).toBeDefined();
    expect(refusal('Lockstep2021')).toBeDefined();
  });

  it('accepts generated passwords and passphrases', () => {
    for (const strong of [
      'correct horse battery staple',
      'K7pX3m9QzR2wTn',
      'e2e-password-long-enough',
      'Ax9-tokamak-walnut-fjord',
    ]) {
      expect(refusal(strong), strong).toBeUndefined();
    }
  });
});
