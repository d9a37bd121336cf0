import { useState } from 'preact/hooks';
import { login, register } from '../api/endpoints.js';
import { ApiRequestError } from '../api/http.js';
import { sessionStore } from '../state/session.js';

type Mode = 'login' | 'register';

/** Log in, or create a player account (which logs in at once). */
export function LoginPage() {
  const [mode, setMode] = useState<Mode>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = mode === 'login' ? await login(username, password) : await register(username, password);
      sessionStore.set({
        token: answer.session.token,
        user: answer.user,
        expiresAt: answer.session.expiresAt,
      });
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'something went wrong; try again');
    } finally {
      setBusy(false);
    }
  };

  const registering = mode === 'register';
  return (
    <main class="auth">
      <div class="auth__card">
        <h1 class="auth__title">
          <span aria-hidden="true">♠</span> Hold'em
        </h1>
        <div class="tabs" role="tablist" aria-label="Account">
          <button
            type="button"
            role="tab"
            aria-selected={!registering}
            class={`tabs__tab${registering ? '' : ' tabs__tab--active'}`}
            data-testid="tab-login"
            onClick={() => setMode('login')}
          >
            Log in
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={registering}
            class={`tabs__tab${registering ? ' tabs__tab--active' : ''}`}
            data-testid="tab-register"
            onClick={() => setMode('register')}
          >
            Create account
          </button>
        </div>
        <form class="form" onSubmit={submit} aria-label={registering ? 'Create account' : 'Log in'}>
          <label class="field">
            <span class="field__label">Username</span>
            <input
              class="input"
              name="username"
              autocomplete="username"
              required
              value={username}
              data-testid="auth-username"
              onInput={(event) => setUsername(event.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span class="field__label">Password</span>
            <input
              class="input"
              type="password"
              name="password"
              autocomplete={registering ? 'new-password' : 'current-password'}
              required
              value={password}
              data-testid="auth-password"
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </label>
          {registering && (
            <p class="hint">3 to 24 letters, digits or underscores; a password of at least 10 characters.</p>
          )}
          {error && (
            <p class="form__error" role="alert" data-testid="auth-error">
              {error}
            </p>
          )}
          <button
            type="submit"
            class="button button--primary button--wide"
            disabled={busy}
            data-testid="auth-submit"
          >
            {registering ? 'Create account' : 'Log in'}
          </button>
        </form>
      </div>
    </main>
  );
}
