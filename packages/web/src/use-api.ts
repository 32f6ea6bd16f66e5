import { useEffect, useRef, useState } from 'react';

/** The state of one API request made by a page. */
export type ApiState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly data: T };

/**
 * Runs `load` when the component mounts and again whenever `key` changes (a string naming everything the
 * request depends on, such as its URL), cancelling the request it replaces.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, key = ''): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key names the request's inputs; a new key re-runs it
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    // A superseded load (a new key, the page left) says nothing, whenever its answer or failure comes.
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: Error) => {
        if (error.name !== 'AbortError' && !controller.signal.aborted) {
          setState({ status: 'error', message: error.message });
        }
      },
    );
    return () => controller.abort();
  }, [key]);
  return state;
}
