import type { ScenarioJson } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { decodeRunningJob, encodeRunningJob, runningJobKey } from './running-job.ts';

describe('the running job a reloaded page finds again', () => {
  it('is read back as it was kept', () => {
    const job = {
      id: 'abc',
      scenario: { title: 't', measures: [] } as unknown as ScenarioJson,
      edits: ['x switched off'],
    };
    expect(decodeRunningJob(encodeRunningJob(job))).toEqual(job);
  });

  it('is nothing when missing, broken or of another shape', () => {
    expect(decodeRunningJob(null)).toBeUndefined();
    expect(decodeRunningJob('{')).toBeUndefined();
    expect(decodeRunningJob('{"id":"a","scenario":{},"edits":[1]}')).toBeUndefined();
    expect(decodeRunningJob('{"id":"","scenario":{},"edits":[]}')).toBeUndefined();
  });

  it('is kept per scenario', () => {
    expect(runningJobKey('jcpoa-2021')).not.toBe(runningJobKey('sample-small'));
  });
});
