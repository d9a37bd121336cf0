import { connectionStore } from '../realtime/connection.js';
import { useStore } from '../state/store.js';

/** Says so whenever the real-time connection is not up, and what is being done about it. */
export function ConnectionBanner() {
  const status = useStore(connectionStore);
  if (status.state === 'connected' || status.state === 'idle') return null;
  let text: string;
  if (status.state === 'connecting') text = 'Connecting…';
  else if (status.state === 'reconnecting')
    text = `Connection lost (${status.reason}). Reconnecting${status.attempt > 0 ? ` — attempt ${status.attempt}` : ''}…`;
  else text = `Disconnected: ${status.message}`;
  return (
    <div
      class={`banner banner--${status.state}`}
      role="status"
      data-testid="connection-banner"
      data-state={status.state}
    >
      <span class="banner__spinner" aria-hidden="true" />
      {text}
    </div>
  );
}
