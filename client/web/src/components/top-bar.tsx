import { displayAmount } from '../money/amounts.js';
import { hrefOf, type Route } from '../router.js';
import type { Session } from '../state/session.js';
import { useStore } from '../state/store.js';
import { walletStore } from '../state/wallet.js';

interface TopBarProps {
  readonly session: Session;
  readonly route: Route;
  readonly onLogout: () => void;
}

const LINKS = [
  { page: 'lobby', label: 'Lobby' },
  { page: 'hands', label: 'Hands' },
  { page: 'cashier', label: 'Cashier' },
] as const;

/** Pages reached from the lobby: the Lobby link stays lit on them. */
const IN_LOBBY: ReadonlySet<Route['page']> = new Set(['table', 'tournaments', 'tournament']);

export function TopBar({ session, route, onLogout }: TopBarProps) {
  const balance = useStore(walletStore);
  const current = IN_LOBBY.has(route.page) ? 'lobby' : route.page === 'hand' ? 'hands' : route.page;
  const links =
    session.user.role === 'admin' ? [...LINKS, { page: 'admin', label: 'Admin' } as const] : LINKS;
  return (
    <header class="topbar">
      <a class="topbar__brand" href={hrefOf({ page: 'lobby' })}>
        <span aria-hidden="true">♠</span> Hold'em
      </a>
      <nav class="topbar__nav" aria-label="Main">
        {links.map((link) => (
          <a
            key={link.page}
            href={hrefOf({ page: link.page })}
            class={`topbar__link${current === link.page ? ' topbar__link--current' : ''}`}
            aria-current={current === link.page ? 'page' : undefined}
            data-testid={`nav-${link.page}`}
          >
            {link.label}
          </a>
        ))}
      </nav>
      <div class="topbar__user">
        <span class="topbar__name" data-testid="user-name">
          {session.user.username}
          {session.user.role !== 'player' && <span class="badge">{session.user.role}</span>}
        </span>
        {session.user.role === 'player' && (
          <span class="topbar__balance" data-testid="wallet-balance" title="Wallet balance">
            {balance === null ? '…' : displayAmount(balance)}
          </span>
        )}
        <button
          type="button"
          class="button button--ghost button--small"
          data-testid="logout"
          onClick={onLogout}
        >
          Log out
        </button>
      </div>
    </header>
  );
}
