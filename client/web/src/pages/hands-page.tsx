import { hands as fetchHands } from '../api/endpoints.js';
import { useCursorPages } from '../api/use-cursor-pages.js';
import { downloadPhh } from '../hands/download.js';
import { displayAmount } from '../money/amounts.js';
import { hrefOf } from '../router.js';

export function netClass(net: string): string {
  if (net.startsWith('-')) return 'debit';
  return net === '0' ? '' : 'credit';
}

/** The player's hands, newest first: replay any of them or download it as PHH. */
export function HandsPage() {
  const {
    items: hands,
    cursor,
    error,
    loaded,
    load,
  } = useCursorPages(fetchHands, (page) => page.hands, 'the hands could not be loaded');
  return (
    <main class="page">
      <h1>Hand history</h1>
      {error && (
        <p class="form__error" role="alert">
          {error}
        </p>
      )}
      {loaded && hands.length === 0 && !error && (
        <p class="empty" data-testid="hands-empty">
          No hands yet: your hands appear here once they are over.
        </p>
      )}
      {hands.length > 0 && (
        <table class="data hands-table" data-testid="hands">
          <thead>
            <tr>
              <th scope="col">Played</th>
              <th scope="col">Table</th>
              <th scope="col">Hand</th>
              <th scope="col" class="num">
                Net
              </th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hands.map((hand) => (
              <tr key={hand.id} data-testid="hand-row" data-hand-id={hand.id}>
                <td>{new Date(hand.playedAt).toLocaleString()}</td>
                <td>{hand.tableName}</td>
                <td>
                  #{hand.number}
                  {hand.status === 'voided' && (
                    <span class="badge" data-testid="hand-voided" title="not played out: no chip moved">
                      {' '}
                      void
                    </span>
                  )}
                </td>
                <td class={`num ${netClass(hand.net)}`} data-testid="hand-net">
                  {hand.net.startsWith('-') ? '−' : hand.net === '0' ? '' : '+'}
                  {displayAmount(hand.net.replace(/^-/, ''))}
                </td>
                {hand.status === 'voided' ? (
                  <td class="row-actions">
                    <a
                      class="button button--small"
                      href={hrefOf({ page: 'hand', handId: hand.id })}
                      data-testid="hand-replay"
                    >
                      Proof<span class="sr-only"> of void hand {hand.number}</span>
                    </a>
                  </td>
                ) : (
                  <td class="row-actions">
                    <a
                      class="button button--small"
                      href={hrefOf({ page: 'hand', handId: hand.id })}
                      data-testid="hand-replay"
                    >
                      Replay<span class="sr-only"> hand {hand.number}</span>
                    </a>
                    <button
                      type="button"
                      class="button button--ghost button--small"
                      data-testid="hand-download"
                      onClick={() => downloadPhh(hand.id, `hand-${hand.tableName}-${hand.number}.phh`)}
                    >
                      PHH<span class="sr-only"> download of hand {hand.number}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="button button--ghost" onClick={() => load(cursor)}>
          Older hands
        </button>
      )}
    </main>
  );
}
