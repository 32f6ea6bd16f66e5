import type { StepKind } from '../nuclear/step-kind.ts';
import type {
  AssumableField,
  RedLine,
  ReliefBasis,
  SequencingMeasure,
  SequencingRelation,
  SequencingScenario,
} from './scenario.ts';

/** One of Iran's steps back, as the nuclear module reports it (`nuclear steps`). */
export interface NuclearStepFact {
  readonly id: string;
  /** A `StepKind` (`ship-out`, `remove-machines`...); other kinds get the default assumptions. */
  readonly kind: string;
  readonly action: string;
  readonly restores: readonly string[];
  /** Months of breakout time a full return loses without this step; `null` when not computable. */
  readonly marginalInFullSet: number | null;
  /** Months of breakout time this step alone adds; `null` when not computable. */
  readonly gainAlone: number | null;
  /** Where its figures come from: dataset, file and line. */
  readonly sources: readonly { readonly dataset: string; readonly file: string; readonly line: number }[];
}

/** One designation the US position lifts, as the sanctions module classifies it. */
export interface LiftedDesignation {
  readonly program: string;
  /** The position's rule that lifts it. */
  readonly rule: string;
  readonly reason: string;
  /** `entity`, `individual`, `vessel`, `aircraft`. */
  readonly partyType: string;
  readonly entryNumber: number;
  /** The party's name on the list; the economics basis matches its figures to designations by name. */
  readonly name?: string;
}

/** US relief: the lifted designations of one program (and, for the largest, one kind of party). */
export interface ReliefGroup {
  readonly id: string;
  readonly text: string;
  readonly programs: readonly string[];
  readonly rules: readonly string[];
  readonly designations: number;
  readonly parties: number;
  /** Relief that needs a statutory waiver, and so waits for the congressional review. */
  readonly statutory: boolean;
  /** The names of its designations (one per designation), when the designations carry them. */
  readonly names?: readonly string[];
}

/**
 * Programs whose relief is a statutory waiver (the Iran Sanctions Act, IFCA, CISADA's IFSR and section 561
 * lists): Congress reviews an agreement before such relief (the Iran Nuclear Agreement Review Act of 2015).
 */
export const statutoryPrograms: readonly string[] = ['ISA', 'IFCA', 'IFSR', '561List'];

/** A group of fewer lifted designations than this is folded into "other lifted designations". */
const smallestGroup = 10;
/** A program with more lifted designations than this is split by kind of party (vessels, aircraft...). */
const splitAbove = 200;

/**
 * Groups the designations a position lifts into relief measures a negotiator would name: one per program,
 * the largest programs split by kind of party (vessels, aircraft, entities, individuals), small groups folded
 * together. Largest first; ids are stable (`us-lift-iran-vessel`).
 */
export function groupRelief(lifted: readonly LiftedDesignation[]): ReliefGroup[] {
  const byProgram = new Map<string, LiftedDesignation[]>();
  for (const d of lifted) byProgram.set(d.program, [...(byProgram.get(d.program) ?? []), d]);
  const groups: { key: string; label: string; members: LiftedDesignation[] }[] = [];
  for (const [program, members] of byProgram) {
    if (members.length <= splitAbove) {
      groups.push({ key: program, label: `under ${program}`, members });
      continue;
    }
    const byType = new Map<string, LiftedDesignation[]>();
    for (const d of members) byType.set(d.partyType, [...(byType.get(d.partyType) ?? []), d]);
    for (const [type, typed] of byType) {
      groups.push({
        key: `${program}-${type}`,
        label: `of ${plural(type)} under ${program}`,
        members: typed,
      });
    }
  }
  const kept = groups.filter((g) => g.members.length >= smallestGroup);
  const folded = groups.filter((g) => g.members.length < smallestGroup).flatMap((g) => g.members);
  if (folded.length > 0) {
    const programs = [...new Set(folded.map((d) => d.program))].sort();
    kept.push({ key: 'other', label: `under ${programs.join(', ')}`, members: folded });
  }
  return kept
    .sort((a, b) => b.members.length - a.members.length || a.key.localeCompare(b.key))
    .map((g) => {
      const programs = [...new Set(g.members.map((d) => d.program))].sort();
      const rules = [...new Set(g.members.map((d) => d.rule))].sort();
      const parties = new Set(g.members.map((d) => d.entryNumber)).size;
      const names = g.members.every((d) => d.name !== undefined)
        ? { names: g.members.map((d) => d.name!) }
        : {};
      return {
        id: `us-lift-${slug(g.key)}`,
        text: `Lift the ${g.members.length} designations ${g.label} (${parties} parties; ${rules.join(', ')})`,
        programs,
        rules,
        designations: g.members.length,
        parties,
        statutory: programs.some((p) => statutoryPrograms.includes(p)),
        ...names,
      };
    });
}

