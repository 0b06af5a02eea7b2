// Load one contract channel for a screen: data, the error from {ok:false}, loading, reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import { invoke, type ApiError } from './api';

export interface ChannelState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): Promise<void>;
}

interface Loaded<T> {
  key: string | null;
  data: T | null;
  error: ApiError | null;
}

export function useChannel<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): ChannelState<ResponseOf<C>> {
  const key = `${channel} ${JSON.stringify(request)}`;
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<ResponseOf<C>>>({
    key: null,
    data: null,
    error: null,
  });
  const waiting = useRef<(() => void)[]>([]);
  const want = `${key}#${tick}`;

  useEffect(() => {
    let live = true;
    const req = JSON.parse(key.slice(channel.length + 1)) as RequestOf<C>;
    void invoke(channel, req).then((res) => {
      if (!live) return;
      // Keep the last good data on a failed reload only when the query is the same.
      setLoaded((prev) =>
        res.ok
          ? { key: want, data: res.data, error: null }
          : {
              key: want,
              data: prev.key?.startsWith(`${key}#`) ? prev.data : null,
              error: res.error,
            },
      );
      const done = waiting.current;
      waiting.current = [];
      done.forEach((resolve) => resolve());
    });
    return () => {
      live = false;
    };
  }, [channel, key, want]);

  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setTick((t) => t + 1);
      }),
    [],
  );

  return { data: loaded.data, error: loaded.error, loading: loaded.key !== want, reload };
}
