import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';

export interface FundedPlayer {
  readonly userId: string;
  readonly username: string;
  readonly token: string;
}

/** Registers a player, opens a session and buys them chips through the real ledger. */
export async function registerFundedPlayer(
  database: Database,
  ledger: Ledger,
  config: Config,
  username: string,
  amount: string,
): Promise<FundedPlayer> {
  const user = await registerUser(database, config, {
    username,
    password: 'correct horse battery',
    role: 'player',
  });
  if (!user.ok) throw new Error(user.error.message);
  const session = await createSession(database, user.value.id, 3600);
  const funded = await ledger.buyChips({
    userId: user.value.id,
    amount: new Money(amount),
    reference: `fund-${username}`,
  });
  if (!funded.ok) throw new Error(funded.error.message);
  return { userId: user.value.id, username: user.value.username, token: session.token };
}
