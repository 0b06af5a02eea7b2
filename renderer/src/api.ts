// The one object the page talks to main through. In Electron it is the preload bridge
// (window.jitConsole); in a plain browser it is an HTTP client for the browser host.
// Components never call fetch directly: they go through a store, which goes through here.
import type { Api, Channel, Events, RequestOf, ResponseOf, Result } from '../../shared/contract';

declare global {
  interface Window {
    jitConsole?: Api;
  }
}

const TOKEN_KEY = 'jitConsole.token';

/** The browser host's token: from `?token=` on first load, then from sessionStorage. */
export function takeToken(
  loc: Location = window.location,
  storage: Storage = window.sessionStorage,
): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar (screenshots, shoulder surfing, history).
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHttpApi(token: string | null, base = ''): Api {
  let source: EventSource | null = null;

  function ensureSource(): EventSource | null {
    if (source || typeof EventSource === 'undefined' || !token) return source;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    return source;
  }

  return {
    async invoke<C extends Channel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<Result<ResponseOf<C>>> {
      if (!token) {
        return {
          ok: false,
          error: {
            code: 'REFUSED',
            message: 'No access token. Open the console with the URL the browser host printed.',
          },
        };
      }
      let res: Response;
      try {
        res = await fetch(`${base}/api/invoke`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ channel, request }),
        });
      } catch (err) {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `Cannot reach the console host: ${(err as Error).message}`,
          },
        };
      }
      try {
        return (await res.json()) as Result<ResponseOf<C>>;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `The console host answered HTTP ${res.status}.` },
        };
      }
    },
    on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
      const es = ensureSource();
      if (!es) return () => undefined;
      const relay = (e: MessageEvent<string>) => {
        try {
          listener(JSON.parse(e.data) as Events[E]);
        } catch {
          /* a malformed event is dropped; the next load shows the truth */
        }
      };
      es.addEventListener(event, relay as EventListener);
      return () => es.removeEventListener(event, relay as EventListener);
    },
  };
}

let current: Api | null = null;

/** The Api in use: the Electron bridge when present, else the browser host over HTTP. */
export function getApi(): Api {
  if (!current) current = window.jitConsole ?? createHttpApi(takeToken());
  return current;
}

/** Tests (and only tests) put a fake contract implementation here. */
export function setApi(api: Api | null): void {
  current = api;
}

export function invoke<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<Result<ResponseOf<C>>> {
  return getApi().invoke(channel, request);
}

export type ApiError = Extract<Result<unknown>, { ok: false }>['error'];
