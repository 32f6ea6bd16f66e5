import { NuclearInputError } from './nuclear-input-error.ts';
import { weaponGradeAssay } from './reference-assays.ts';
import { type Assay, assayToPercent, type KgU } from './units.ts';

/**
 * The two conventions for "enough for one weapon":
 * - `u235`: the IAEA significant quantity for high enriched uranium, 25 kg of U-235 contained, about
 *   27.8 kg of 90 % uranium;
 * - `wgu`: 25 kg of weapon-grade (90 %) uranium, as some think tanks count it (about 22.5 kg U-235).
 */
export const significantQuantityConventions = ['u235', 'wgu'] as const;
/** `u235` (the IAEA's, the default everywhere) or `wgu`. */
export type SignificantQuantityConvention = (typeof significantQuantityConventions)[number];

/** A significant quantity as a breakout estimate counts it, always with its convention named. */
export interface SignificantQuantity {
  readonly convention: SignificantQuantityConvention;
  /** The product mass that makes one SQ at `productAssay`, kg U. */
  readonly productKgU: KgU;
  readonly productAssay: Assay;
  /** The U-235 contained in that product, kg. */
  readonly u235Kg: number;
  /** One sentence a user can quote: what the SQ is and under which convention. */
  readonly definition: string;
  readonly source: string;
}

/**
 * One significant quantity under the named convention, as a mass of weapon-grade (90 %) product.
 * Throws a `NuclearInputError` naming the accepted conventions when `convention` is not one of them.
 */
export function significantQuantity(convention: SignificantQuantityConvention): SignificantQuantity {
  const productPercent = assayToPercent(weaponGradeAssay);
  switch (convention) {
    case 'u235': {
      const productKgU = (25 / weaponGradeAssay) as KgU; // 25 kg U-235 over a fraction in (0, 1)
      return {
        convention,
        productKgU,
        productAssay: weaponGradeAssay,
        u235Kg: 25,
        definition: `IAEA significant quantity: 25 kg U-235 contained, ${productKgU.toFixed(1)} kg U at ${productPercent} %`,
        source: 'IAEA Safeguards Glossary (significant quantity for high enriched uranium: 25 kg U-235)',
      };
    }
    case 'wgu':
      return {
        convention,
        productKgU: 25 as KgU, // a positive constant
        productAssay: weaponGradeAssay,
        u235Kg: 25 * weaponGradeAssay,
        definition: `25 kg of weapon-grade uranium (${productPercent} %), ${(25 * weaponGradeAssay).toFixed(1)} kg U-235`,
        source:
          'think-tank convention (e.g. Institute for Science and International Security breakout estimates)',
      };
    default:
      throw new NuclearInputError(
        'significantQuantity',
        `"${String(convention)}" is not a convention: expected one of ${significantQuantityConventions.join(', ')}`,
      );
  }
}
