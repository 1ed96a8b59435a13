import { useCallback, useState } from 'react';
import { ApiError } from './client.ts';

/**
 * A change the user starts (a button, a form): runs it once at a time, keeps its error for an ErrorAlert,
 * and calls `done` after success (typically a reload of the page's data).
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, done?: (result: R) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        const result = await action(...args);
        done?.(result);
        return result;
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action, done],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}
