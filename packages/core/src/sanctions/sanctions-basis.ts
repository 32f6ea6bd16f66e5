/**
 * Why a sanctions program exists: the policy concern its legal authorities address. `nuclear` is kept for
 * the authorities the United States itself counted among the "nuclear-related sanctions" of the JCPOA
 * (Annex II) and for the orders that re-imposed them; weapons-of-mass-destruction designations that do not
 * say which weapon are `proliferation`. Country programs that are none of these are `other`.
 */
export const sanctionsBases = [
  'nuclear',
  'proliferation',
  'terrorism',
  'human-rights',
  'missile-arms',
  'cyber',
  'election-interference',
  'sectoral-economic',
  'other',
] as const;

/** One of {@link sanctionsBases}. */
export type SanctionsBasis = (typeof sanctionsBases)[number];

/** Whether a value is one of {@link sanctionsBases}. */
export function isSanctionsBasis(value: string): value is SanctionsBasis {
  return (sanctionsBases as readonly string[]).includes(value);
}
