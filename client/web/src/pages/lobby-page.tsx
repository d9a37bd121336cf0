import { useEffect, useMemo, useState } from 'preact/hooks';
import { Money } from '../../../../src/money/index.js';
import type { LobbyTable } from '../../../../src/protocol/lobby.js';
import type { TableStakes } from '../../../../src/protocol/table-view.js';
import { LobbyTabs } from '../components/lobby-tabs.js';
import { displayAmount } from '../money/amounts.js';
import { onConnected, onServerEvent } from '../realtime/connection.js';
import { send } from '../realtime/send.js';
import { hrefOf } from '../router.js';
import type { Session } from '../state/session.js';
import { useStore } from '../state/store.js';
import { walletStore } from '../state/wallet.js';

export function stakesLabel(stakes: TableStakes): string {
  const blinds = `${displayAmount(stakes.smallBlind)}/${displayAmount(stakes.bigBlind)}`;
  return stakes.ante === '0' ? blinds : `${blinds} ante ${displayAmount(stakes.ante)}`;
}

const GAME_LABELS: Record<TableStakes['variant'], string> = { NT: "NL Hold'em", PO: 'PLO' };

/** The game as rooms abbreviate it, and whether the board may run twice. */
export function gameLabel(stakes: TableStakes): string {
  const game = GAME_LABELS[stakes.variant];
  return stakes.runItTwice ? `${game} · run it twice` : game;
}

const GAME_SHORT_LABELS: Record<TableStakes['variant'], string> = { NT: 'NLH', PO: 'PLO' };

/** The game in the few letters a table's title bar has room for on a phone. */
export function gameShortLabel(stakes: TableStakes): string {
  return GAME_SHORT_LABELS[stakes.variant];
}

const STATUS_LABELS: Record<LobbyTable['status'], string> = {
  running: 'Playing',
  waiting: 'Waiting for players',
  halted: 'Halted',
  closing: 'Closing',
};

/** The live list of tables: a snapshot at subscription, then one update per change. */
export function LobbyPage({ session }: { session: Session }) {
  const [tables, setTables] = useState<ReadonlyMap<string, LobbyTable>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [stakesFilter, setStakesFilter] = useState('all');
  const balance = useStore(walletStore);

  useEffect(() => {
    const stopUpdates = onServerEvent('lobby:table', (table) => {
      setTables((current) => new Map(current).set(table.tableId, table));
    });
    const stopConnected = onConnected(async () => {
      const answer = await send('lobby:subscribe', {});
      if (!answer.ok) {
        setError(answer.error.message);
        return;
      }
      setError(null);
      setTables(new Map(answer.data.tables.map((table) => [table.tableId, table])));
    });
    return () => {
      stopUpdates();
      stopConnected();
      void send('lobby:unsubscribe', {});
    };
  }, []);

  const stakesOptions = useMemo(
    () => [...new Set([...tables.values()].map((table) => stakesLabel(table.stakes)))].sort(),
    [tables],
  );
  const shown = [...tables.values()]
    .filter((table) => stakesFilter === 'all' || stakesLabel(table.stakes) === stakesFilter)
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <main class="page">
      <div class="page__head">
        <h1>Lobby</h1>
        <label class="field field--inline">
          <span class="field__label">Stakes</span>
          <select
            class="input"
            value={stakesFilter}
            data-testid="stakes-filter"
            onChange={(event) => setStakesFilter(event.currentTarget.value)}
          >
            <option value="all">All stakes</option>
            {stakesOptions.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LobbyTabs current="lobby" />
      {error && (
        <p class="form__error" role="alert">
          {error}
        </p>
      )}
      {session.user.role === 'player' && balance !== null && new Money(balance).isZero() && (
        <p class="panel help" data-testid="wallet-empty-help">
          Your wallet is empty. Chips are sold by a cashier: ask the room's cashier to sell you chips for{' '}
          <strong>{session.user.username}</strong>; they appear here and in the{' '}
          <a href={hrefOf({ page: 'cashier' })}>Cashier</a> page at once. Then open a table and pick a seat.
        </p>
      )}
      {shown.length === 0 ? (
        <div class="empty" data-testid="lobby-empty">
          {tables.size > 0 ? (
            'No table at these stakes.'
          ) : session.user.role === 'admin' ? (
            <>
              No tables are open yet. Open the first one on the <a href={hrefOf({ page: 'admin' })}>Admin</a>{' '}
              page.
            </>
          ) : (
            <>
              No tables are open yet. An operator opens them (the Admin page, or{' '}
              <code>POST /api/admin/tables</code>); this list fills in by itself as soon as one opens.
            </>
          )}
        </div>
      ) : (
        <div class="table-list" data-testid="lobby-tables">
          {shown.map((table) => (
            <article
              class="table-row"
              key={table.tableId}
              data-testid="lobby-table"
              data-table-id={table.tableId}
            >
              <div class="table-row__main">
                <h2 class="table-row__name">{table.name}</h2>
                <span class="table-row__game" data-testid="lobby-table-game">
                  {gameLabel(table.stakes)}
                </span>
                <span class="table-row__stakes" data-testid="lobby-table-stakes">
                  {stakesLabel(table.stakes)}
                </span>
              </div>
              <dl class="table-row__facts">
                <div>
                  <dt>Players</dt>
                  <dd data-testid="lobby-table-seats">
                    {table.seatsTaken}/{table.maxSeats}
                  </dd>
                </div>
                <div>
                  <dt>Buy-in</dt>
                  <dd>
                    {displayAmount(table.stakes.minBuyIn)}–{displayAmount(table.stakes.maxBuyIn)}
                  </dd>
                </div>
                <div>
                  <dt>Avg pot</dt>
                  <dd>{displayAmount(table.averagePot)}</dd>
                </div>
                <div>
                  <dt>Hands/h</dt>
                  <dd>{table.handsPerHour}</dd>
                </div>
              </dl>
              <span class={`status status--${table.status}`}>{STATUS_LABELS[table.status]}</span>
              <a
                class="button button--primary"
                href={hrefOf({ page: 'table', tableId: table.tableId })}
                data-testid="open-table"
              >
                {table.seatsFree > 0 ? 'Open' : 'Watch'}
                <span class="sr-only"> {table.name}</span>
              </a>
            </article>
          ))}
        </div>
      )}
    </main>
  );
}