/** What `scenarioFromData` builds a scenario from. */
export interface ScenarioDataInput {
  readonly title: string;
  /** The date of the nuclear figures (the IAEA report the steps start from). */
  readonly nuclearAsOf: string;
  /** Breakout time now and after every step, months (for the description). */
  readonly breakoutNow: number | null;
  readonly breakoutFullSet: number | null;
  readonly steps: readonly NuclearStepFact[];
  /** The sanctions snapshot and position the relief comes from. */
  readonly snapshot: string;
  readonly position: string;
  readonly relief: readonly ReliefGroup[];
  /** The parties' stated red lines (parties `us` and `iran`). */
  readonly redLines: readonly RedLine[];
  readonly phaseCount: number;
  /** Dataset versions read, for `sources`. */
  readonly datasets: readonly string[];
  /** What the US measures' values rest on (default `designations`). */
  readonly reliefBasis?: ReliefBasis;
  /** The sourced figures, needed by the `economics` basis (data/sequencing/relief-economics-2021.json). */
  readonly economics?: ReliefEconomics;
}

/** One sourced figure (data/sequencing/relief-economics-2021.json). */
export interface EconomicFigure {
  readonly id: string;
  readonly value: number;
  /** `million barrels per day`, `USD per barrel`, `USD bn`. */
  readonly unit: string;
  readonly publisher: string;
  readonly date: string;
  readonly title: string;
  readonly url: string;
  readonly quote: string;
  readonly usedFor: string;
}

/**
 * A benefit of relief valued from figures: `exports-restored` is (`before` - `now`) million barrels per day
 * x 365 days x `years` x `price` USD per barrel; `assets-released` is `amount` USD bn. It goes to the relief
 * measures whose designations' names match `matches` (case-insensitive regular expressions), shared in
 * proportion to the matching designations each lifts.
 */
export interface ReliefBenefit {
  readonly id: string;
  /** `oil exports restored`, `assets released`. */
  readonly label: string;
  readonly kind: 'exports-restored' | 'assets-released';
  /** Figure ids: `before`, `now`, `price` (exports-restored) or `amount` (assets-released). */
  readonly figures: Readonly<Record<string, string>>;
  /** Years of restored exports counted (an assumption; exports-restored only). */
  readonly years?: number;
  readonly matches: readonly string[];
  /** Why these designations carry the benefit. */
  readonly matchNote: string;
}

/** The sourced economics the `economics` basis values US relief on. */
export interface ReliefEconomics {
  /** The file they were read from, for sources and labels. */
  readonly file: string;
  readonly figures: readonly EconomicFigure[];
  readonly benefits: readonly ReliefBenefit[];
  /** The share (0-1) of the US points the measures without a sourced figure get, and why (an assumption). */
  readonly unsourcedShare: number;
  readonly unsourcedNote: string;
}

/** A benefit's value in USD bn, and how it was worked out (the figures it rests on, by id). */
export function benefitUsdBn(
  benefit: ReliefBenefit,
  figures: readonly EconomicFigure[],
): { usdBn: number; derivation: string } {
  const figure = (role: string): EconomicFigure => {
    const id = benefit.figures[role];
    const found = figures.find((f) => f.id === id);
    if (!found)
      throw new Error(`benefit ${benefit.id}: figure ${role} (${id ?? 'not given'}) is not in the figures`);
    return found;
  };
  if (benefit.kind === 'assets-released') {
    const amount = figure('amount');
    return { usdBn: amount.value, derivation: `${amount.value} USD bn (${amount.id})` };
  }
  const before = figure('before');
  const now = figure('now');
  const price = figure('price');
  const years = benefit.years ?? 1;
  const barrels = Math.max(0, before.value - now.value);
  const usdBn = (barrels * 1e6 * 365 * years * price.value) / 1e9;
  return {
    usdBn: round1(usdBn),
    derivation:
      `(${before.value} - ${now.value}) million b/d (${before.id} - ${now.id}) x 365 days x ${years} year(s) assumed ` +
      `x ${price.value} USD/b (${price.id}) = ${round1(usdBn)} USD bn`,
  };
}

