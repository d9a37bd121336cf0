/**
 * Who is dealt into the next hand, and in which position.
 *
 * The rule (a simplified "moving big blind"): the big blind advances each hand to the next seated
 * player clockwise, so nobody escapes paying it; the small blind and the button are the dealt
 * players immediately to its right (heads-up, the button posts the small blind). With an unchanged
 * table this moves the button exactly one seat per hand.
 *
 * Players who join a game in progress, and players coming back from sitting out, WAIT FOR THE BIG
 * BLIND: they are dealt in at the first hand where the big blind reaches their seat. Or they choose
 * to POST NOW: they are dealt into the next hand and post a live big blind from where they sit (a
 * player whose position there is a blind posts that blind instead, and nothing more).
 * When fewer than two players are already in the game (a table starting, or one left alone),
 * nobody waits: everyone is dealt in, and nobody posts more than their position's blind.
 */

export interface SeatingCandidate {
  readonly seat: number;
  readonly waitingForBigBlind: boolean;
  /** Waiting for the big blind, but chose to post one now rather than wait. */
  readonly postsBigBlindNow: boolean;
}

export interface HandSeating {
  /** Seats in the engine's position order: first clockwise from the button, the button last. */
  readonly positions: readonly number[];
  readonly buttonSeat: number;
  readonly smallBlindSeat: number;
  readonly bigBlindSeat: number;
  /** Seats that post a live big blind out of position (see HandSetup.livePosts), in seat order. */
  readonly livePostSeats: readonly number[];
}

/**
 * `candidates` are the players who could play (seated, in, with chips). Returns null when fewer
 * than two can be dealt in.
 */
export function chooseHandSeating(
  candidates: readonly SeatingCandidate[],
  previousBigBlindSeat: number | null,
): HandSeating | null {
  if (candidates.length < 2) return null;
  const sorted = [...candidates].sort((a, b) => a.seat - b.seat);
  const playing = sorted.filter((candidate) => !candidate.waitingForBigBlind);
  const everyoneIn = playing.length < 2;

  let bigBlindSeat: number;
  const dealt = new Set<number>((everyoneIn ? sorted : playing).map((candidate) => candidate.seat));
  if (previousBigBlindSeat === null) {
    const seats = [...dealt].sort((a, b) => a - b);
    // A fresh start: the lowest seat takes the button.
    bigBlindSeat = seats.length === 2 ? seats[1]! : seats[2]!;
  } else {
    const next = sorted.find((candidate) => candidate.seat > previousBigBlindSeat) ?? sorted[0]!;
    bigBlindSeat = next.seat;
    // The big blind reaching a waiting player is what deals them in.
    dealt.add(bigBlindSeat);
  }
  const posters = everyoneIn
    ? []
    : sorted.filter((candidate) => candidate.waitingForBigBlind && candidate.postsBigBlindNow);
  for (const poster of posters) dealt.add(poster.seat);

  const seats = [...dealt].sort((a, b) => a - b);
  const count = seats.length;
  const bigBlindIndex = seats.indexOf(bigBlindSeat);
  const at = (offset: number) => seats[(((bigBlindIndex + offset) % count) + count) % count]!;
  const buttonSeat = count === 2 ? at(-1) : at(-2);
  const smallBlindSeat = at(-1);
  const buttonIndex = seats.indexOf(buttonSeat);
  const positions = Array.from({ length: count }, (_, i) => seats[(buttonIndex + 1 + i) % count]!);
  const livePostSeats = posters
    .map((poster) => poster.seat)
    .filter((seat) => seat !== bigBlindSeat && seat !== smallBlindSeat);
  return { positions, buttonSeat, smallBlindSeat, bigBlindSeat, livePostSeats };
}
