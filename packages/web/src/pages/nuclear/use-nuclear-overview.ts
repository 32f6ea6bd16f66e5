import type { NuclearOverview, NuclearOverviewQuery } from '@lockstep/contract';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { ApiCallError, fetchNuclearOverview } from '../../api.ts';

/** The overview the page shows, the question being asked now, and why the last question failed. */
export interface OverviewState {
  /** The last answer received: kept while a new question is computed or after one fails. */
  readonly data: NuclearOverview | undefined;
  /** The question `data` answers. */
  readonly answered: NuclearOverviewQuery | undefined;
  readonly pending: boolean;
  readonly error: { readonly message: string; readonly field: string | undefined } | undefined;
}

/**
 * Fetches the overview for `query` whenever it changes, cancelling the request it replaces, and keeps the
 * last good answer on screen so that a rejected what-if shows its error beside the figures it did not change.
 */
export function useNuclearOverview(query: NuclearOverviewQuery): OverviewState {
  const key = JSON.stringify(query);
  const [state, setState] = useState<OverviewState>({
    data: undefined,
    answered: undefined,
    pending: true,
    error: undefined,
  });
  useEffect(() => {
    const controller = new AbortController();
    const asked = JSON.parse(key) as NuclearOverviewQuery;
    setState((previous) => ({ ...previous, pending: true, error: undefined }));
    fetchNuclearOverview(asked, controller.signal).then(
      // Rendered at once, charts included: the charts draw in effects, which React runs before the browser
      // lays the page out only for a synchronous render. Otherwise the browser lays out and paints the figures
      // without their charts first (over 100 ms on the Nuclear page's long tables) and then again with them.
      (data) => flushSync(() => setState({ data, answered: asked, pending: false, error: undefined })),
      (error: Error) => {
        if (error.name === 'AbortError') return;
        const field = error instanceof ApiCallError ? error.field : undefined;
        setState((previous) => ({ ...previous, pending: false, error: { message: error.message, field } }));
      },
    );
    return () => controller.abort();
  }, [key]);
  return state;
}