/** The labels a scenario shows for its US value basis. */
export const reliefBasisLabels: Record<ReliefBasis, string> = {
  designations:
    'US relief valued by designations lifted (a proxy: each measure’s share of the 100 points follows its designations)',
  economics: 'US relief valued by sourced economics: oil exports restored, assets released',
};

/** Assumed days for a kind of nuclear step: [duration, IAEA verification, reversal]; with the reasoning. */
const stepDays: Record<StepKind, { days: [number, number, number]; note: string }> = {
  'ship-out': {
    days: [60, 14, 0],
    note: 'shipping out or down-blending: 60 days assumed (the 2015 shipment of 11 t to Russia took weeks once agreed); reversal: the material is gone, re-making it is the breakout time it restores',
  },
  'down-blend': { days: [60, 14, 0], note: 'down-blending: 60 days assumed' },
  'stop-enrichment': {
    days: [7, 7, 7],
    note: 'stopping a level of enrichment: a week assumed; it can be restarted as fast',
  },
  'remove-machines': {
    days: [60, 14, 90],
    note: 'removing centrifuges to IAEA-sealed storage: 60 days assumed; re-installing them about 3 months',
  },
  'stop-enrichment-at-site': {
    days: [30, 14, 30],
    note: 'taking a site off uranium: 30 days assumed; about as long to restart',
  },
  'stop-activity': { days: [7, 14, 30], note: 'stopping an activity: a week assumed' },
  'restore-monitoring': {
    days: [14, 30, 1],
    note: 'restoring monitoring and the Additional Protocol: 14 days assumed, the IAEA re-baselining in 30; it can be suspended overnight (as in February 2021)',
  },
  verify: { days: [60, 14, 0], note: 'shipping out and verifying a stock: 60 days assumed' },
};

/** Points given to a step that restores no breakout time (monitoring, heavy water, metal). */
const assumedStepPoints: Partial<Record<StepKind, number>> = { 'restore-monitoring': 10 };
const defaultAssumedStepPoints = 3;
/** Assumed days for relief: executive action, and the statutory waivers after the review. */
const reliefDays = { executive: [30, 0, 30], statutory: [14, 0, 30] } as const;
/** The Iran Nuclear Agreement Review Act's review period (days), Congress in session. */
const congressionalReviewDays = 30;

/**
 * Builds a sequencing scenario from the stored data: Iran's steps back (their stable ids; the breakout time
 * each restores as `facts`), the US relief groups, a congressional review before statutory relief, and the
 * stated red lines. Values are points, each side's full return worth 100: Iran's steps share their 100 in
 * proportion to the breakout months each restores within the full return (derived), except steps that
 * restore none (monitoring, heavy water, metal), whose points are assumptions; US relief shares its 100 in
 * proportion to the designations each group lifts (a proxy, marked as an assumption). Every duration is an
 * assumption and says so in `assumed` and `note`.
 */
