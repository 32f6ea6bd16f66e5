import type {
  RedLine,
  SequencingMeasure,
  SequencingObjective,
  SequencingRelation,
  SequencingScenario,
} from '../scenario.ts';

/** How `generateScenario` shapes a scenario; every field has a default (`defaultGeneratorParameters`). */
export interface GeneratorParameters {
  /** Seed of the pseudo-random generator: the same parameters give the same scenario. */
  readonly seed: number;
  /** Number of measures, split about half and half between `us` and `iran`. */
  readonly measures: number;
  /** The most phases a plan may use. */
  readonly phases: number;
  /** The US max-exposure red line, as a share (0-1) of everything the US delivers. */
  readonly usExposureShare: number;
  /** Iran's max-exposure red line, as a share (0-1) of everything Iran delivers. */
  readonly iranExposureShare: number;
  /** Iran's other-starts-first allowance, as a share (0-1) of everything Iran delivers. */
  readonly iranAllowanceShare: number;
  /** Share (0-1) of US relief measures that also wait for a US legal step. */
  readonly legalBeforeReliefShare: number;
  /** Share (0-1) of Iranian nuclear steps chained after the previous one (complete + a few days). */
  readonly chainShare: number;
  readonly objective: SequencingObjective;
}

/** The parameters the benchmark uses unless told otherwise. */
export const defaultGeneratorParameters: GeneratorParameters = {
  seed: 2021,
  measures: 20,
  phases: 20,
  usExposureShare: 0.3,
  iranExposureShare: 0.35,
  iranAllowanceShare: 0.1,
  legalBeforeReliefShare: 0.4,
  chainShare: 0.25,
  objective: { durationWeight: 1, exposureWeight: 2, imbalanceWeight: 1 },
};

/**
 * A seeded, deterministic US-Iran scenario of `measures` measures and `phases` phases, shaped like a return to
 * compliance: Iran's half mixes nuclear steps (30-120 days, verified by the IAEA in 7-30 days) and
 * verification measures (7-30 days); the US half is two thirds sanctions relief (0-60 days) and one third legal
 * steps with lead times (15-60 days, small value). Values are 1-40 points. Every US relief measure waits until one or two
 * Iranian steps are verified, some also until a US legal step is complete, and some Iranian nuclear steps form
 * chains. Red lines: a max-exposure share per party and an other-starts-first for Iran. For benchmarks and
 * scaling tests; the figures are plausible, not sourced.
 */
export function generateScenario(parameters: Partial<GeneratorParameters> = {}): SequencingScenario {
  const p = { ...defaultGeneratorParameters, ...parameters };
  const random = mulberry32(p.seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const iranCount = Math.ceil(p.measures / 2);
  const iran = Array.from({ length: iranCount }, (_, k) => iranMeasure(k, random() < 0.75, between));
  // Every third US measure is a legal step, so the US always has something to start with.
  const us = Array.from({ length: p.measures - iranCount }, (_, k) => usMeasure(k, k % 3 !== 0, between));
  const measures = interleave(iran, us);
  const relations = [
    ...reliefRelations(iran, us, p, random, between),
    ...chainRelations(iran, p.chainShare, random, between),
  ];
  const redLines: RedLine[] = [
    { id: 'us-exposure', party: 'us', kind: 'max-exposure', share: p.usExposureShare },
    { id: 'iran-exposure', party: 'iran', kind: 'max-exposure', share: p.iranExposureShare },
    {
      id: 'iran-us-starts-first',
      party: 'iran',
      kind: 'other-starts-first',
      allowance: Math.round(p.iranAllowanceShare * iran.reduce((sum, m) => sum + m.value, 0)),
    },
  ];
  return {
    title: `Generated: ${p.measures} measures, ${p.phases} phases (seed ${p.seed})`,
    description: `generateScenario(${JSON.stringify(p)})`,
    valueUnit: 'points',
    phaseCount: p.phases,
    parties: [
      { id: 'us', name: 'United States' },
      { id: 'iran', name: 'Iran' },
    ],
    measures,
    relations,
    redLines,
    objective: p.objective,
  };
}

type Between = (low: number, high: number) => number;

function iranMeasure(k: number, nuclear: boolean, between: Between): SequencingMeasure {
  if (nuclear) {
    return {
      id: `iran-step-${k}`,
      party: 'iran',
      kind: 'nuclear-step',
      text: `Iranian nuclear step ${k}`,
      durationDays: between(30, 120),
      value: between(5, 40),
      reversalDays: between(90, 540),
      verifiedBy: 'iaea',
      verificationDays: between(7, 30),
    };
  }
  return {
    id: `iran-verify-${k}`,
    party: 'iran',
    kind: 'verification',
    text: `Restore IAEA access ${k}`,
    durationDays: between(7, 30),
    value: between(1, 20),
    reversalDays: between(1, 30),
    verificationDays: 0,
  };
}

function usMeasure(k: number, relief: boolean, between: Between): SequencingMeasure {
  if (relief) {
    return {
      id: `us-relief-${k}`,
      party: 'us',
      kind: 'sanctions-relief',
      text: `US sanctions relief ${k}`,
      durationDays: between(0, 60),
      value: between(5, 40),
      reversalDays: between(0, 120),
      verificationDays: 0,
    };
  }
  return {
    id: `us-legal-${k}`,
    party: 'us',
    kind: 'legal-step',
    text: `US legal step ${k} (waiver, notification)`,
    durationDays: between(15, 60),
    value: between(1, 5),
    reversalDays: 0,
    verificationDays: 0,
  };
}

/** Every relief measure waits for one or two Iranian steps verified; some also for a legal step complete. */
function reliefRelations(
  iran: readonly SequencingMeasure[],
  us: readonly SequencingMeasure[],
  p: GeneratorParameters,
  random: () => number,
  between: Between,
): SequencingRelation[] {
  const legal = us.filter((m) => m.kind === 'legal-step');
  return us
    .filter((m) => m.kind === 'sanctions-relief')
    .flatMap((relief) => {
      const count = random() < 0.5 ? 1 : 2;
      const steps = new Set(Array.from({ length: count }, () => iran[between(0, iran.length - 1)]!.id));
      const relations: SequencingRelation[] = [...steps].map((before) => ({
        before,
        after: relief.id,
        anchor: 'verified',
        lagDays: 0,
      }));
      if (legal.length > 0 && random() < p.legalBeforeReliefShare) {
        const before = legal[between(0, legal.length - 1)]!.id;
        relations.push({ before, after: relief.id, anchor: 'complete', lagDays: 0 });
      }
      return relations;
    });
}

/** Some nuclear steps only start a few days after the previous nuclear step is complete. */
function chainRelations(
  iran: readonly SequencingMeasure[],
  share: number,
  random: () => number,
  between: Between,
): SequencingRelation[] {
  const steps = iran.filter((m) => m.kind === 'nuclear-step');
  return steps
    .slice(1)
    .flatMap((after, k) =>
      random() < share
        ? [{ before: steps[k]!.id, after: after.id, anchor: 'complete' as const, lagDays: between(0, 14) }]
        : [],
    );
}

function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (k < a.length) out.push(a[k]!);
    if (k < b.length) out.push(b[k]!);
  }
  return out;
}

/** A small, fast, seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}
