import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLoginLimits, LoginThrottle } from './login-throttle.ts';

function throttle() {
  let now = Date.parse('2021-04-06T10:00:00Z');
  const limiter = new LoginThrottle(defaultLoginLimits, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('the sign-in throttle', () => {
  it('lets five failures through, then doubles the wait with each further failure, up to 15 minutes', () => {
    const { limiter, advance } = throttle();
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { seconds } = limiter.wait('iran.head', `10.0.0.${i}`);
      waits.push(seconds);
      advance(seconds * 1000);
      limiter.fail('iran.head', `10.0.0.${i}`);
    }
    expect(waits.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(waits.slice(5, 12)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(Math.max(...waits)).toBe(15 * 60);
  });

  it('never refuses for longer than the cap, whatever the failures, and forgets them after an hour', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 200 }), (gaps) => {
        const { limiter, advance } = throttle();
        for (const gap of gaps) {
          advance(gap);
          limiter.fail('us.head', '10.0.0.1');
          expect(limiter.wait('us.head', '10.0.0.1').seconds).toBeLessThanOrEqual(15 * 60);
        }
        advance(60 * 60_000);
        expect(limiter.wait('us.head', '10.0.0.1').seconds).toBe(0);
      }),
    );
  });

  it('holds an address that fails at many accounts, and no other address', () => {
    const { limiter } = throttle();
    for (let i = 0; i < 21; i++) limiter.fail(`name-${i}`, '203.0.113.9');
    expect(limiter.wait('someone-else', '203.0.113.9')).toMatchObject({ by: 'address' });
    expect(limiter.wait('someone-else', '198.51.100.1').seconds).toBe(0);
  });

  it("clears an account's failures when it signs in, but not the address's", () => {
    const { limiter } = throttle();
    for (let i = 0; i < 6; i++) limiter.fail('us.head', '10.0.0.1');
    limiter.succeed('US.Head ');
    expect(limiter.wait('us.head', '10.0.0.2').seconds).toBe(0);
  });
});
