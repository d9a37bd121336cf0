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
          <RakePanel
            title="Rake by day"
            empty="No rake in the last 30 days."
            testId="admin-rake-days"
            rows={figures.rakeByDay.map((day) => ({
              key: day.day,
              label: day.day,
              hands: day.hands,
              rake: day.rake,
            }))}
          />
          <RakePanel
            title="Rake by table"
            empty="No table has paid rake yet."
            testId="admin-rake-tables"
            rows={figures.rakeByTable.map((table) => ({
              key: table.tableId,
              label: table.name,
              hands: table.hands,
              rake: table.rake,
            }))}
          />
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

interface RakeRow {
  readonly key: string;
  readonly label: string;
  readonly hands: number;
  readonly rake: string;
}

/** Rake by something (a day, a table): one row each, with the hands that paid it. */
function RakePanel({
  title,
  empty,
  testId,
  rows,
}: {
  title: string;
  empty: string;
  testId: string;
  rows: readonly RakeRow[];
}) {
  return (
    <div class="panel">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <table class="data" data-testid={testId}>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th>{row.label}</th>
                <td class="num">{row.hands} hands</td>
                <td class="num">{displayAmount(row.rake)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
