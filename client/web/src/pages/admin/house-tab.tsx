import { useEffect, useState } from 'preact/hooks';
import type { AuditResponse, HouseResponse } from '../../../../../src/protocol/http-admin.js';
import { house, runAudit } from '../../api/endpoints.js';
import { ApiRequestError } from '../../api/http.js';
import { displayAmount } from '../../money/amounts.js';

const FLOW_LABELS: Record<string, string> = {
  DEPOSIT: 'Chips sold (deposits)',
  WITHDRAWAL: 'Paid out (withdrawals)',
  BUY_IN: 'Buy-ins',
  TOP_UP: 'Top-ups',
  CASH_OUT: 'Cash-outs',
  RAKE: 'Rake',
  REFUND: 'Refunds',
};

/** The house: rake by day and by table, the cashier's totals, and the audit on demand. */
export function HouseTab() {
  const [figures, setFigures] = useState<HouseResponse | null>(null);
  const [audit, setAudit] = useState<AuditResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    house().then(setFigures, (caught: unknown) =>
      setError(caught instanceof ApiRequestError ? caught.message : 'the figures could not be read'),
    );
  }, []);
  return (
    <section aria-label="House" data-testid="admin-house">
      {error && (
        <p class="form__error" role="alert">
          {error}
        </p>
      )}
      {figures && (
        <div class="admin__house">
          <div class="panel">
            <h2>Cashier and tables</h2>
            <table class="data" data-testid="admin-flows">
              <tbody>
                {figures.flows.map((flow) => (
                  <tr key={flow.kind}>
                    <th>{FLOW_LABELS[flow.kind] ?? flow.kind}</th>
                    <td class="num">{flow.count}</td>
                    <td class="num">{displayAmount(flow.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="panel">
            <h2>Rake by day</h2>
            {figures.rakeByDay.length === 0 ? (
              <p class="empty">No rake in the last 30 days.</p>
            ) : (
              <table class="data" data-testid="admin-rake-days">
                <tbody>
                  {figures.rakeByDay.map((day) => (
                    <tr key={day.day}>
                      <th>{day.day}</th>
                      <td class="num">{day.hands} hands</td>
                      <td class="num">{displayAmount(day.rake)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div class="panel">
            <h2>Rake by table</h2>
            {figures.rakeByTable.length === 0 ? (
              <p class="empty">No table has paid rake yet.</p>
            ) : (
              <table class="data" data-testid="admin-rake-tables">
                <tbody>
                  {figures.rakeByTable.map((table) => (
                    <tr key={table.tableId}>
                      <th>{table.name}</th>
                      <td class="num">{table.hands} hands</td>
                      <td class="num">{displayAmount(table.rake)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      )}
      <div class="panel">
        <h2>Audit</h2>
        <p class="hint">Recomputes every balance from the ledger, as `npm run audit` does.</p>
        <button
          type="button"
          class="button"
          data-testid="admin-audit"
          onClick={async () => setAudit(await runAudit())}
        >
          Run the audit
        </button>
        {audit && (
          <p class={audit.ok ? 'hint' : 'form__error'} role="status" data-testid="admin-audit-result">
            {audit.ok
              ? `Audit OK: ${audit.accounts} accounts, ${audit.transfers} transfers, sum ${audit.sum}.`
              : `Audit FAILED: ${audit.discrepancies.map((item) => item.message).join('; ')}`}
          </p>
        )}
      </div>
    </section>
  );
}
