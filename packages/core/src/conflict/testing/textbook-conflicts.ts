import type { ConflictModel } from '../conflict-model.ts';

/**
 * The prisoners' dilemma as the GMCR literature encodes it: each prisoner's one option is to cooperate (stay
 * silent). Each prefers most that the other cooperates, then not to cooperate itself. Published equilibria:
 * Nash {1} (both defect); GMR, SMR and SEQ {1, 4} (mutual cooperation is stable once sanctions count).
 */
export const prisonersDilemma: ConflictModel = {
  id: 'prisoners-dilemma',
  title: "Prisoners' dilemma",
  decisionMakers: [
    { id: 'one', name: 'Prisoner 1' },
    { id: 'two', name: 'Prisoner 2' },
  ],
  options: [
    { id: 'cooperate-1', name: 'Prisoner 1 cooperates', dm: 'one', reversibility: 'both' },
    { id: 'cooperate-2', name: 'Prisoner 2 cooperates', dm: 'two', reversibility: 'both' },
  ],
  infeasible: [],
  preferences: {
    one: { kind: 'statements', statements: [{ text: 'cooperate-2' }, { text: '-cooperate-1' }] },
    two: { kind: 'statements', statements: [{ text: 'cooperate-1' }, { text: '-cooperate-2' }] },
  },
};

/**
 * The 1975 dispute between Syria and Iraq over the Euphrates (Fang, Hipel and Kilgour, *Interactive Decision
 * Making*, 1993): Syria may release more water from its dam or escalate; Iraq may attack. Releasing and
 * escalating together is infeasible (6 states). Preferences by option prioritisation as in the GMCR+ example.
 * Published equilibria: Nash {6}; GMR {1, 6}; SMR {6}; SEQ {6}.
 */
export const syriaIraq: ConflictModel = {
  id: 'syria-iraq-1975',
  title: 'Syria–Iraq Euphrates dispute, 1975',
  decisionMakers: [
    { id: 'syria', name: 'Syria' },
    { id: 'iraq', name: 'Iraq' },
  ],
  options: [
    { id: 'release', name: 'Release water', dm: 'syria', reversibility: 'both' },
    { id: 'escalate', name: 'Escalate', dm: 'syria', reversibility: 'both' },
    { id: 'attack', name: 'Attack', dm: 'iraq', reversibility: 'both' },
  ],
  infeasible: [{ text: 'release & escalate' }],
  preferences: {
    syria: {
      kind: 'statements',
      statements: [
        { text: '-release & -escalate & -attack' },
        { text: 'escalate' },
        { text: '-attack' },
        { text: '-release' },
      ],
    },
    iraq: {
      kind: 'statements',
      statements: [
        { text: 'release & -escalate & -attack' },
        { text: '-release & -escalate & attack' },
        { text: '-release & escalate & attack' },
        { text: '-release & -escalate & -attack' },
        { text: 'release & -escalate & attack' },
      ],
    },
  },
};

/**
 * The Cuban missile crisis, 1962 (Fraser and Hipel; Fang, Hipel and Kilgour 1993): the US may launch an air
 * strike (irreversible) or blockade; the USSR may withdraw its missiles or escalate, not both (12 states).
 * Preferences by option prioritisation as in the GMCR+ example. Published equilibria: Nash {6}; GMR and SMR
 * {1, 2, 3, 5, 6, 7, 8}; SEQ {5, 6, 7}.
 */
export const cubanMissileCrisis: ConflictModel = {
  id: 'cuban-missile-crisis',
  title: 'Cuban missile crisis, 1962',
  decisionMakers: [
    { id: 'us', name: 'US' },
    { id: 'ussr', name: 'USSR' },
  ],
  options: [
    { id: 'air-strike', name: 'Air strike', dm: 'us', reversibility: 'fwd' },
    { id: 'blockade', name: 'Blockade', dm: 'us', reversibility: 'both' },
    { id: 'withdraw', name: 'Withdraw missiles', dm: 'ussr', reversibility: 'both' },
    { id: 'escalate', name: 'Escalate', dm: 'ussr', reversibility: 'both' },
  ],
  infeasible: [{ text: 'withdraw & escalate' }],
  preferences: {
    us: {
      kind: 'statements',
      statements: [
        { text: 'withdraw' },
        { text: '-escalate' },
        { text: '-air-strike & withdraw' },
        { text: '-blockade & withdraw' },
        { text: 'air-strike & escalate' },
        { text: 'blockade & escalate' },
        {
          text: '(air-strike & -withdraw) | (blockade & -escalate) | (air-strike & -escalate) | (blockade & -withdraw)',
        },
        { text: '-air-strike & -withdraw & -escalate' },
        { text: '-blockade & -withdraw & -escalate' },
      ],
    },
    ussr: {
      kind: 'statements',
      statements: [
        { text: '-escalate' },
        { text: '(air-strike & escalate) | (-air-strike & -escalate) | (air-strike & -escalate)' },
        { text: '(blockade & escalate) | (-blockade & -escalate) | (blockade & -escalate)' },
        { text: '-air-strike & -escalate' },
        { text: '-blockade & -escalate' },
        { text: '(blockade & withdraw) | (-blockade & -withdraw) | (air-strike & withdraw)' },
        { text: 'blockade & -withdraw & -escalate' },
        { text: 'air-strike & -blockade & withdraw & -escalate' },
      ],
    },
  },
};

/** The textbook conflicts with their published equilibria (state numbers, GMCR+ numbering). */
export const textbookConflicts: readonly {
  readonly model: ConflictModel;
  readonly equilibria: { nash: number[]; gmr: number[]; smr: number[]; seq: number[] };
}[] = [
  { model: prisonersDilemma, equilibria: { nash: [1], gmr: [1, 4], smr: [1, 4], seq: [1, 4] } },
  { model: syriaIraq, equilibria: { nash: [6], gmr: [1, 6], smr: [6], seq: [6] } },
  {
    model: cubanMissileCrisis,
    equilibria: { nash: [6], gmr: [1, 2, 3, 5, 6, 7, 8], smr: [1, 2, 3, 5, 6, 7, 8], seq: [5, 6, 7] },
  },
];
