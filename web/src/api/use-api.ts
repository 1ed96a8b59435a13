import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from './client.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

interface Answer<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

/** GETs a path (null: nothing yet) and again when it changes or on reload(); keeps the last data while loading. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<Answer<T>>();
  const key = `${round}:${path ?? ''}`;
  useEffect(() => {
    if (path === null) return;
    let current = true;
    get<T>(path)
      .then((data) => current && setAnswer({ key, data }))
      .catch(
        (e: unknown) => current && setAnswer({ key, error: e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)) }),
      );
    return () => {
      current = false;
    };
  }, [path, key]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    data: answer?.data,
    error: answer?.key === key ? answer.error : undefined,
    loading: path !== null && answer?.key !== key,
    reload,
  };
}
