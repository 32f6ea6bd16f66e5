/**
 * How a sanctions program stands to the JCPOA:
 * - `revoked-on-implementation-day`: its authority was revoked by E.O. 13716 on Implementation Day
 *   (2016-01-16), e.g. E.O. 13622 and E.O. 13645.
 * - `relieved-on-implementation-day`: the United States lifted, waived or delisted under it on
 *   Implementation Day and re-imposed it after the withdrawal (2018-08-07 and 2018-11-05), e.g. the
 *   Government of Iran entries moved to the E.O. 13599 List.
 * - `reimposes-relief`: an authority created to re-impose what Implementation Day lifted (E.O. 13846).
 * - `created-after-withdrawal`: a new Iran authority of the "maximum pressure" campaign after 2018-05-08
 *   that re-imposes nothing the JCPOA lifted (E.O. 13871, 13876, 13902).
 * - `mixed`: designations under it were partly delisted on Implementation Day and partly kept (NPWMD).
 * - `non-nuclear`: outside the JCPOA's nuclear-related sanctions; the United States kept the right to use
 *   it (terrorism, human rights, missiles and arms, cyber, election interference).
 * - `not-iran`: a program about another country or subject.
 */
export const jcpoaRelations = [
  'revoked-on-implementation-day',
  'relieved-on-implementation-day',
  'reimposes-relief',
  'created-after-withdrawal',
  'mixed',
  'non-nuclear',
  'not-iran',
] as const;

/** One of {@link jcpoaRelations}. */
export type JcpoaRelation = (typeof jcpoaRelations)[number];

/** Whether a value is one of {@link jcpoaRelations}. */
export function isJcpoaRelation(value: string): value is JcpoaRelation {
  return (jcpoaRelations as readonly string[]).includes(value);
}
