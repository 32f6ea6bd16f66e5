import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStore } from '@lockstep/store';
import { describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { planJobOwner } from './plan-job-owner.ts';
import { PlanJobs } from './plan-jobs.ts';
import { readScenarioFile, solvePlan } from './plan-operations.ts';
import { scenarioUnderWhatIf, whatIfBodyFields, whatIfFlags } from './scenario-what-if.ts';

const jcpoaPath = fileURLToPath(new URL('../../../../scenarios/jcpoa-2021.json', import.meta.url));
const samplePath = fileURLToPath(new URL('../../../../scenarios/sample-small.json', import.meta.url));
const sample = readScenarioFile(samplePath);

/** The `InputError` a what-if is refused with. */
function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the what-if was accepted');
}

describe('a what-if on a scenario', () => {
  it('switches red lines off and sets red-line values and measure figures, naming each change', () => {
    const { scenario, changes } = scenarioUnderWhatIf(
      sample,
      {
        without: ['us-exposure-half'],
        set: { 'iran-exposure-40': 25, 'iran-us-starts-first': 10, 'us-banking-relief.durationDays': 20 },
      },
      whatIfFlags,
    );
    expect(scenario.redLines.map((r) => r.id)).not.toContain('us-exposure-half');
    expect(scenario.redLines).toContainEqual(expect.objectContaining({ id: 'iran-exposure-40', limit: 25 }));
    expect(scenario.redLines).toContainEqual(
      expect.objectContaining({ id: 'iran-us-starts-first', allowance: 10 }),
    );
    expect(scenario.measures.find((m) => m.id === 'us-banking-relief')?.durationDays).toBe(20);
    expect(changes.map((c) => c.text)).toEqual([
      'Without red line us-exposure-half',
      'iran-exposure-40 limit 40 → 25 points',
      'iran-us-starts-first allowance 30 → 10 points',
      'measure us-banking-relief duration 60 → 20 days',
    ]);
    expect(changes[1]).toMatchObject({ change: 'red-line', id: 'iran-exposure-40', from: 40, to: 25 });
    expect(scenarioUnderWhatIf(sample, { without: [], set: {} }, whatIfFlags)).toEqual({
      scenario: sample,
      changes: [],
    });
  });

  it('switches to staggered starts and back, naming the change only when it changes something', () => {
    const staggered = scenarioUnderWhatIf(sample, { starts: 'staggered' }, whatIfFlags);
    expect(staggered.scenario.starts).toBe('staggered');
    expect(staggered.changes).toEqual([
      {
        change: 'starts',
        id: 'starts',
        text: 'Staggered starts: a measure that waits for another starts when its wait is over, not its whole phase',
      },
    ]);
    const back = scenarioUnderWhatIf(staggered.scenario, { starts: 'phase' }, whatIfFlags);
    expect(back.scenario.starts).toBe('phase');
    expect(back.changes.map((c) => c.text)).toEqual(['Phase starts: every measure on its phase’s first day']);
    expect(scenarioUnderWhatIf(sample, { starts: 'phase' }, whatIfFlags).changes).toEqual([]);
  });

  it('refuses an unknown id, a red line without a value and a value out of range, naming the entry', () => {
    const unknown = refusal(() => scenarioUnderWhatIf(sample, { without: ['nope'] }, whatIfFlags));
    expect(unknown.field).toBe('--without');
    expect(unknown.message).toBe(
      '--without nope: the scenario has no red line "nope"; its red lines are us-exposure-half, iran-exposure-40, iran-us-starts-first, iran-relief-within-a-year, implementation-day',
    );
    const noValue = refusal(() =>
      scenarioUnderWhatIf(sample, { set: { 'implementation-day': 2 } }, whatIfBodyFields),
    );
    expect(noValue.field).toBe('whatIf.set');
    expect(noValue.message).toMatch(
      /^whatIf\.set implementation-day=2: red line implementation-day \(same-phase\) has no value to set/,
    );
    expect(
      refusal(() => scenarioUnderWhatIf(sample, { set: { 'nope.durationDays': 2 } }, whatIfFlags)).message,
    ).toMatch(/^--set nope\.durationDays=2: "nope\.durationDays" is neither a red line id .* nor MEASURE_ID/);
    expect(
      refusal(() => scenarioUnderWhatIf(sample, { set: { 'us-oil-waivers.lagDays': 2 } }, whatIfFlags))
        .message,
    ).toBe(
      '--set us-oil-waivers.lagDays=2: measure us-oil-waivers has no figure "lagDays" to set; accepted: us-oil-waivers.durationDays, us-oil-waivers.value',
    );
    // The range is the scenario file's; the red line after the one switched off is still named right.
    const share = refusal(() =>
      scenarioUnderWhatIf(
        sample,
        { without: ['us-exposure-half'], set: { 'iran-us-starts-first': -1 } },
        whatIfFlags,
      ),
    );
    expect(share).toMatchObject({ field: '--set' });
    expect(share.message).toBe('--set iran-us-starts-first=-1: -1 is negative; expected >= 0');
    expect(
      refusal(() => scenarioUnderWhatIf(sample, { set: { 'us-exposure-half': 1.5 } }, whatIfFlags)).message,
    ).toBe('--set us-exposure-half=1.5: 1.5 is not a share between 0 and 1');
    expect(
      refusal(() =>
        scenarioUnderWhatIf(
          sample,
          { without: ['iran-exposure-40'], set: { 'iran-exposure-40': 30 } },
          whatIfFlags,
        ),
      ).message,
    ).toMatch(/^--set iran-exposure-40=30: red line iran-exposure-40 is also switched off/);
  });
});

