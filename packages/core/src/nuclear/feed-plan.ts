import { NuclearInputError } from './nuclear-input-error.ts';
import { naturalUraniumAssay } from './reference-assays.ts';
import { feedPerKgProduct, separativeWorkPerKgProduct } from './separative-work.ts';
import { type Assay, assayFromFraction, assayToPercent, type KgU, kgU, type Swu } from './units.ts';

/** A stock of uranium on hand: a mass at one assay, with a label a user recognises. */
export interface UraniumStock {
  /** How the user knows this stock (`up to 60 %`, `IAEA 2025-05-17, up to 60 %`). */
  readonly label: string;
  readonly assay: Assay;
  readonly kgU: KgU;
}

/**
 * What a feed plan did with one stock:
 * - `counted-directly`: at or above the product assay, counted kg for kg as product (no blending down);
 * - `enriched`: fed to the cascade;
 * - `not-needed`: usable, but richer stocks already made the product;
 * - `unusable`: at or below the tails assay, so it cannot be enriched at these tails.
 */
export type FeedRole = 'counted-directly' | 'enriched' | 'not-needed' | 'unusable';

/** One stock's part in a feed plan. */
export interface FeedUse {
  readonly label: string;
  readonly assay: Assay;
  /** Mass available, kg U, or `unlimited` (natural uranium unless the caller states an amount). */
  readonly availableKgU: KgU | 'unlimited';
  /** Mass of this stock used, kg U. */
  readonly feedKgU: KgU;
  /** Product made from it, kg U at the product assay. */
  readonly productKgU: KgU;
  /** Separative work to make that product from this stock. */
  readonly swu: Swu;
  readonly role: FeedRole;
}

/** A feed plan: which stocks make the product, in the order used, and what is still missing. */
export interface FeedPlan {
  /** Every stock with its use, highest assay first (natural uranium included). */
  readonly uses: readonly FeedUse[];
  /** Product made, kg U. */
  readonly productKgU: KgU;
  /** Separative work for all of it. */
  readonly swu: Swu;
  /** Product still missing when the stocks run out, kg U (0 when the target is met). */
  readonly shortfallKgU: KgU;
}

/** What a feed plan must make. */
export interface FeedRequest {
  /** Product wanted, kg U. */
  readonly productKgU: KgU;
  readonly productAssay: Assay;
  readonly tailsAssay: Assay;
  /** Natural uranium (0.711 %) available: `unlimited`, or a mass in kg U. */
  readonly naturalUranium: KgU | 'unlimited';
}

/** The label of the natural uranium a feed plan adds to the stocks. */
export const naturalUraniumLabel = `natural uranium (${assayToPercent(naturalUraniumAssay)} %)`;

/**
 * Chooses the feeds that make the product with the least separative work, under the reference model:
 * fixed tails assay, and each kg of product made from a single feed. Separative work per kg of product
 * falls as the feed assay rises, so at fixed tails the optimum is to use the highest assay first.
 * Stocks at or above the product assay count directly; stocks at or below the tails assay are unusable.
 * Throws a `NuclearInputError` naming the stock whose mass or assay is invalid.
 */
export function planFeeds(stocks: readonly UraniumStock[], request: FeedRequest): FeedPlan {
  const { productAssay, tailsAssay } = request;
  const target = kgU(request.productKgU, 'productKgU');
  if (!(tailsAssay < productAssay)) {
    throw new NuclearInputError(
      'tailsAssay',
      `${assayToPercent(tailsAssay)} % is not below the product assay ${assayToPercent(productAssay)} %: tails must be depleted`,
    );
  }
  const candidates: { label: string; assay: Assay; available: number; limited: boolean }[] = stocks.map(
    (stock, index) => ({
      label: stock.label,
      assay: assayFromFraction(stock.assay, `stocks[${index}].assay`),
      available: kgU(stock.kgU, `stocks[${index}].kgU`),
      limited: true,
    }),
  );
  const natural =
    request.naturalUranium === 'unlimited'
      ? Number.POSITIVE_INFINITY
      : kgU(request.naturalUranium, 'naturalUranium');
  candidates.push({
    label: naturalUraniumLabel,
    assay: naturalUraniumAssay,
    available: natural,
    limited: request.naturalUranium !== 'unlimited',
  });
  candidates.sort((a, b) => b.assay - a.assay);

  let remaining: number = target;
  let totalSwu = 0;
  const uses: FeedUse[] = candidates.map((candidate) => {
    const availableKgU = candidate.limited ? (candidate.available as KgU) : 'unlimited'; // validated above
    const use = (role: FeedRole, feed: number, product: number, work: number): FeedUse => ({
      label: candidate.label,
      assay: candidate.assay,
      availableKgU,
      feedKgU: feed as KgU, // 0 ≤ feed ≤ available
      productKgU: product as KgU, // 0 ≤ product ≤ target
      swu: work as Swu, // product × SWU per kg, both ≥ 0
      role,
    });
    if (candidate.assay >= productAssay) {
      const product = Math.min(remaining, candidate.available);
      remaining -= product;
      return use(product > 0 ? 'counted-directly' : 'not-needed', product, product, 0);
    }
    if (candidate.assay <= tailsAssay) return use('unusable', 0, 0, 0);
    if (remaining <= 0 || candidate.available === 0) return use('not-needed', 0, 0, 0);
    const feedRatio = feedPerKgProduct(productAssay, candidate.assay, tailsAssay);
    const possible = candidate.available / feedRatio;
    const product = Math.min(remaining, possible);
    const feed = product === possible ? candidate.available : product * feedRatio;
    const work = product * separativeWorkPerKgProduct(productAssay, candidate.assay, tailsAssay);
    remaining -= product;
    totalSwu += work;
    return use('enriched', feed, product, work);
  });
  // below a part in a billion of the target the remainder is rounding, not a shortfall
  const shortfall = remaining > target * 1e-12 ? remaining : 0;
  if (!Number.isFinite(totalSwu)) {
    throw new NuclearInputError('stocks', 'the separative work is not finite: check the assays and masses');
  }
  return {
    uses,
    productKgU: (target - shortfall) as KgU, // between 0 and the validated target
    swu: totalSwu as Swu, // a finite sum of non-negative terms
    shortfallKgU: shortfall as KgU, // 0 or a positive remainder
  };
}
