import { NuclearInputError } from './nuclear-input-error.ts';
import { type Assay, type KgU, kgU, type Swu } from './units.ts';

/**
 * The value function of separative work, V(x) = (2x − 1) ln(x / (1 − x)), for an assay x as a fraction
 * of U-235 strictly between 0 and 1. Dimensionless; SWU are kg of uranium times differences of V.
 * Allocation-free: safe in hot loops.
 */
export function valueFunction(x: number): number {
  return (2 * x - 1) * Math.log(x / (1 - x));
}

function percent(assay: number): string {
  return `${Number((assay * 100).toPrecision(6))} %`;
}

/**
 * Checks that a cascade's assays are in the order the physics needs: tails < feed < product.
 * Throws a `NuclearInputError` naming the assay out of order. Allocation-free when the check passes.
 */
export function checkCascadeAssays(product: Assay, feed: Assay, tails: Assay): void {
  if (!(tails < feed)) {
    throw new NuclearInputError(
      'tailsAssay',
      `${percent(tails)} is not below the feed assay ${percent(feed)}: the tails must be depleted relative to the feed`,
    );
  }
  if (!(feed < product)) {
    throw new NuclearInputError(
      'productAssay',
      `${percent(product)} is not above the feed assay ${percent(feed)}: the product must be enriched relative to the feed`,
    );
  }
}

/**
 * Feed needed per kg of product (kg feed / kg product), from the two mass balances F = P + T and
 * F·xf = P·xp + T·xt: F/P = (xp − xt) / (xf − xt). Requires tails < feed < product.
 */
export function feedPerKgProduct(product: Assay, feed: Assay, tails: Assay): number {
  checkCascadeAssays(product, feed, tails);
  return (product - tails) / (feed - tails);
}

/**
 * Separative work per kg of product (SWU / kg product): V(xp) + (T/P)·V(xt) − (F/P)·V(xf), with F/P and
 * T/P from the mass balances. Requires tails < feed < product. Allocation-free: on plain numbers, three
 * logarithms and no objects, for use in Monte Carlo and optimisation loops.
 */
export function separativeWorkPerKgProduct(product: Assay, feed: Assay, tails: Assay): number {
  checkCascadeAssays(product, feed, tails);
  const feedRatio = (product - tails) / (feed - tails);
  return valueFunction(product) + (feedRatio - 1) * valueFunction(tails) - feedRatio * valueFunction(feed);
}

/** The flows and separative work of one enrichment job, every mass in kg U. */
export interface EnrichmentBalance {
  readonly product: KgU;
  readonly feed: KgU;
  readonly tails: KgU;
  readonly productAssay: Assay;
  readonly feedAssay: Assay;
  readonly tailsAssay: Assay;
  /** Separative work: SWU = P·V(xp) + T·V(xt) − F·V(xf). */
  readonly separativeWork: Swu;
}

/** What to enrich: a product mass and the three assays. */
export interface EnrichmentJob {
  /** Product wanted, kg U (≥ 0). */
  readonly product: KgU;
  readonly productAssay: Assay;
  readonly feedAssay: Assay;
  readonly tailsAssay: Assay;
}

/**
 * The feed, tails and separative work for a product mass at the given assays. The masses satisfy
 * F = P + T and F·xf = P·xp + T·xt. Throws a `NuclearInputError` if the mass is negative or not finite,
 * or the assays are not in the order tails < feed < product.
 */
export function enrichmentBalance(job: EnrichmentJob): EnrichmentBalance {
  const product = kgU(job.product, 'product');
  const { productAssay, feedAssay, tailsAssay } = job;
  const feed = product * feedPerKgProduct(productAssay, feedAssay, tailsAssay);
  const tails = feed - product;
  const separativeWork =
    product * valueFunction(productAssay) +
    tails * valueFunction(tailsAssay) -
    feed * valueFunction(feedAssay);
  return {
    product,
    feed: feed as KgU, // product ≥ 0 times a ratio > 1
    tails: tails as KgU, // feed ≥ product because the feed ratio exceeds 1
    productAssay,
    feedAssay,
    tailsAssay,
    // SWU is non-negative for tails < feed < product; the max guards rounding at P = 0
    separativeWork: Math.max(0, separativeWork) as Swu,
  };
}
