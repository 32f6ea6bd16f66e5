import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanInitInput } from '@lockstep/contract';
import { benefitUsdBn } from '@lockstep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { readReliefEconomics } from './plan-init.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-economics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plan init input', () => {
  it('refuses an unknown relief basis naming the field, the flag and what is accepted', () => {
    const parsed = PlanInitInput.safeParse({ reliefBasis: 'dollars' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe(
      'reliefBasis (--relief-basis): "dollars" is not accepted: expected designations or economics',
    );
    expect(PlanInitInput.parse({ reliefBasis: 'economics' }).reliefBasis).toBe('economics');
    expect(PlanInitInput.parse({}).reliefBasis).toBeUndefined();
  });
});

describe('readReliefEconomics', () => {
  it('reads the shipped figures, each cited, and works out the benefits from them', () => {
    const economics = readReliefEconomics();
    for (const f of economics.figures) {
      expect(f.url).toMatch(/^https:\/\//);
      expect(f.quote.length).toBeGreaterThan(20);
      expect(f.publisher && f.date && f.title && f.usedFor).toBeTruthy();
    }
    const usd = Object.fromEntries(
      economics.benefits.map((b) => [b.id, benefitUsdBn(b, economics.figures).usdBn]),
    );
    // (2.5 - 0.65) million b/d x 365 days x 62.3 USD/b; the $20 bn frozen by the 2018 sanctions.
    expect(usd).toEqual({ 'oil-exports-restored': 42.1, 'assets-released': 20 });
    expect(economics.unsourcedShare).toBe(0.25);
  });

  it('refuses a file naming a figure it does not have, or with a field out of place', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        figures: [
          {
            id: 'a',
            value: 1,
            unit: 'USD bn',
            publisher: 'P',
            date: '2021-01-01',
            title: 'T',
            url: 'https://example.org/',
            quote: 'q',
            usedFor: 'u',
          },
        ],
        benefits: [
          {
            id: 'assets',
            label: 'assets released',
            kind: 'assets-released',
            figures: { amount: 'b' },
            matches: ['BANK'],
            matchNote: 'n',
          },
        ],
        unsourced: { share: 0.2, note: 'n' },
      }),
    );
    expect(() => readReliefEconomics(file)).toThrow(InputError);
    expect(() => readReliefEconomics(file)).toThrow('figure amount names b, which is not in figures');
    writeFileSync(file, JSON.stringify({ figures: [], benefits: [], unsourced: { share: 2, note: 'n' } }));
    expect(() => readReliefEconomics(file)).toThrow(/bad\.json, figures/);
  });
});
