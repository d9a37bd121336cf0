import { useState } from 'preact/hooks';
import { HouseTab } from './admin/house-tab.js';
import { TablesTab } from './admin/tables-tab.js';
import { TournamentsTab } from './admin/tournaments-tab.js';
import { UsersTab } from './admin/users-tab.js';

/**
 * The operator's page (admins only): tables, tournaments, users, the house. Each tab is its own
 * component, one entry in TABS.
 */
const TABS = [
  { id: 'tables', label: 'Tables', Tab: TablesTab },
  { id: 'tournaments', label: 'Tournaments', Tab: TournamentsTab },
  { id: 'users', label: 'Users', Tab: UsersTab },
  { id: 'house', label: 'House', Tab: HouseTab },
] as const;

type TabId = (typeof TABS)[number]['id'];

export function AdminPage() {
  const [current, setCurrent] = useState<TabId>('tables');
  const tab = TABS.find((entry) => entry.id === current) ?? TABS[0];
  return (
    <main class="page admin" data-testid="admin-page">
      <div class="page__head">
        <h1>Admin</h1>
      </div>
      <div class="tabs" role="tablist">
        {TABS.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={entry.id === current}
            class={`tabs__tab${entry.id === current ? ' tabs__tab--active' : ''}`}
            data-testid={`admin-tab-${entry.id}`}
            onClick={() => setCurrent(entry.id)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <tab.Tab />
    </main>
  );
}
