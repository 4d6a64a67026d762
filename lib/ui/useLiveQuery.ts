/**
 * Preact binding for Dexie's liveQuery: re-runs the query whenever the tables
 * it read change, in this context or another (the background's ingest), so
 * views follow the corpus without reloads. dexie-react-hooks does the same for
 * React; this is the dozen lines Preact needs.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface LiveResult<T> {
  /** undefined until the first result. */
  value: T | undefined;
  error: unknown;
  loading: boolean;
}

export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): LiveResult<T> {
  const [state, setState] = useState<LiveResult<T>>({ value: undefined, error: undefined, loading: true });
  useEffect(() => {
    // Keep showing the previous value while a new query (new deps) loads: no flash of empty.
    setState((s) => ({ ...s, loading: true }));
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, error: undefined, loading: false }),
      error: (error) => setState((s) => ({ value: s.value, error, loading: false })),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