describe('plan solve under a what-if', () => {
  // jcpoa-2021's minimal conflicting sets are {iran-us-lifts-everything-first, us-exposure-half} and
  // {us-not-everything-first, iran-us-lifts-everything-first}: the red line in both is the one to drop.
  it('makes jcpoa-2021 feasible without the red line both conflicts share', { timeout: 60_000 }, async () => {
    const result = await solvePlan({
      path: jcpoaPath,
      timeLimitSeconds: 30,
      without: ['iran-us-lifts-everything-first'],
    });
    expect(result.status).toBe('optimal');
    expect(result.violations).toEqual([]);
    expect(result.whatIf).toEqual([
      {
        change: 'without',
        id: 'iran-us-lifts-everything-first',
        text: 'Without red line iran-us-lifts-everything-first',
      },
    ]);
    // Dropping one red line of each conflict instead does it too.
    const both = await solvePlan({
      path: jcpoaPath,
      timeLimitSeconds: 30,
      without: ['us-exposure-half', 'us-not-everything-first'],
    });
    expect(both.status).toBe('optimal');
  });

  it('makes sample-small infeasible with a tighter exposure limit, and costs the concession', {
    timeout: 60_000,
  }, async () => {
    // Its optimal plan leaves Iran 20 points ahead at most: a limit of 5 needs a concession of 15.
    const tight = await solvePlan({ path: samplePath, timeLimitSeconds: 30, set: { 'iran-exposure-40': 5 } });
    expect(tight.status).toBe('infeasible');
    expect(tight.conflicts).toEqual([['iran-exposure-40']]);
    expect(tight.relaxations).toContainEqual(
      expect.objectContaining({ redLine: 'iran-exposure-40', concession: 15, unit: 'value' }),
    );
    expect(tight.whatIf?.map((c) => c.text)).toEqual(['iran-exposure-40 limit 40 → 5 points']);
    const enough = await solvePlan({
      path: samplePath,
      timeLimitSeconds: 30,
      set: { 'iran-exposure-40': 20 },
    });
    expect(enough.status).toBe('optimal');
    expect(enough.score?.exposure.find((e) => e.party === 'iran')?.peak).toBeLessThanOrEqual(20);
  });

  it('is taken by the job queue from the request body, and named in the job’s result', {
    timeout: 60_000,
  }, async () => {
    const me = { owner: planJobOwner('owner-secret-of-the-what-if-tests-0123456789')!, address: '127.0.0.1' };
    const { db } = await openStore({});
    const jobs = new PlanJobs(db);
    try {
      const body = JSON.parse(readFileSync(samplePath, 'utf8')) as unknown;
      await expect(jobs.submit(body, undefined, me, { without: ['nope'] })).rejects.toThrow(
        expect.objectContaining({ name: 'InputError', field: 'whatIf.without' }),
      );
      const { id } = await jobs.submit(body, undefined, me, { set: { 'iran-exposure-40': 5 } });
      for (;;) {
        const job = (await jobs.get(id, me.owner))!;
        if (job.finishedAt !== undefined) {
          expect(job.result?.status).toBe('infeasible');
          expect(job.result?.whatIf?.map((c) => c.text)).toEqual(['iran-exposure-40 limit 40 → 5 points']);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await jobs.close();
      await db.close();
    }
  });
});
