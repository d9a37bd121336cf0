const SUIT_SYMBOLS: Record<string, string> = { s: '♠', h: '♥', d: '♦', c: '♣' };
const SUIT_NAMES: Record<string, string> = { s: 'spades', h: 'hearts', d: 'diamonds', c: 'clubs' };
const RANK_NAMES: Record<string, string> = {
  A: 'ace',
  K: 'king',
  Q: 'queen',
  J: 'jack',
  T: 'ten',
  '9': 'nine',
  '8': 'eight',
  '7': 'seven',
  '6': 'six',
  '5': 'five',
  '4': 'four',
  '3': 'three',
  '2': 'two',
};

export function cardName(card: string): string {
  return `${RANK_NAMES[card[0] ?? ''] ?? card[0]} of ${SUIT_NAMES[card[1] ?? ''] ?? card[1]}`;
}

interface PlayingCardProps {
  /** "As", "Td"; null for a card face down. */
  readonly card: string | null;
  readonly small?: boolean;
  /** One of the five cards of a winning hand. */
  readonly highlight?: boolean;
}

/** One card, face up (rank and suit, named for screen readers) or face down. */
export function PlayingCard({ card, small, highlight }: PlayingCardProps) {
  const size = `${small ? ' card--small' : ''}${highlight ? ' card--win' : ''}`;
  if (card === null) {
    return (
      <span class={`card card--back${size}`} role="img" aria-label="face-down card" data-testid="card-back" />
    );
  }
  const rank = card[0] === 'T' ? '10' : (card[0] ?? '?');
  const suit = card[1] ?? '';
  const red = suit === 'h' || suit === 'd';
  return (
    <span
      class={`card${red ? ' card--red' : ''}${size}`}
      role="img"
      aria-label={cardName(card)}
      data-testid="card"
      data-card={card}
    >
      <span class="card__rank">{rank}</span>
      <span class="card__suit">{SUIT_SYMBOLS[suit] ?? suit}</span>
    </span>
  );
}
