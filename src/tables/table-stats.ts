const HOUR_MS = 3_600_000;

/** Hands completed in the last hour and their pots, for the lobby. */
export class TableStats {
  private hands: { endedAtMs: number; potUnits: number }[] = [];

  record(endedAtMs: number, potUnits: number): void {
    this.hands.push({ endedAtMs, potUnits });
  }

  /** Hands per hour and the average pot (in units, rounded down) over the last hour. */
  summarize(nowMs: number): { handsPerHour: number; averagePotUnits: number } {
    const since = nowMs - HOUR_MS;
    let drop = 0;
    while (drop < this.hands.length && this.hands[drop]!.endedAtMs < since) drop++;
    if (drop > 0) this.hands = this.hands.slice(drop);
    const count = this.hands.length;
    if (count === 0) return { handsPerHour: 0, averagePotUnits: 0 };
    let total = 0;
    for (const hand of this.hands) total += hand.potUnits;
    return { handsPerHour: count, averagePotUnits: Math.floor(total / count) };
  }
}
