import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-what-if-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const run = (...argv: string[]) => runMain([...argv, '--data-dir', dataDir]);

const jcpoa = fileURLToPath(new URL('../../../../scenarios/jcpoa-2021.json', import.meta.url));
const sample = fileURLToPath(new URL('../../../../scenarios/sample-small.json', import.meta.url));

describe('plan commands under a what-if', () => {
  it('solves jcpoa-2021 without the red line both its conflicts share, and says so', {
    timeout: 120_000,
  }, async () => {
    const text = await run('plan', 'solve', jcpoa, '--without', 'iran-us-lifts-everything-first');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^What-if: Without red line iran-us-lifts-everything-first\nStatus: optimal/);
    const json = await run(
      'plan',
      'solve',
      sample,
      '--without',
      'us-exposure-half',
      '--set',
      'iran-us-starts-first=10',
      '--set',
      'us-banking-relief.durationDays=20',
      '--json',
    );
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.status).toBe('optimal');
    expect(result.whatIf.map((c: { text: string }) => c.text)).toEqual([
      'Without red line us-exposure-half',
      'iran-us-starts-first allowance 30 → 10 points',
      'measure us-banking-relief duration 60 → 20 days',
    ]);
    const banking = result.plan.measures.find((m: { measure: string }) => m.measure === 'us-banking-relief');
    expect(banking.completeDay - banking.startDay).toBe(20);
  });

  it('solves with staggered starts by phase deepening, never worse than with phase starts', {
    timeout: 120_000,
  }, async () => {
    const phased = JSON.parse((await run('plan', 'solve', sample, '--json')).stdout);
    const staggered = await run('plan', 'solve', sample, '--starts', 'staggered');
    expect(staggered.code).toBe(0);
    expect(staggered.stdout).toMatch(/^What-if: Staggered starts: a measure that waits for another/);
    expect(staggered.stdout).toMatch(
      /Phase deepening: proved optimal with all 4 phases\n {2}An optimal plan needs at most 3 of the 4 phases, so ≤ 3 phases stands for all 4: only 2 measures wait for another;[^\n]*\n {2}≤ 3 phases: /,
    );
    // A measure that waits starts on its own day, after its phase's first day.
    expect(staggered.stdout).toMatch(/phase \d \(day \d+\): .*\(from day \d+\)/);
    const json = JSON.parse((await run('plan', 'solve', sample, '--starts', 'staggered', '--json')).stdout);
    expect(json.status).toBe('optimal');
    expect(json.deepening.fullGap).toBe(0);
    expect(json.deepening.steps.length).toBeGreaterThan(0);
    expect(json.score.objective).toBeLessThan(phased.score.objective);
    const refused = await run('plan', 'solve', sample, '--starts', 'sometimes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('phase, staggered');
  });

  it('explains and checks under the same flags', { timeout: 120_000 }, async () => {
    const explained = await run('plan', 'explain', sample, '--set', 'iran-exposure-40=25', '--json');
    expect(explained.code).toBe(0);
    const explanation = JSON.parse(explained.stdout);
    expect(explanation.whatIf).toEqual([
      expect.objectContaining({
        change: 'red-line',
        id: 'iran-exposure-40',
        field: 'limit',
        from: 40,
        to: 25,
      }),
    ]);
    expect(explanation.redLines.find((r: { id: string }) => r.id === 'iran-exposure-40').rule).toContain(
      '25',
    );
    const words = await run('plan', 'explain', sample, '--without', 'implementation-day');
    expect(words.stdout).toContain('What-if: Without red line implementation-day\n');
    expect(words.stdout).toContain('Red lines (4):');

    // The optimal plan leaves Iran 20 points ahead at most: within 25, not within 5.
    const solved = await run('plan', 'solve', sample, '--json');
    const planFile = join(dataDir, 'plan.json');
    writeFileSync(planFile, solved.stdout);
    expect((await run('plan', 'check', sample, planFile, '--set', 'iran-exposure-40=25')).code).toBe(0);
    const tight = await run('plan', 'check', sample, planFile, '--set', 'iran-exposure-40=5');
    expect(tight.code).toBe(1);
    expect(tight.stdout).toMatch(/^What-if: iran-exposure-40 limit 40 → 5 points\nNot valid/);
    expect(tight.stdout).toContain('iran-exposure-40');
  });

  it('refuses a bad what-if with exit 2, naming the flag, the entry and what is accepted', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--without', 'nope'],
        /^lockstep: --without nope: the scenario has no red line "nope"; its red lines are us-exposure-half, /,
      ],
      [
        ['--set', 'iran-exposure-40'],
        /^lockstep: invalid --set "iran-exposure-40": expected RED_LINE_ID=VALUE or MEASURE_ID\.durationDays=DAYS/,
      ],
      [['--set', 'iran-exposure-40=much'], /^lockstep: invalid --set "iran-exposure-40=much": expected/],
      [
        ['--set', 'us-exposure-half=2'],
        /^lockstep: --set us-exposure-half=2: 2 is not a share between 0 and 1\n/,
      ],
      [
        ['--set', 'us-oil-waivers.durationDays=9999'],
        /^lockstep: --set us-oil-waivers\.durationDays=9999: 9999 is more than 3,650; expected days from 0 to 3,650\n/,
      ],
      [
        ['--set', 'implementation-day=1'],
        /^lockstep: --set implementation-day=1: red line implementation-day \(same-phase\) has no value to set; it can only be switched off \(--without implementation-day\)/,
      ],
      [
        ['--set', 'a=1', '--set', 'a=2'],
        /^lockstep: invalid --set "a=2": a is already set to 1; set it once\n/,
      ],
    ];
    for (const [flags, message] of cases) {
      const { code, stderr } = await run('plan', 'explain', sample, ...flags);
      expect({ flags, code }).toEqual({ flags, code: 2 });
      expect(stderr).toMatch(message);
    }
  }, 60_000);
});
