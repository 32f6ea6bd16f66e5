/**
 * A scenario HiGHS takes far longer than seconds to prove, for the tests of background solves (queue,
 * cancel, take-over, time limits): three parties of `perParty` measures each (seeded, so every run draws the
 * same), a verified Iranian step before every third US measure, and tight exposure red lines.
 */
export function slowPlanScenario(perParty = 25, phaseCount = 10) {
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const parties = ['us', 'iran', 'e3'];
  const measures = parties.flatMap((party) =>
    Array.from({ length: perParty }, (_, i) => ({
      id: `${party}-${i}`,
      party,
      kind: party === 'iran' ? 'nuclear-step' : 'sanctions-relief',
      text: `${party} measure ${i}`,
      durationDays: 5 + Math.floor(next() * 80),
      value: 1 + Math.floor(next() * 40),
      verificationDays: Math.floor(next() * 20),
    })),
  );
  const relations = Array.from({ length: Math.floor(perParty / 3) }, (_, k) => ({
    before: `iran-${3 * k}`,
    after: `us-${3 * k + 1}`,
    anchor: 'verified',
    lagDays: 0,
  }));
  return {
    title: 'Large generated scenario',
    valueUnit: 'points',
    phaseCount,
    parties: parties.map((id) => ({ id, name: id })),
    measures,
    relations,
    redLines: [
      { id: 'us-exposure', party: 'us', kind: 'max-exposure', limit: 37 },
      { id: 'iran-exposure', party: 'iran', kind: 'max-exposure', limit: 41 },
      { id: 'e3-exposure', party: 'e3', kind: 'max-exposure', limit: 29 },
    ],
    objective: { durationWeight: 1, exposureWeight: 3, imbalanceWeight: 2 },
  };
}
