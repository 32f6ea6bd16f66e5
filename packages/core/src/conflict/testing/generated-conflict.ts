import type {
  ConflictModel,
  ConflictPreference,
  ConflictStatement,
  OptionReversibility,
} from '../conflict-model.ts';
import { conditionTest, parseCondition } from '../parse-condition.ts';

/** What `generateConflict` makes: sizes, how many infeasibility conditions, and the seed of its randomness. */
export interface ConflictGeneratorParameters {
  readonly decisionMakers: number;
  /** Options in all; each DM owns at least one when there are enough. */
  readonly options: number;
  /** Conditions that make states infeasible; each holds at least one taken option, so state 1 stays feasible. */
  readonly infeasibleConditions: number;
  /** Statements per DM when its preference is given by statements. */
  readonly statementsPerDm: number;
  /** Chance that an option is one-way (`fwd` or `back`) rather than `both`. */
  readonly oneWayShare: number;
  /**
   * Which preference form each DM gets: `statements`, `payoffs`, `ranking`, or `mixed` (chosen at random per
   * DM).
   */
  readonly preferenceForm: 'statements' | 'payoffs' | 'ranking' | 'mixed';
  readonly seed: number;
}

/** Defaults of `generateConflict`: 4 DMs, 12 options (4,096 states before infeasibility). */
export const defaultConflictGeneratorParameters: ConflictGeneratorParameters = {
  decisionMakers: 4,
  options: 12,
  infeasibleConditions: 2,
  statementsPerDm: 5,
  oneWayShare: 0.2,
  preferenceForm: 'mixed',
  seed: 1,
};

/** mulberry32: a small seeded generator, so a generated conflict is the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random conflict for property tests and benchmarks: DMs `dm0`…, options `o0`… (owners spread round-robin,
 * then at random), random infeasibility conditions (conjunctions of two or three literals, always with a taken
 * option), and random preferences in the form asked: statements built from literals with `&`, `|`, `IF`, `IFF`,
 * or payoffs / a ranking with ties from small random scores. Deterministic for a given parameter set.
 */
export function generateConflict(parameters: Partial<ConflictGeneratorParameters> = {}): ConflictModel {
  const p = { ...defaultConflictGeneratorParameters, ...parameters };
  const random = seededRandom(p.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const dmIds = Array.from({ length: p.decisionMakers }, (_, d) => `dm${d}`);
  const optionIds = Array.from({ length: p.options }, (_, o) => `o${o}`);
  const owners = optionIds.map((_, o) => (o < dmIds.length ? o : pick(dmIds.length)));
  const reversibility = (): OptionReversibility =>
    random() < p.oneWayShare ? (random() < 0.5 ? 'fwd' : 'back') : 'both';
  const literal = (positive?: boolean) => {
    const id = optionIds[pick(optionIds.length)]!;
    return (positive ?? random() < 0.5) ? id : `-${id}`;
  };
  const infeasible: ConflictStatement[] = Array.from({ length: p.infeasibleConditions }, () => {
    const literals = [literal(true), literal(), ...(random() < 0.5 ? [literal()] : [])];
    return { text: literals.join(' & ') };
  });
  const operators = [' & ', ' | ', ' IF ', ' IFF '];
  const statement = (): ConflictStatement => {
    const shape = pick(4);
    if (shape === 0) return { text: literal() };
    if (shape === 1) return { text: `${literal()}${operators[pick(4)]}${literal()}` };
    if (shape === 2) return { text: `-(${literal()}${operators[pick(2)]}${literal()})` };
    return { text: `(${literal()}${operators[pick(4)]}${literal()})${operators[pick(2)]}${literal()}` };
  };

  const ordered = dmIds.flatMap((_, d) => optionIds.filter((_, o) => owners[o] === d));
  const bitOf = new Map(ordered.map((id, k) => [id, k]));
  const tests = infeasible.map((condition, i) =>
    conditionTest(
      parseCondition(condition.text, `infeasible[${i}]`),
      bitOf,
      `infeasible[${i}]`,
      condition.text,
    ),
  );
  let feasible = 0;
  for (let decimal = 0; decimal < 2 ** p.options; decimal++)
    if (!tests.some((test) => test(decimal))) feasible++;

  const forms = ['statements', 'payoffs', 'ranking'] as const;
  const preferences: Record<string, ConflictPreference> = {};
  for (const dm of dmIds) {
    const form = p.preferenceForm === 'mixed' ? forms[pick(3)]! : p.preferenceForm;
    if (form === 'statements') {
      preferences[dm] = {
        kind: 'statements',
        statements: Array.from({ length: p.statementsPerDm }, statement),
      };
    } else {
      const scores = Array.from({ length: feasible }, () => pick(Math.max(2, Math.ceil(feasible / 2))));
      if (form === 'payoffs') {
        preferences[dm] = {
          kind: 'payoffs',
          payoffs: Object.fromEntries(scores.map((score, s) => [s + 1, score])),
        };
      } else {
        const byLevel = new Map<number, number[]>();
        scores.forEach((score, s) => {
          const group = byLevel.get(score);
          if (group) group.push(s + 1);
          else byLevel.set(score, [s + 1]);
        });
        preferences[dm] = {
          kind: 'ranking',
          ranking: [...byLevel.entries()].sort((a, b) => b[0] - a[0]).map(([, ids]) => ids),
        };
      }
    }
  }
  return {
    id: `generated-${p.seed}`,
    title: `Generated conflict: ${p.decisionMakers} DMs, ${p.options} options (seed ${p.seed})`,
    decisionMakers: dmIds.map((id) => ({ id, name: `DM ${id.slice(2)}` })),
    options: optionIds.map((id, o) => ({
      id,
      name: `option ${o}`,
      dm: dmIds[owners[o]!]!,
      reversibility: reversibility(),
    })),
    infeasible,
    preferences,
  };
}
