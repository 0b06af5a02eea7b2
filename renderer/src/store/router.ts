// A small hash router: #/pis, #/pi/12, #/calls?piId=12. The hash keeps working from
// file:// in Electron and needs no server routes in the browser host.
import { create } from 'zustand';

export type RouteName =
  | 'pis'
  | 'pi'
  | 'calls'
  | 'payments'
  | 'funds'
  | 'jobs'
  | 'sms'
  | 'requests'
  | 'exchange'
  | 'settings'
  | 'worklist'
  | 'overview';

export interface Route {
  name: RouteName;
  id: number | null;
  query: Record<string, string>;
}

const NAMES: readonly RouteName[] = [
  'pis',
  'pi',
  'calls',
  'payments',
  'funds',
  'jobs',
  'sms',
  'requests',
  'exchange',
  'settings',
  'worklist',
  'overview',
];

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = text.split('?');
  const [first = '', second] = pathPart.split('/');
  const name = (NAMES as readonly string[]).includes(first) ? (first as RouteName) : 'pis';
  const id = second && /^\d+$/.test(second) ? Number(second) : null;
  const query = Object.fromEntries(new URLSearchParams(queryPart));
  if (name === 'pi' && id === null) return { name: 'pis', id: null, query: {} };
  return { name, id, query };
}

export function hrefFor(
  name: RouteName,
  id?: number | null,
  query?: Record<string, string | number | undefined>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `#/${name}${id ? `/${id}` : ''}${qs ? `?${qs}` : ''}`;
}

interface RouterState {
  route: Route;
  navigate(href: string): void;
  back(): void;
  sync(): void;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseHash(typeof window === 'undefined' ? '' : window.location.hash),
  navigate(href) {
    if (window.location.hash === href) return;
    window.location.hash = href;
    set({ route: parseHash(href) });
  },
  back() {
    const { route } = useRouter.getState();
    // Esc from a detail page goes to its list; from the call log of one PI, back to that PI.
    if (route.name === 'pi') useRouter.getState().navigate(hrefFor('pis'));
    else if (route.name === 'calls' && route.query.piId)
      useRouter.getState().navigate(hrefFor('pi', Number(route.query.piId)));
  },
  sync() {
    set({ route: parseHash(window.location.hash) });
  },
}));

export function navigate(
  name: RouteName,
  id?: number | null,
  query?: Record<string, string | number | undefined>,
) {
  useRouter.getState().navigate(hrefFor(name, id, query));
}
