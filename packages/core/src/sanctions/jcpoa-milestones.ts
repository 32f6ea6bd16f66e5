import type { IsoDate } from '../units.ts';

/**
 * The dates of the JCPOA's sanctions story that positions and histories refer to. Each is the day the
 * measure took effect (UTC calendar day):
 * - `finalized`: the JCPOA was concluded in Vienna, 2015-07-14.
 * - `implementationDay`: the IAEA verified Iran's steps and US, EU and UN relief took effect, 2016-01-16
 *   (E.O. 13716; over 400 entries left the SDN list or moved to the E.O. 13599 List).
 * - `usWithdrawal`: NSPM-11 ended US participation, 2018-05-08.
 * - `firstReimposition`: E.O. 13846 re-imposed the first set of sanctions after the 90-day wind-down,
 *   2018-08-07.
 * - `secondReimposition`: the 180-day wind-down ended and OFAC re-listed over 700 entries, 2018-11-05.
 */
export const jcpoaMilestones = {
  finalized: '2015-07-14' as IsoDate, // a literal calendar date, checked by the tests
  implementationDay: '2016-01-16' as IsoDate, // a literal calendar date, checked by the tests
  usWithdrawal: '2018-05-08' as IsoDate, // a literal calendar date, checked by the tests
  firstReimposition: '2018-08-07' as IsoDate, // a literal calendar date, checked by the tests
  secondReimposition: '2018-11-05' as IsoDate, // a literal calendar date, checked by the tests
} as const;