export function scenarioFromData(input: ScenarioDataInput): SequencingScenario {
  const basis = input.reliefBasis ?? 'designations';
  if (basis === 'economics' && input.economics === undefined) {
    throw new Error('the economics basis needs the sourced figures (relief-economics-2021.json)');
  }
  const iran = iranMeasures(input.steps);
  const us = usMeasures(input.relief, basis === 'economics' ? input.economics : undefined);
  const measures = [...iran, ...us.measures];
  const has = new Set(measures.map((m) => m.id));
  const relations: SequencingRelation[] = [
    ...us.relations,
    // Stop producing above 3.67 % before shipping out what was produced above it.
    ...input.steps
      .filter((s) => s.kind === 'ship-out' && has.has('stop-enrichment-above-3-67pct'))
      .filter((s) => /60pct|20pct/.test(s.id))
      .map((s) => ({
        before: 'stop-enrichment-above-3-67pct',
        after: s.id,
        anchor: 'complete' as const,
        lagDays: 0,
      })),
  ];
  const months = (m: number | null) => (m === null ? 'not computable' : `${m.toFixed(2)} months`);
  return {
    title: input.title,
    description:
      `Iran's steps back to the JCPOA limits on the IAEA figures of ${input.nuclearAsOf} (breakout ${months(input.breakoutNow)}, ` +
      `${months(input.breakoutFullSet)} after every step) and the US relief the ${input.position} position lifts on the ` +
      `${input.snapshot} list, with the two sides' stated red lines. Built by \`lockstep plan init\`.`,
    assumptions: [
      'Points: each side’s full return is worth 100 points to the other side.',
      'Iran’s steps share their points in proportion to the breakout months each restores within the full return (nuclear module, midpoint capacities); steps that restore no breakout time get assumed points.',
      ...(basis === 'economics'
        ? [
            `US relief shares its points by sourced economics (${input.economics!.file}): each benefit (${input.economics!.benefits.map((b) => b.label).join(', ')}) valued in USD bn from cited figures and shared by the measures whose designations carry it; measures without a sourced figure share ${Math.round(input.economics!.unsourcedShare * 100)} of the points in proportion to their designations (an assumption; see their notes).`,
          ]
        : [
            'US relief shares its points in proportion to the designations each group lifts: a proxy for economic value, not a measure of it.',
          ]),
      'Every duration, verification lag and reversal time is an assumption; each measure’s note says why.',
    ],
    sources: [
      ...input.datasets,
      ...(basis === 'economics'
        ? input.economics!.figures.map((f) => `${f.id}: ${f.publisher}, ${f.date}, “${f.title}”, ${f.url}`)
        : []),
    ],
    valueUnit: 'points',
    ...(basis === 'economics'
      ? {
          valueBasis: {
            id: 'economics',
            party: 'us',
            label: reliefBasisLabels.economics,
            source: input.economics!.file,
          },
        }
      : {}),
    phaseCount: input.phaseCount,
    parties: [
      { id: 'us', name: 'United States' },
      { id: 'iran', name: 'Iran' },
    ],
    measures,
    relations,
    redLines: [...input.redLines],
    objective: { durationWeight: 1, exposureWeight: 1, imbalanceWeight: 0 },
  };
}

function iranMeasures(steps: readonly NuclearStepFact[]): SequencingMeasure[] {
  const restores = (s: NuclearStepFact) => (s.marginalInFullSet ?? 0) > 0;
  const assumedPoints = (s: NuclearStepFact) =>
    assumedStepPoints[s.kind as StepKind] ?? defaultAssumedStepPoints;
  const assumedTotal = steps.filter((s) => !restores(s)).reduce((sum, s) => sum + assumedPoints(s), 0);
  const months = steps.reduce((sum, s) => sum + (restores(s) ? s.marginalInFullSet! : 0), 0);
  const share = months > 0 ? (100 - assumedTotal) / months : 0;
  const measures = steps.map((s) => {
    const derived = restores(s) && share > 0;
    const { days, note } = stepDays[s.kind as StepKind] ?? stepDays.verify;
    const [durationDays, verificationDays, reversal] = days;
    const reversalDays =
      s.kind === 'ship-out' || s.kind === 'down-blend' || s.kind === 'verify'
        ? Math.round((s.gainAlone ?? 0) * 30.44)
        : reversal;
    const assumed: AssumableField[] = ['durationDays', 'verificationDays'];
    if (!derived) assumed.push('value');
    if (!(s.kind === 'ship-out' || s.kind === 'down-blend' || s.kind === 'verify'))
      assumed.push('reversalDays');
    return {
      id: s.id,
      party: 'iran',
      kind: s.kind === 'restore-monitoring' ? ('verification' as const) : ('nuclear-step' as const),
      text: s.action,
      durationDays,
      value: round1(derived ? s.marginalInFullSet! * share : assumedPoints(s)),
      reversalDays,
      verifiedBy: 'iaea',
      verificationDays,
      source: `nuclear steps (${s.sources.map((r) => `${r.file} line ${r.line}`).join('; ') || 'JCPOA limits'})`,
      assumed,
      facts: {
        restores: s.restores.join(', '),
        breakoutMonthsInFullReturn: round3(s.marginalInFullSet ?? 0),
        breakoutMonthsAlone: round3(s.gainAlone ?? 0),
      },
      note: derived
        ? `${note}. Value: ${round3(s.marginalInFullSet!)} months of breakout the full return would lose without it.`
        : `${note}. Value assumed: the step restores no breakout time in the model (it restores detection or a limit without a figure).`,
    };
  });
  return toHundred(measures);
}

