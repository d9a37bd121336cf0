import type { TournamentViewWire } from '../../../../src/protocol/table-view.js';
import { blindsLabel, chips, countdown } from '../tournaments/format.js';
import { useNow } from './use-now.js';

interface TournamentHudProps {
  readonly tournament: TournamentViewWire;
  /** Server time minus local time, from the latest view. */
  readonly clockOffsetMs: number;
}

/**
 * A strip above the felt at a tournament table: the level and its blinds, the time to the next
 * level (on the server's clock), the player's rank of those left, the average stack. One line on a
 * laptop; it wraps on a phone.
 */
export function TournamentHud({ tournament: t, clockOffsetMs }: TournamentHudProps) {
  const now = useNow(t.levelEndsAtMs !== null, 1_000) + clockOffsetMs;
  const left = t.levelEndsAtMs === null ? null : countdown(t.levelEndsAtMs - now);
  return (
    <div class="hud" data-testid="tournament-hud" role="status" aria-label="Tournament">
      <span class="hud__item" data-testid="hud-level">
        <span class="hud__label">Level</span> {t.level}
      </span>
      <span class="hud__item hud__blinds" data-testid="hud-blinds">
        {blindsLabel(t.smallBlind, t.bigBlind, t.ante)}
      </span>
      {t.paused === 'break' ? (
        <span class="hud__item hud__pause" data-testid="hud-countdown">
          Break{left !== null && ` ${left}`}
        </span>
      ) : (
        left !== null && (
          <span class="hud__item" data-testid="hud-countdown">
            <span class="hud__label">Next</span> {left}
          </span>
        )
      )}
      {t.paused === 'hand-for-hand' && <span class="hud__item hud__pause">Hand-for-hand</span>}
      {t.yourRank !== null && (
        <span class="hud__item" data-testid="hud-rank">
          <span class="hud__label">Rank</span> {t.yourRank}
          {t.playersLeft !== null && `/${t.playersLeft}`}
        </span>
      )}
      {t.yourRank === null && t.playersLeft !== null && (
        <span class="hud__item" data-testid="hud-left">
          <span class="hud__label">Left</span> {t.playersLeft}
        </span>
      )}
      {t.averageStack !== null && (
        <span class="hud__item" data-testid="hud-average">
          <span class="hud__label">Avg</span> {chips(t.averageStack)}
        </span>
      )}
    </div>
  );
}
