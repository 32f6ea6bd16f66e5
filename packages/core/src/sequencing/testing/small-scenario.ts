import type { SequencingScenario } from '../scenario.ts';

/**
 * A small US-Iran scenario for tests (core tests cannot read files): two steps each, a verification lag, a
 * legal step and an exposure red line per party.
 */
export const smallScenario: SequencingScenario = {
  title: 'Two steps each',
  valueUnit: 'points',
  phaseCount: 3,
  parties: [
    { id: 'us', name: 'United States' },
    { id: 'iran', name: 'Iran' },
  ],
  measures: [
    {
      id: 'ship-out',
      party: 'iran',
      kind: 'nuclear-step',
      text: 'Ship out 60 % stock',
      durationDays: 60,
      value: 30,
      reversalDays: 365,
      verifiedBy: 'iaea',
      verificationDays: 14,
    },
    {
      id: 'protocol',
      party: 'iran',
      kind: 'verification',
      text: 'Apply the Additional Protocol',
      durationDays: 30,
      value: 20,
      reversalDays: 1,
      verificationDays: 0,
    },
    {
      id: 'notify',
      party: 'us',
      kind: 'legal-step',
      text: 'Notify Congress',
      durationDays: 30,
      value: 5,
      reversalDays: 0,
      verificationDays: 0,
    },
    {
      id: 'oil',
      party: 'us',
      kind: 'sanctions-relief',
      text: 'Oil waivers',
      durationDays: 30,
      value: 40,
      reversalDays: 60,
      verificationDays: 0,
    },
  ],
  relations: [
    { before: 'ship-out', after: 'oil', anchor: 'verified', lagDays: 0 },
    { before: 'notify', after: 'oil', anchor: 'complete', lagDays: 0 },
  ],
  redLines: [
    { id: 'us-exposure', party: 'us', kind: 'max-exposure', limit: 10 },
    { id: 'iran-exposure', party: 'iran', kind: 'max-exposure', share: 0.6 },
  ],
  objective: { durationWeight: 1, exposureWeight: 1, imbalanceWeight: 0 },
};