/** Rounding can leave a side's points at 99.9 or 100.1: the largest measure takes up the difference. */
function toHundred(measures: SequencingMeasure[]): SequencingMeasure[] {
  if (measures.length === 0) return measures;
  const total = measures.reduce((sum, m) => sum + m.value, 0);
  const largest = measures.reduce((best, m, i) => (m.value > measures[best]!.value ? i : best), 0);
  return measures.map((m, i) => (i === largest ? { ...m, value: round1(m.value + 100 - total) } : m));
}

/** A relief group's value under the economics basis: USD bn per benefit, or none (no sourced figure). */
interface GroupEconomics {
  readonly usdBn: number;
  readonly byBenefit: readonly { benefit: ReliefBenefit; usdBn: number; matched: number; names: string[] }[];
}

/** Shares each benefit among the groups whose designations' names match it, by matching designations. */
function groupEconomics(groups: readonly ReliefGroup[], economics: ReliefEconomics): GroupEconomics[] {
  const result = groups.map(() => ({ usdBn: 0, byBenefit: [] as GroupEconomics['byBenefit'][number][] }));
  for (const benefit of economics.benefits) {
    const patterns = benefit.matches.map((m) => new RegExp(m, 'i'));
    const matched = groups.map((g) => (g.names ?? []).filter((n) => patterns.some((p) => p.test(n))));
    const total = matched.reduce((sum, names) => sum + names.length, 0);
    if (total === 0) continue;
    const { usdBn } = benefitUsdBn(benefit, economics.figures);
    matched.forEach((names, i) => {
      if (names.length === 0) return;
      const share = (usdBn * names.length) / total;
      result[i]!.usdBn += share;
      result[i]!.byBenefit.push({ benefit, usdBn: share, matched: names.length, names });
    });
  }
  return result;
}

function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A list of names cut to fit a fact (at most 200 characters). */
function namesFact(names: readonly string[]): string {
  const unique = [...new Set(names)];
  let text = '';
  for (const [i, n] of unique.entries()) {
    const next = text ? `${text}; ${n}` : n;
    const rest = unique.length - i - 1;
    if (next.length + (rest > 0 ? ` (+${rest} more)`.length : 0) > 190) {
      return `${text} (+${unique.length - i} more)`;
    }
    text = next;
  }
  return text;
}

function usMeasures(
  groups: readonly ReliefGroup[],
  economics?: ReliefEconomics,
): {
  measures: SequencingMeasure[];
  relations: SequencingRelation[];
} {
  const total = groups.reduce((sum, g) => sum + g.designations, 0);
  const valued = economics ? economicsValues(groups, economics) : undefined;
  const measures: SequencingMeasure[] = groups.map((g, i) => {
    const [durationDays, verificationDays, reversalDays] = g.statutory
      ? reliefDays.statutory
      : reliefDays.executive;
    return {
      id: g.id,
      party: 'us',
      kind: 'sanctions-relief',
      text: g.text,
      durationDays,
      value: valued ? valued[i]!.value : round1(total > 0 ? (100 * g.designations) / total : 0),
      reversalDays,
      verificationDays,
      source: `sanctions classify (${g.rules.join(', ')}): ${g.designations} designations${valued ? `; ${valued[i]!.source}` : ''}`,
      assumed:
        valued && !valued[i]!.assumed
          ? ['durationDays', 'reversalDays']
          : ['durationDays', 'value', 'reversalDays'],
      facts: {
        designations: g.designations,
        parties: g.parties,
        programs: g.programs.join(', '),
        ...(valued ? valued[i]!.facts : {}),
      },
      note:
        (g.statutory
          ? 'a statutory waiver: 14 days assumed once the congressional review is over; re-imposed in about a month'
          : 'delisting and licences by executive action: 30 days assumed; re-designation takes about a month') +
        (valued ? `. ${valued[i]!.note}` : ''),
    };
  });
  const statutory = groups.filter((g) => g.statutory);
  if (statutory.length === 0) return { measures: toHundred(measures), relations: [] };
  const review: SequencingMeasure = {
    id: 'us-congressional-review',
    party: 'us',
    kind: 'legal-step',
    text: 'Transmit the agreement to Congress and wait out its review (Iran Nuclear Agreement Review Act, 2015)',
    durationDays: congressionalReviewDays,
    value: 0,
    reversalDays: 0,
    verificationDays: 0,
    source:
      'Iran Nuclear Agreement Review Act of 2015 (42 U.S.C. 2160e): a 30-day review with Congress in session',
    assumed: ['durationDays'],
    note: 'statutory relief waits for the review; whether the Act applies to a return is disputed, so the lead time is an assumption',
  };
  return {
    measures: [review, ...toHundred(measures)],
    relations: statutory.map((g) => ({
      before: 'us-congressional-review',
      after: g.id,
      anchor: 'complete',
      lagDays: 0,
    })),
  };
}

