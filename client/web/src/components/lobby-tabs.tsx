import { hrefOf } from '../router.js';

/** The lobby's two lists: cash tables and tournaments, each its own route. */
export function LobbyTabs({ current }: { current: 'lobby' | 'tournaments' }) {
  const tabs = [
    { page: 'lobby', label: 'Cash tables' },
    { page: 'tournaments', label: 'Tournaments' },
  ] as const;
  return (
    <nav class="tabs tabs--lobby" aria-label="Lobby">
      {tabs.map((tab) => (
        <a
          key={tab.page}
          href={hrefOf({ page: tab.page })}
          class={`tabs__tab${tab.page === current ? ' tabs__tab--active' : ''}`}
          aria-current={tab.page === current ? 'page' : undefined}
          data-testid={`lobby-tab-${tab.page}`}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
