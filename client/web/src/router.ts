import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (#/lobby, #/table/<id>, #/tournaments/<id>, ...): the server serves one index.html and needs no
 * knowledge of the client's pages.
 */
export type Route =
  | { readonly page: 'lobby' }
  | { readonly page: 'tournaments' }
  | { readonly page: 'tournament'; readonly tournamentId: string }
  | { readonly page: 'table'; readonly tableId: string }
  | { readonly page: 'hands' }
  | { readonly page: 'hand'; readonly handId: string }
  | { readonly page: 'cashier' }
  | { readonly page: 'admin' }
  | { readonly page: 'login' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const parts = path.split('/').filter((part) => part !== '');
  const [first, second] = parts;
  if (first === 'table' && second) return { page: 'table', tableId: decodeURIComponent(second) };
  if (first === 'tournaments' && second)
    return { page: 'tournament', tournamentId: decodeURIComponent(second) };
  if (first === 'tournaments') return { page: 'tournaments' };
  if (first === 'hands' && second) return { page: 'hand', handId: decodeURIComponent(second) };
  if (first === 'hands') return { page: 'hands' };
  if (first === 'cashier') return { page: 'cashier' };
  if (first === 'admin') return { page: 'admin' };
  if (first === 'login') return { page: 'login' };
  return { page: 'lobby' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'table':
      return `#/table/${encodeURIComponent(route.tableId)}`;
    case 'hand':
      return `#/hands/${encodeURIComponent(route.handId)}`;
    case 'tournament':
      return `#/tournaments/${encodeURIComponent(route.tournamentId)}`;
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  const href = hrefOf(route);
  if (location.hash !== href) location.hash = href;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
