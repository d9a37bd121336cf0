import { useState } from 'preact/hooks';
import type { AdminUser } from '../../../../../src/protocol/http-admin.js';
import { ROLES, type Role } from '../../../../../src/protocol/roles.js';
import { changeUser, findUsers, forceLogout } from '../../api/endpoints.js';
import { ApiRequestError } from '../../api/http.js';
import { NameSearch } from '../../components/name-search.js';
import { displayAmount } from '../../money/amounts.js';

/** Find users; change a role, disable or enable, log out everywhere (each ends their sessions). */
export function UsersTab() {
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<readonly AdminUser[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const search = async (event?: Event) => {
    event?.preventDefault();
    try {
      setUsers((await findUsers(query.trim())).users);
    } catch (caught) {
      setMessage({
        text: caught instanceof ApiRequestError ? caught.message : 'the search failed',
        error: true,
      });
    }
  };
  const run = async (work: () => Promise<string>) => {
    try {
      setMessage({ text: await work(), error: false });
      await search();
    } catch (caught) {
      setMessage({
        text: caught instanceof ApiRequestError ? caught.message : 'that did not work',
        error: true,
      });
    }
  };
  const ended = (count: number) => (count === 1 ? '1 session ended' : `${count} sessions ended`);
  return (
    <section aria-label="Users" data-testid="admin-users">
      <NameSearch
        value={query}
        onInput={setQuery}
        onSubmit={search}
        testIds={{ field: 'admin-user-query', button: 'admin-user-search' }}
        buttonText="Find"
      />
      {message && (
        <p
          class={message.error ? 'form__error' : 'hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="admin-user-message"
        >
          {message.text}
        </p>
      )}
      {users !== null &&
        (users.length === 0 ? (
          <p class="empty">Nobody by that name.</p>
        ) : (
          <table class="data admin__users">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>Status</th>
                <th class="num">Wallet</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-testid={`admin-user-${user.username}`} data-status={user.status}>
                  <td>{user.username}</td>
                  <td>
                    <select
                      class="input"
                      value={user.role}
                      aria-label={`Role of ${user.username}`}
                      data-testid="admin-user-role"
                      onChange={(event) => {
                        const role = event.currentTarget.value as Role;
                        void run(async () => {
                          const result = await changeUser(user.id, { role });
                          return `${user.username} is now ${role}: ${ended(result.sessionsEnded)}.`;
                        });
                      }}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{user.status}</td>
                  <td class="num">{displayAmount(user.balance)}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class={`button button--small${user.status === 'active' ? ' button--danger' : ''}`}
                      data-testid="admin-user-toggle"
                      onClick={() =>
                        run(async () => {
                          const status = user.status === 'active' ? 'disabled' : 'active';
                          const result = await changeUser(user.id, { status });
                          return `${user.username} ${status === 'disabled' ? 'disabled' : 'enabled'}: ${ended(result.sessionsEnded)}.`;
                        })
                      }
                    >
                      {user.status === 'active' ? 'Disable' : 'Enable'}
                    </button>
                    <button
                      type="button"
                      class="button button--small button--ghost"
                      data-testid="admin-user-logout"
                      onClick={() =>
                        run(
                          async () =>
                            `${user.username} logged out: ${ended((await forceLogout(user.id)).sessionsEnded)}.`,
                        )
                      }
                    >
                      Log out
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
