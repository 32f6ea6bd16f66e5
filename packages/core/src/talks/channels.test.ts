import { describe, expect, it } from 'vitest';
import { channelBetween, channels, channelsOf, plenaryMembers } from './channels.ts';
import { admin, coordinator, memberOf, observer } from './testing/actors.ts';

describe('channels', () => {
  it('has one bilateral channel per delegation and the plenary, without the US in it', () => {
    expect(channels).toHaveLength(9);
    expect(channels).toContain('coordinator<->us');
    expect(channels).toContain('coordinator<->iran');
    expect(plenaryMembers).not.toContain('us');
    expect(plenaryMembers).toContain('iran');
  });

  it('refuses a US–Iran channel, saying why', () => {
    for (const [a, b] of [
      ['us', 'iran'],
      ['iran', 'us'],
    ] as const) {
      const result = channelBetween(a, b);
      expect(!result.ok && result.error.code).toBe('no-us-iran-channel');
      expect(!result.ok && result.error.message).toContain('do not meet');
    }
  });

  it('routes delegations through the coordinator, and no two delegations directly', () => {
    expect(channelBetween('coordinator', 'iran')).toEqual({ ok: true, value: 'coordinator<->iran' });
    expect(channelBetween('us', 'coordinator')).toEqual({ ok: true, value: 'coordinator<->us' });
    const direct = channelBetween('france', 'russia');
    expect(!direct.ok && direct.error.code).toBe('no-direct-channel');
  });

  it('lists the channels each actor takes part in', () => {
    expect(channelsOf(memberOf('us'))).toEqual(['coordinator<->us']);
    expect(channelsOf(memberOf('iran'))).toEqual(['coordinator<->iran', 'plenary']);
    expect(channelsOf(coordinator)).toEqual(channels);
    expect(channelsOf(observer)).toEqual(['plenary']);
    expect(channelsOf(admin)).toEqual([]);
  });
});