/**
 * The US measures' points under the economics basis: the measures carrying a sourced benefit share
 * 100 x (1 - unsourcedShare) in proportion to their USD bn; the others share the rest in proportion to their
 * designations (an assumption). When no measure or every measure carries a benefit, that side takes all 100.
 */
function economicsValues(
  groups: readonly ReliefGroup[],
  economics: ReliefEconomics,
): {
  value: number;
  assumed: boolean;
  source: string;
  facts: Record<string, number | string>;
  note: string;
}[] {
  const valued = groupEconomics(groups, economics);
  const sourcedUsd = valued.reduce((sum, v) => sum + v.usdBn, 0);
  const unsourced = groups.filter((_, i) => valued[i]!.usdBn === 0);
  const unsourcedDesignations = unsourced.reduce((sum, g) => sum + g.designations, 0);
  const sourcedPoints =
    sourcedUsd === 0 ? 0 : unsourced.length === 0 ? 100 : 100 * (1 - economics.unsourcedShare);
  const unsourcedPoints = 100 - sourcedPoints;
  const share = Math.round(economics.unsourcedShare * 100);
  return groups.map((g, i) => {
    const v = valued[i]!;
    if (v.usdBn > 0) {
      const facts: Record<string, number | string> = { sourcedUsdBn: round1(v.usdBn) };
      for (const b of v.byBenefit) {
        facts[`${camel(b.benefit.id)}UsdBn`] = round1(b.usdBn);
        facts[`${camel(b.benefit.id)}Designations`] = b.matched;
        facts[`${camel(b.benefit.id)}Names`] = namesFact(b.names);
      }
      const parts = v.byBenefit.map((b) => {
        const { derivation } = benefitUsdBn(b.benefit, economics.figures);
        return `${b.benefit.label}: ${round1(b.usdBn)} USD bn (${b.matched} of the designations carrying it lifted here; the whole: ${derivation})`;
      });
      return {
        value: round1((sourcedPoints * v.usdBn) / sourcedUsd),
        assumed: false,
        source: `sourced economics (${economics.file}): ${v.byBenefit.map((b) => Object.values(b.benefit.figures).join(', ')).join('; ')}`,
        facts,
        note:
          `Value from sourced economics: ${parts.join('; ')}; ${round1(v.usdBn)} of ${round1(sourcedUsd)} USD bn sourced, ` +
          `of the ${round1(sourcedPoints)} points the sourced measures share. ` +
          v.byBenefit.map((b) => b.benefit.matchNote).join(' '),
      };
    }
    return {
      value: round1(
        unsourcedDesignations > 0 ? (unsourcedPoints * g.designations) / unsourcedDesignations : 0,
      ),
      assumed: true,
      source: 'no sourced figure: value assumed',
      facts: {},
      note:
        `Value assumed: no sourced figure carries these designations; the measures without one share ${share} of the 100 points ` +
        `in proportion to the designations each lifts (${g.designations} of ${unsourcedDesignations}). ${economics.unsourcedNote}`,
    };
  });
}

function plural(type: string): string {
  if (type === 'aircraft') return 'aircraft';
  if (type === 'entity') return 'entities';
  return `${type}s`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
