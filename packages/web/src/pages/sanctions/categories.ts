import type { ClassifyResult, EntityResult, GapResult } from '@lockstep/contract';

/** One party of the register, as a position classifies it. */
export type RegisterEntity = ClassifyResult['entities'][number];
/** One designation's classification: category, the rule that decided it, the reason and the evidence. */
export type Classification = RegisterEntity['classifications'][number] & { imposed?: string };
export type Category = Classification['category'];
export type EntityMatch = EntityResult['matches'][number];
export type GapItem = GapResult['items'][number];

/*
 * The categories' order and labels, and the positions with theirs, are the server's (sanctions-vocabulary.tsx,
 * from data/sanctions/positions.json); only how the page draws a category is decided here.
 */

/** Colours for the categories; the category is always written beside its colour as well. */
export const categoryColor: Record<Category, string> = {
  lift: '#2f855a',
  keep: '#4a5a78',
  difficult: '#c05621',
};

/** The query string that keeps the chosen snapshot across the Sanctions pages. */
export function snapshotSearch(snapshot: string | undefined, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (snapshot) params.set('snapshot', snapshot);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The address of a party's entity view. */
export function entityPath(entryNumber: number, name: string, snapshot: string | undefined): string {
  return `/sanctions/entity/${entryNumber}${snapshotSearch(snapshot, { name })}`;
}
