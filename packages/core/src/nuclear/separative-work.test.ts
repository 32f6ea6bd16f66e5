import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NuclearInputError } from './nuclear-input-error.ts';
import { naturalUraniumAssay } from './reference-assays.ts';
import {
  enrichmentBalance,
  feedPerKgProduct,
  separativeWorkPerKgProduct,
  valueFunction,
} from './separative-work.ts';
import { type Assay, assayFromFraction, assayFromPercent, kgU } from './units.ts';

/** Three distinct assays on a grid of 1e-5, so no two are closer than 0.001 %. */
const orderedAssays = fc
  .uniqueArray(fc.integer({ min: 1, max: 99_999 }), { minLength: 3, maxLength: 3 })
  .map(
    (values) =>
      values.sort((a, b) => a - b).map((v) => assayFromFraction(v / 100_000)) as [Assay, Assay, Assay],
  );

describe('value function', () => {
  it('is 0 at 50 % and symmetric about it', () => {
    expect(valueFunction(0.5)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (x) => {
        expect(valueFunction(x)).toBeCloseTo(valueFunction(1 - x), 9);
        expect(valueFunction(x)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('published worked examples', () => {
  it('1 kg of 3.5 % from natural uranium (0.711 %) at 0.3 % tails needs 7.785 kg feed and 4.34 SWU', () => {
    const balance = enrichmentBalance({
      product: kgU(1),
      productAssay: assayFromPercent(3.5),
      feedAssay: naturalUraniumAssay,
      tailsAssay: assayFromPercent(0.3),
    });
    // exactly (3.5 − 0.3) / (0.711 − 0.3) = 7.78589…; the published 7.785 is truncated, so agree to its last digit
    expect(balance.feed).toBeCloseTo(3.2 / 0.411, 12);
    expect(Math.abs(balance.feed - 7.785)).toBeLessThan(0.001);
    expect(Math.abs(balance.separativeWork - 4.34)).toBeLessThan(0.005);
    expect(balance.tails).toBeCloseTo(balance.feed - 1, 12);
  });

  it('25 t of 3.75 % needs about 210 t of natural feed and about 120 t SWU at 0.3 % tails', () => {
    const balance = enrichmentBalance({
      product: kgU(25_000),
      productAssay: assayFromPercent(3.75),
      feedAssay: naturalUraniumAssay,
      tailsAssay: assayFromPercent(0.3),
    });
    expect(balance.feed / 1000).toBeCloseTo(210, 0);
    expect(balance.separativeWork / 1000).toBeCloseTo(120, 0);
  });
});

describe('enrichment balance', () => {
  it('conserves uranium and U-235 to 1e-9 relative', () => {
    fc.assert(
      fc.property(
        orderedAssays,
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        ([tails, feed, product], mass) => {
          const b = enrichmentBalance({
            product: kgU(mass),
            productAssay: product,
            feedAssay: feed,
            tailsAssay: tails,
          });
          expect(Math.abs(b.feed - (b.product + b.tails))).toBeLessThanOrEqual(1e-9 * b.feed);
          const in235 = b.feed * feed;
          const out235 = b.product * product + b.tails * tails;
          expect(Math.abs(in235 - out235)).toBeLessThanOrEqual(1e-9 * Math.max(in235, out235));
        },
      ),
    );
  });

  it('never needs negative separative work', () => {
    fc.assert(
      fc.property(orderedAssays, ([tails, feed, product]) => {
        expect(separativeWorkPerKgProduct(product, feed, tails)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('needs more SWU per kg of product for a richer product', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), { minLength: 4, maxLength: 4 }),
        (values) => {
          const [tails, feed, lower, higher] = values
            .sort((a, b) => a - b)
            .map((v) => assayFromFraction(v / 100_000));
          expect(separativeWorkPerKgProduct(higher!, feed!, tails!)).toBeGreaterThan(
            separativeWorkPerKgProduct(lower!, feed!, tails!),
          );
        },
      ),
    );
  });

  it('needs less SWU per kg of product from a richer feed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), { minLength: 4, maxLength: 4 }),
        (values) => {
          const [tails, leaner, richer, product] = values
            .sort((a, b) => a - b)
            .map((v) => assayFromFraction(v / 100_000));
          expect(separativeWorkPerKgProduct(product!, richer!, tails!)).toBeLessThan(
            separativeWorkPerKgProduct(product!, leaner!, tails!),
          );
        },
      ),
    );
  });

  it('names the assay out of order and what is accepted', () => {
    const p = assayFromPercent(90);
    const f = assayFromPercent(3.67);
    expect(() => feedPerKgProduct(p, f, assayFromPercent(3.67))).toThrow(
      'tailsAssay: 3.67 % is not below the feed assay 3.67 %: the tails must be depleted relative to the feed',
    );
    expect(() => feedPerKgProduct(f, p, assayFromPercent(0.3))).toThrow(
      /^productAssay: 3\.67 % is not above the feed assay 90 %/,
    );
    try {
      enrichmentBalance({
        product: -1 as never,
        productAssay: p,
        feedAssay: f,
        tailsAssay: assayFromPercent(0.3),
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NuclearInputError);
      expect((error as NuclearInputError).parameter).toBe('product');
    }
  });
});
