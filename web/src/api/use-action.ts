import { useCallback, useRef, useState } from 'react';
import { ApiError } from './client.ts';

/**
 * A change the user starts (a button, a form): runs it once at a time, keeps its error for an ErrorAlert,
 * and calls `done` after success (typically a reload of the page's data).
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, done?: (result: R) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  // `busy` disables the button only once React has drawn it again: a double click, or Enter and a click, in
  // between would send the change twice (two agreements where one was meant). The ref refuses the second at once.
  const running = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
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
        running.current = false;
        setBusy(false);
      }
    },
    [action, done],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}
