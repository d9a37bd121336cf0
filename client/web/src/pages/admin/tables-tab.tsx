import { useEffect, useState } from 'preact/hooks';
import type { TableSeatsResponse } from '../../../../../src/protocol/http-admin.js';
import type { TableOut } from '../../../../../src/protocol/http-tables.js';
import { adminTables, closeTable, haltTable, tableSeats } from '../../api/endpoints.js';
import { ApiRequestError } from '../../api/http.js';
import { displayAmount } from '../../money/amounts.js';
import { hrefOf } from '../../router.js';
import { CreateTableForm } from './create-table-form.js';

const problem = (caught: unknown, fallback: string) =>
  caught instanceof ApiRequestError ? caught.message : fallback;

/** Every table: open one with every setting, see who sits where, halt or close it. */
export function TablesTab() {
  const [tables, setTables] = useState<readonly TableOut[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    try {
      setTables((await adminTables()).tables);
      setError(null);
    } catch (caught) {
      setError(problem(caught, 'the tables could not be read'));
    }
  };
  useEffect(() => void reload(), []);
  return (
    <section aria-label="Tables" data-testid="admin-tables">
      <CreateTableForm onCreated={() => void reload()} />
      {error && (
        <p class="form__error" role="alert">
          {error}
        </p>
      )}
      {tables.length === 0 ? (
        <p class="empty">No tables yet: open the first one above.</p>
      ) : (
        <div class="admin__list">
          {[...tables].reverse().map((table) => (
            <TableRow key={table.id} table={table} onChanged={() => void reload()} />
          ))}
        </div>
      )}
    </section>
  );
}

function TableRow({ table, onChanged }: { table: TableOut; onChanged: () => void }) {
  const [seats, setSeats] = useState<TableSeatsResponse['seats'] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [confirm, setConfirm] = useState<'close' | 'halt' | null>(null);
  const [busy, setBusy] = useState(false);
  const open = table.status === 'open';
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setConfirm(null);
    try {
      setMessage({ text: await work(), error: false });
      onChanged();
    } catch (caught) {
      setMessage({ text: problem(caught, 'that did not work'), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <article
      class="panel admin__row"
      data-testid="admin-table"
      data-table-id={table.id}
      data-status={table.status}
    >
      <div class="admin__row-head">
        <h2 class="table-row__name">{table.name}</h2>
        <span class={`status status--${open ? 'running' : 'halted'}`}>{open ? 'Open' : 'Closed'}</span>
        {open && (
          <a class="link" href={hrefOf({ page: 'table', tableId: table.id })}>
            Watch
          </a>
        )}
      </div>
      <p class="admin__facts" data-testid="admin-table-facts">
        {displayAmount(table.smallBlind)}/{displayAmount(table.bigBlind)}
        {table.ante !== '0' && ` ante ${displayAmount(table.ante)}`} · unit {table.chipUnit} · buy-in{' '}
        {displayAmount(table.minBuyIn)}–{displayAmount(table.maxBuyIn)} · {table.seatsTaken}/{table.maxSeats}{' '}
        seated · rake {table.rakeBasisPoints / 100}% cap {displayAmount(table.rakeCap)} · clock{' '}
        {table.actionTimeoutMs === null ? 'default' : `${table.actionTimeoutMs / 1000}s`} + bank{' '}
        {table.timeBankMs === null ? 'default' : `${table.timeBankMs / 1000}s`}
      </p>
      <div class="row-actions">
        <button
          type="button"
          class="button button--small"
          data-testid="admin-table-seats"
          onClick={async () => setSeats((await tableSeats(table.id)).seats)}
        >
          Who sits here
        </button>
        {open &&
          (confirm === null ? (
            <>
              {(['halt', 'close'] as const).map((kind) => (
                <button
                  key={kind}
                  type="button"
                  class={`button button--small ${kind === 'halt' ? 'button--warn' : 'button--danger'}`}
                  disabled={busy}
                  data-testid={`admin-table-${kind}`}
                  onClick={() => setConfirm(kind)}
                >
                  {kind === 'halt' ? 'Halt' : 'Close'}
                </button>
              ))}
            </>
          ) : (
            <span class="confirm">
              <span>
                {confirm === 'halt'
                  ? 'Halt it? The hand in play is void; players can only leave.'
                  : 'Close it? Only an empty table closes.'}
              </span>
              <button
                type="button"
                class="button button--small button--danger"
                data-testid="admin-table-confirm"
                onClick={() =>
                  act(async () => {
                    if (confirm === 'close') {
                      await closeTable(table.id);
                      return `Table "${table.name}" closed.`;
                    }
                    const { halted } = await haltTable(table.id, 'halted from the admin page');
                    return halted
                      ? `Table "${table.name}" halted.`
                      : 'The table is not running: nothing to halt.';
                  })
                }
              >
                Yes
              </button>
              <button
                type="button"
                class="button button--small button--ghost"
                onClick={() => setConfirm(null)}
              >
                No
              </button>
            </span>
          ))}
      </div>
      {message && (
        <p
          class={message.error ? 'form__error' : 'hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="admin-table-message"
        >
          {message.text}
        </p>
      )}
      {seats &&
        (seats.length === 0 ? (
          <p class="hint" data-testid="admin-table-seat-list">
            Nobody sits here.
          </p>
        ) : (
          <table class="data" data-testid="admin-table-seat-list">
            <thead>
              <tr>
                <th>Seat</th>
                <th>Player</th>
                <th class="num">Stack</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {seats.map((seat) => (
                <tr key={seat.seat}>
                  <td>{seat.seat}</td>
                  <td>{seat.username}</td>
                  <td class="num">{displayAmount(seat.stack)}</td>
                  <td>{seat.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </article>
  );
}
