import { useEffect, useState } from 'preact/hooks';
import { hand as fetchHand } from '../api/endpoints.js';
import { ApiRequestError } from '../api/http.js';
import type { HandResponse, HandSummary } from '../api/types.js';
import { PlayingCard } from '../components/playing-card.js';
import { downloadPhh } from '../hands/download.js';
import { buildReplay, type Replay } from '../hands/phh-replay.js';
import { saveFile } from '../hands/save-file.js';
import { displayAmount } from '../money/amounts.js';
import { hrefOf } from '../router.js';

/** One hand, step by step, as the player saw it (the server hid others' unshown cards). */
export function HandReplayPage({ handId }: { handId: string }) {
  const [summary, setSummary] = useState<HandSummary | null>(null);
  const [replay, setReplay] = useState<Replay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [voided, setVoided] = useState<HandResponse['hand']['proof'] | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchHand(handId).then(
      ({ hand }) => {
        if (cancelled) return;
        setSummary(hand);
        if (hand.status === 'voided') {
          setVoided(hand.proof);
          return;
        }
        const built = buildReplay(hand.history, hand.shownHands);
        if (built.ok) setReplay(built.value);
        else setError(`this history cannot be replayed: ${built.message}`);
      },
      (caught: unknown) => {
        if (!cancelled)
          setError(caught instanceof ApiRequestError ? caught.message : 'the hand could not be loaded');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [handId]);

  if (error) {
    return (
      <main class="page">
        <p class="form__error" role="alert">
          {error}
        </p>
        <a class="button" href={hrefOf({ page: 'hands' })}>
          Back to the hands
        </a>
      </main>
    );
  }
  if (summary && voided) return <VoidedHand summary={summary} proof={voided} />;
  if (!summary || !replay)
    return (
      <main class="page">
        <p class="empty">Loading…</p>
      </main>
    );

  const last = replay.steps.length - 1;
  const current = replay.steps[Math.min(step, last)]!;
  return (
    <main class="page replay" data-testid="replay">
      <div class="page__head">
        <h1>
          {summary.tableName} · hand #{summary.number}
        </h1>
        <div class="row-actions">
          <a class="button button--ghost button--small" href={hrefOf({ page: 'hands' })}>
            All hands
          </a>
          <button
            type="button"
            class="button button--small"
            data-testid="replay-download"
            onClick={() => downloadPhh(summary.id, `hand-${summary.tableName}-${summary.number}.phh`)}
          >
            Download PHH
          </button>
        </div>
      </div>
      <section class="panel replay__stage">
        <div class="board" data-testid="replay-board">
          <span class="sr-only">Board:</span>
          {Array.from({ length: 5 }, (_, i) => {
            const card = current.board[i];
            return card ? (
              <PlayingCard key={card} card={card} />
            ) : (
              <span key={`slot-${i}`} class="card card--slot" />
            );
          })}
        </div>
        <div class="pots">
          <span>
            Pot <strong data-testid="replay-pot">{displayAmount(current.livePot)}</strong>
          </span>
          {current.pots.length > 1 &&
            current.pots.map((pot) => (
              <span key={pot.label} class="pots__pot" data-testid="replay-side-pot">
                {pot.label} {displayAmount(pot.amount)}
              </span>
            ))}
        </div>
        <ul class="replay__players">
          {current.players.map((player, index) => (
            <li
              key={player.name}
              class={`replay__player${current.actor === index ? ' replay__player--actor' : ''}${player.folded ? ' seat--folded' : ''}`}
              data-testid="replay-player"
            >
              <span class="replay__name">
                {player.name}
                {player.seat !== null && <span class="hint"> · seat {player.seat}</span>}
              </span>
              <span class="replay__cards">
                {player.cards?.map((card, i) => (
                  <PlayingCard key={`${card}-${i}`} card={card} small />
                ))}
              </span>
              <span class="replay__stack">
                {displayAmount(player.stack)}
                {player.allIn && (
                  <span class="badge badge--alert" data-testid="replay-all-in">
                    All-in
                  </span>
                )}
              </span>
              <span class="replay__bet">
                {player.handName ? (
                  <strong data-testid="replay-hand-name">{player.handName}</strong>
                ) : player.bet !== '0' ? (
                  `bet ${displayAmount(player.bet)}`
                ) : (
                  ''
                )}
              </span>
            </li>
          ))}
        </ul>
        <p class="replay__description" aria-live="polite" data-testid="replay-description">
          {current.description}
        </p>
      </section>
      <div class="replay__controls">
        <button
          type="button"
          class="button"
          disabled={step === 0}
          data-testid="replay-first"
          onClick={() => setStep(0)}
        >
          « First<span class="sr-only"> step</span>
        </button>
        <button
          type="button"
          class="button"
          disabled={step === 0}
          data-testid="replay-prev"
          onClick={() => setStep(step - 1)}
        >
          ◀ Previous
        </button>
        <span class="replay__position" data-testid="replay-position">
          {Math.min(step, last) + 1} / {last + 1}
        </span>
        <button
          type="button"
          class="button"
          disabled={step >= last}
          data-testid="replay-next"
          onClick={() => setStep(step + 1)}
        >
          Next ▶
        </button>
        <button
          type="button"
          class="button"
          disabled={step >= last}
          data-testid="replay-last"
          onClick={() => setStep(last)}
        >
          Last<span class="sr-only"> step</span> »
        </button>
      </div>
      <ol class="replay__log">
        {replay.steps.map((entry, index) => (
          <li key={`${index}-${entry.description}`} class={index === step ? 'replay__log-current' : ''}>
            <button type="button" class="link" onClick={() => setStep(index)}>
              {entry.description}
            </button>
          </li>
        ))}
      </ol>
    </main>
  );
}

/**
 * A hand that was void: nothing to replay (no chip moved), but its deck proof, which opens the
 * player's own cards and the board positions, so they can check the deck was the committed one
 * (`npm run verify:deck -- --proof <file>`).
 */
function VoidedHand({ summary, proof }: { summary: HandSummary; proof: HandResponse['hand']['proof'] }) {
  const own = proof.holeCards.find((entry) => entry.seat === summary.seat)?.cards ?? [];
  return (
    <main class="page replay" data-testid="voided-hand">
      <h1>
        {summary.tableName} · hand #{summary.number} · void
      </h1>
      <p>
        This hand was not played out: the server running the table stopped during it. No chip moved; every
        stack is as it was when the hand began.
      </p>
      <p>
        Your cards{' '}
        {own.map((card) => (
          <PlayingCard key={card} card={card} />
        ))}{' '}
        and the board positions{' '}
        {proof.board.map((card) => (
          <PlayingCard key={card} card={card} />
        ))}{' '}
        open the deck commitment <code class="commitment">{proof.commitment.slice(0, 16)}…</code> published
        when the hand began.
      </p>
      <button
        type="button"
        class="button"
        data-testid="voided-proof-download"
        onClick={() =>
          saveFile(
            `proof-${summary.tableName}-${summary.number}.json`,
            JSON.stringify(proof),
            'application/json',
          )
        }
      >
        Download the proof
      </button>{' '}
      <a class="button button--ghost" href={hrefOf({ page: 'hands' })}>
        Back to the hands
      </a>
    </main>
  );
}
