import type { Session } from '../state/session.js';
import { CashierDesk } from './cashier-desk.js';
import { WalletPanel } from './wallet-panel.js';

/** Players see their wallet; a cashier sells chips to players and pays them out. */
export function CashierPage({ session }: { session: Session }) {
  return (
    <main class="page">
      <h1>Cashier</h1>
      {session.user.role === 'cashier' ? <CashierDesk /> : <WalletPanel />}
    </main>
  );
}
