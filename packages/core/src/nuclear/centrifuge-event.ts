import type { IsoDate } from '../units.ts';
import type { SourceRow } from './source-row.ts';

/** One centrifuge installation or operation at a site, as a row of centrifuge-events.csv states it. */
export interface CentrifugeEvent {
  readonly date: IsoDate;
  /** The site as the data names it (`Natanz FEP`, `Fordow FFEP`). */
  readonly site: string;
  /** What happened, in the source's words. */
  readonly event: string;
  /** Number of machines the event concerns; null when the source gives none (unknown, never zero). */
  readonly machines: number | null;
  /** Centrifuge type (`IR-1`, `IR-2m`, `IR-4`, `IR-6`). */
  readonly machineType: string;
  readonly sourceRow: SourceRow;
}

/**
 * What an event says about the machines at its site:
 * - `jcpoa-baseline`: the deal's own figure (a cap or configuration), not a report of what was there;
 * - `declared-plan`: what Iran told the IAEA it would install, not what was installed;
 * - `enriching`: machines enriching uranium (so also installed);
 * - `installed`: machines installed, not said to be enriching;
 * - `other`: none of these; not counted.
 */
export type CentrifugeEventKind = 'jcpoa-baseline' | 'declared-plan' | 'enriching' | 'installed' | 'other';

/** How an event text is read, first rule that matches wins: the rule is part of every figure's basis. */
export const centrifugeEventRules: readonly {
  readonly kind: CentrifugeEventKind;
  readonly pattern: RegExp;
}[] = [
  { kind: 'jcpoa-baseline', pattern: /^JCPOA\b/i },
  { kind: 'declared-plan', pattern: /\bdeclared plan\b/i },
  { kind: 'enriching', pattern: /\benrich(?:ing|ment started)\b|\bproducing\b/i },
  { kind: 'installed', pattern: /\binstalled\b/i },
];

/** Classifies an event by its text with `centrifugeEventRules`. */
export function centrifugeEventKind(event: string): CentrifugeEventKind {
  return centrifugeEventRules.find((rule) => rule.pattern.test(event))?.kind ?? 'other';
}
